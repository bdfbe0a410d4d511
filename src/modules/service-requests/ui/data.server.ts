import type { Deps } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import type { Site } from '../../../kernel/site.js';
import { listOrganisations } from '../../sites/index.js';
import type { ServiceAttribute } from '../core/attributes.js';
import { isOpenStatus, type Status } from '../core/status.js';
import { listAreas, listGroups, listServices } from '../store/catalogue.js';
import type { RequestRow } from '../store/tables.js';

/** A service as the pages show it. */
export interface ServiceView {
  code: string;
  name: string;
  description: string;
  keywords: string[];
  groupCode: string | null;
  targetHours: number | null;
  locationRequired: boolean;
  agencyName: string | null;
  attributes: ServiceAttribute[];
}

/** The catalogue in the reader's language: groups (in order) holding their services, and names of agencies. */
export async function loadCatalogue(deps: Deps, site: Site, locale: string) {
  const [groups, services, agencies] = await Promise.all([
    listGroups(deps.db, site.id),
    listServices(deps.db, site.id),
    listOrganisations(deps.db, site.id, 'agency'),
  ]);
  const text = (t: Record<string, string>) => pickText(t, locale, site.defaultLocale).text;
  const agencyNames = Object.fromEntries(agencies.map((a) => [a.id, text(a.name)]));
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const views: ServiceView[] = services.map((s) => ({
    code: s.code,
    name: text(s.name),
    description: text(s.description),
    keywords: s.keywords,
    groupCode: s.groupId ? (groupCode.get(s.groupId) ?? null) : null,
    targetHours: s.targetHours,
    locationRequired: s.locationRequired,
    agencyName: s.agencyId ? (agencyNames[s.agencyId] ?? null) : null,
    attributes: s.attributes,
  }));
  const grouped = [...groups.map((g) => ({ code: g.code, name: text(g.name) })), { code: null, name: '' }]
    .map((g) => ({ ...g, services: views.filter((s) => s.groupCode === g.code) }))
    .filter((g) => g.services.length > 0);
  return { services: views, grouped, agencyNames, agencies: agencies.map((a) => ({ id: a.id, name: text(a.name) })) };
}

/** Whether a service matches a search: every word in its name, description, keywords or group. */
export function matchesSearch(s: ServiceView, groupName: string, q: string): boolean {
  const hay = [s.name, s.description, s.keywords.join(' '), groupName, s.code].join(' ').toLocaleLowerCase();
  return q
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** A report as lists and maps show it (no personal data). */
export interface ReportCard {
  id: string;
  serviceCode: string;
  serviceName: string;
  status: Status;
  open: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  /** The known place nearest to a report placed by its position alone (it names the report). */
  nearPlace: string | null;
  description: string;
  requestedAt: string;
  expectedAt: string | null;
  meTooCount: number;
  agencyName: string | null;
}

/** Presents report rows as cards. */
export function presentCards(rows: RequestRow[], services: ServiceView[], agencyNames: Record<string, string>): ReportCard[] {
  const names = new Map(services.map((s) => [s.code, s.name]));
  return rows.map((r) => ({
    id: r.id,
    serviceCode: r.serviceCode,
    serviceName: names.get(r.serviceCode) ?? r.serviceCode,
    status: r.status,
    open: isOpenStatus(r.status),
    lat: r.lat,
    lon: r.lon,
    address: r.address,
    nearPlace: r.nearPlace,
    description: r.description.slice(0, 300),
    requestedAt: r.requestedAt.toISOString(),
    expectedAt: r.expectedAt?.toISOString() ?? null,
    meTooCount: r.meTooCount,
    agencyName: r.agencyId ? (agencyNames[r.agencyId] ?? null) : null,
  }));
}

/** The areas of the site for the map. */
export async function loadAreas(deps: Deps, siteId: string) {
  return (await listAreas(deps.db, siteId)).map((a) => ({ id: a.id, name: a.name, geometry: a.geometry }));
}
