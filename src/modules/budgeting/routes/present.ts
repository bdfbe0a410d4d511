import type { Deps } from '../../../db/context.js';
import { notFound } from '../../../kernel/errors.js';
import { computePhase } from '../core/phases.js';
import { findProcessBySlug, listCategories, listDistricts } from '../store/queries.js';
import type { BallotRow, CategoryRow, DistrictRow, HistoryRow, ProcessRow, ProjectRow } from '../store/tables.js';

/** A process as the API shows it, with its current phase, districts and categories. */
export function presentProcess(p: ProcessRow, districts: DistrictRow[], categories: CategoryRow[], now: Date) {
  return {
    slug: p.slug,
    title: p.title,
    description: p.description,
    currency: p.currency,
    phases: p.phases,
    phase: computePhase(p.phases, now),
    rule: p.rule,
    ballotType: p.ballotType,
    constraints: p.constraints,
    districtVoting: p.districtVoting,
    eligibility: p.eligibility,
    locked: p.locked,
    resultsPublishedAt: p.resultsPublishedAt?.toISOString() ?? null,
    districts: districts.map((d) => ({ slug: d.slug, name: d.name, budget: d.budget, cityWide: d.cityWide })),
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
  };
}

/** A project as the API shows it (district and category by slug). */
export function presentProject(p: ProjectRow, districts: DistrictRow[], categories: CategoryRow[]) {
  return {
    code: p.code,
    title: p.title,
    description: p.description,
    cost: p.cost,
    district: districts.find((d) => d.id === p.districtId)?.slug ?? '',
    category: categories.find((c) => c.id === p.categoryId)?.slug ?? null,
    lat: p.lat,
    lng: p.lng,
    status: p.status,
    statusReason: p.statusReason,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A history entry as the API shows it. */
export function presentHistory(h: HistoryRow) {
  return { kind: h.kind, actorName: h.actorName, changes: h.changes, at: h.createdAt.toISOString() };
}

/** A ballot as its voter (or staff) sees it. */
export function presentBallot(b: BallotRow, districts: DistrictRow[]) {
  return {
    id: b.id,
    district: districts.find((d) => d.id === b.districtId)?.slug ?? '',
    pot: b.pot,
    channel: b.channel,
    status: b.status,
    reference: b.reference,
    choices: b.choices,
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** A process with its districts and categories, or a 404. */
export async function loadProcess(deps: Deps, siteId: string, slug: string) {
  const process = await findProcessBySlug(deps.db, siteId, slug);
  if (!process) throw notFound('Budgeting process');
  const [districts, categories] = await Promise.all([listDistricts(deps.db, siteId, process.id), listCategories(deps.db, siteId, process.id)]);
  return { process, districts, categories };
}
