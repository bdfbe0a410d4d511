import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { srPlaces, type PlaceRow } from './tables.js';

/** The site's gazetteer, by name. */
export async function listPlaces(db: Db, siteId: string): Promise<PlaceRow[]> {
  return db.select().from(srPlaces).where(eq(srPlaces.siteId, siteId)).orderBy(asc(srPlaces.name));
}

/** One place of the gazetteer by id. */
export async function findPlace(db: Db, siteId: string, id: string): Promise<PlaceRow | null> {
  const [row] = await db
    .select()
    .from(srPlaces)
    .where(and(eq(srPlaces.siteId, siteId), eq(srPlaces.id, id)))
    .limit(1);
  return row ?? null;
}
