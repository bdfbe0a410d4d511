import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { procurementSources, type SourceRow, type SourceState } from './tables.js';

/** Every source of a site, by name. */
export async function listSources(db: Db, siteId: string): Promise<SourceRow[]> {
  return db.select().from(procurementSources).where(eq(procurementSources.siteId, siteId)).orderBy(asc(procurementSources.name));
}

/** One source by id, or null. */
export async function findSource(db: Db, siteId: string, id: string): Promise<SourceRow | null> {
  const [row] = await db
    .select()
    .from(procurementSources)
    .where(and(eq(procurementSources.siteId, siteId), eq(procurementSources.id, id)))
    .limit(1);
  return row ?? null;
}

/** One source by name, or null. */
export async function findSourceByName(db: Db, siteId: string, name: string): Promise<SourceRow | null> {
  const [row] = await db
    .select()
    .from(procurementSources)
    .where(and(eq(procurementSources.siteId, siteId), eq(procurementSources.name, name)))
    .limit(1);
  return row ?? null;
}

/** Adds a source row. */
export async function insertSource(db: Db, row: typeof procurementSources.$inferInsert): Promise<void> {
  await db.insert(procurementSources).values(row);
}

/** Changes a source's fields. */
export async function updateSource(
  db: Db,
  siteId: string,
  id: string,
  patch: Partial<Omit<SourceRow, 'id' | 'siteId' | 'createdAt'>>,
): Promise<void> {
  await db
    .update(procurementSources)
    .set(patch)
    .where(and(eq(procurementSources.siteId, siteId), eq(procurementSources.id, id)));
}

/** Saves where a live source stands (call in the same transaction as the data it covers). */
export async function saveSourceState(db: Db, siteId: string, id: string, state: SourceState, now: Date, error: string | null = null): Promise<void> {
  await updateSource(db, siteId, id, { state, lastRunAt: now, lastError: error, updatedAt: now });
}

/** Removes a source (its releases stay, attributed to its id). */
export async function deleteSource(db: Db, siteId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(procurementSources)
    .where(and(eq(procurementSources.siteId, siteId), eq(procurementSources.id, id)))
    .returning({ id: procurementSources.id });
  return rows.length > 0;
}
