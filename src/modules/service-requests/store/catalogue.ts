import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { srAgencyContacts, srAreas, srGroups, srServices, srSettings, type AreaRow, type GroupRow, type ServiceRow } from './tables.js';

/** The site's service groups in display order. */
export async function listGroups(db: Db, siteId: string): Promise<GroupRow[]> {
  return db.select().from(srGroups).where(eq(srGroups.siteId, siteId)).orderBy(asc(srGroups.position), asc(srGroups.code));
}

/** The site's services (active only unless `all`), by code (from the catalogue snapshot). */
export async function listServices(db: Db, siteId: string, opts: { all?: boolean } = {}): Promise<ServiceRow[]> {
  const { services } = await loadCatalogueSnapshot(db, siteId);
  return opts.all ? services : services.filter((x) => x.active);
}

/** One service by its code (from the per-process catalogue snapshot; see `loadCatalogueSnapshot`). */
export async function findServiceByCode(db: Db, siteId: string, code: string): Promise<ServiceRow | null> {
  return (await loadCatalogueSnapshot(db, siteId)).byCode.get(code) ?? null;
}

/** One service by id. */
export async function findService(db: Db, siteId: string, id: string): Promise<ServiceRow | null> {
  const [row] = await db
    .select()
    .from(srServices)
    .where(and(eq(srServices.siteId, siteId), eq(srServices.id, id)))
    .limit(1);
  return row ?? null;
}

/** Every agency area of the site, by name (from the catalogue snapshot). */
export async function listAreas(db: Db, siteId: string): Promise<AreaRow[]> {
  return (await loadCatalogueSnapshot(db, siteId)).areas;
}

/** The site's fallback agency, if one is set (read fresh with the catalogue's revision). */
export async function findFallbackAgency(db: Db, siteId: string): Promise<string | null> {
  return (await loadCatalogueSnapshot(db, siteId)).fallbackAgencyId;
}

/**
 * What routing a report needs, read together: every service (active or not) by code, the
 * agencies' areas, the fallback agency, and the revision they belong to. Rows are shared between
 * callers: read them, never change them.
 */
export interface CatalogueSnapshot {
  revision: number;
  fallbackAgencyId: string | null;
  services: ServiceRow[];
  byCode: Map<string, ServiceRow>;
  areas: AreaRow[];
}

/**
 * Per-process cache of each site's catalogue, keyed by the database handle (one per process,
 * like `deps.memo`) and checked against `sr_settings.catalogue_revision` on every call: one
 * small read instead of three, and the services and area polygons are parsed once per change.
 * Every catalogue write bumps the revision in the same transaction (`bumpCatalogueRevision`),
 * so another process's change is seen on the next call.
 */
const snapshots = new WeakMap<Db, Map<string, CatalogueSnapshot>>();
/** Calls made in the same tick (an `await Promise.all([...])` of the loaders) share one read. */
const pending = new WeakMap<Db, Map<string, Promise<CatalogueSnapshot>>>();

async function readSnapshot(db: Db, siteId: string): Promise<CatalogueSnapshot> {
  const [settings] = await db
    .select({ revision: srSettings.catalogueRevision, fallbackAgencyId: srSettings.fallbackAgencyId })
    .from(srSettings)
    .where(eq(srSettings.siteId, siteId))
    .limit(1);
  const revision = settings?.revision ?? 0;
  const fallbackAgencyId = settings?.fallbackAgencyId ?? null;
  let cache = snapshots.get(db);
  if (!cache) snapshots.set(db, (cache = new Map()));
  const hit = cache.get(siteId);
  if (hit && hit.revision === revision) return hit.fallbackAgencyId === fallbackAgencyId ? hit : { ...hit, fallbackAgencyId };
  const [services, areas] = await Promise.all([
    db.select().from(srServices).where(eq(srServices.siteId, siteId)).orderBy(asc(srServices.code)),
    db.select().from(srAreas).where(eq(srAreas.siteId, siteId)).orderBy(asc(srAreas.name)),
  ]);
  const snapshot: CatalogueSnapshot = { revision, fallbackAgencyId, services, byCode: new Map(services.map((x) => [x.code, x])), areas };
  cache.set(siteId, snapshot);
  return snapshot;
}

/** The site's catalogue snapshot, current as of this call (see `snapshots`). */
export function loadCatalogueSnapshot(db: Db, siteId: string): Promise<CatalogueSnapshot> {
  let inTick = pending.get(db);
  if (!inTick) pending.set(db, (inTick = new Map()));
  const running = inTick.get(siteId);
  if (running) return running;
  const next = readSnapshot(db, siteId);
  inTick.set(siteId, next);
  const map = inTick;
  queueMicrotask(() => map.delete(siteId));
  return next;
}

/** Marks the site's catalogue changed; call in the transaction of every catalogue write. */
export async function bumpCatalogueRevision(db: Db, siteId: string, now: Date): Promise<void> {
  await db
    .insert(srSettings)
    .values({ siteId, fallbackAgencyId: null, catalogueRevision: 1, updatedAt: now })
    .onConflictDoUpdate({ target: srSettings.siteId, set: { catalogueRevision: sql`${srSettings.catalogueRevision} + 1`, updatedAt: now } });
}

export type AgencyContact = typeof srAgencyContacts.$inferSelect;

/** How an agency wants to be told of new and overdue reports. */
export async function findAgencyContact(db: Db, siteId: string, agencyId: string): Promise<AgencyContact | null> {
  const [row] = await db
    .select()
    .from(srAgencyContacts)
    .where(and(eq(srAgencyContacts.siteId, siteId), eq(srAgencyContacts.agencyId, agencyId)))
    .limit(1);
  return row ?? null;
}

/** How each agency of the site is told of reports (agencies without settings have no row). */
export async function listAgencyContacts(db: Db, siteId: string): Promise<AgencyContact[]> {
  return db.select().from(srAgencyContacts).where(eq(srAgencyContacts.siteId, siteId));
}
