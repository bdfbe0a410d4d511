import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { srAgencyContacts, srAreas, srGroups, srServices, srSettings, type AreaRow, type GroupRow, type ServiceRow } from './tables.js';

/** The site's service groups in display order. */
export async function listGroups(db: Db, siteId: string): Promise<GroupRow[]> {
  return db.select().from(srGroups).where(eq(srGroups.siteId, siteId)).orderBy(asc(srGroups.position), asc(srGroups.code));
}

/** The site's services (active only unless `all`), by code. */
export async function listServices(db: Db, siteId: string, opts: { all?: boolean } = {}): Promise<ServiceRow[]> {
  const where = opts.all ? eq(srServices.siteId, siteId) : and(eq(srServices.siteId, siteId), eq(srServices.active, true));
  return db.select().from(srServices).where(where).orderBy(asc(srServices.code));
}

/** One service by its code. */
export async function findServiceByCode(db: Db, siteId: string, code: string): Promise<ServiceRow | null> {
  const [row] = await db
    .select()
    .from(srServices)
    .where(and(eq(srServices.siteId, siteId), eq(srServices.code, code)))
    .limit(1);
  return row ?? null;
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

/** Every agency area of the site. */
export async function listAreas(db: Db, siteId: string): Promise<AreaRow[]> {
  return db.select().from(srAreas).where(eq(srAreas.siteId, siteId)).orderBy(asc(srAreas.name));
}

/** The site's fallback agency, if one is set. */
export async function findFallbackAgency(db: Db, siteId: string): Promise<string | null> {
  const [row] = await db.select().from(srSettings).where(eq(srSettings.siteId, siteId)).limit(1);
  return row?.fallbackAgencyId ?? null;
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
