import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { srPlaces, type PlaceRow } from './tables.js';

/** The site's gazetteer, by name. */
export async function listPlaces(db: Db, siteId: string): Promise<PlaceRow[]> {
  return db.select().from(srPlaces).where(eq(srPlaces.siteId, siteId)).orderBy(asc(srPlaces.name));
}

/** The site's places by name when it has at most `max` (a list a person can choose from), else null. */
export async function listPlacesUpTo(db: Db, siteId: string, max: number): Promise<Pick<PlaceRow, 'id' | 'name' | 'kind' | 'lat' | 'lon'>[] | null> {
  const rows = await db
    .select({ id: srPlaces.id, name: srPlaces.name, kind: srPlaces.kind, lat: srPlaces.lat, lon: srPlaces.lon })
    .from(srPlaces)
    .where(eq(srPlaces.siteId, siteId))
    .orderBy(asc(srPlaces.name))
    .limit(max + 1);
  return rows.length > max ? null : rows;
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
