import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { libraryUploads, type UploadRow } from './tables.js';

export async function insertUpload(db: Db, row: typeof libraryUploads.$inferInsert): Promise<void> {
  await db.insert(libraryUploads).values(row);
}

export async function findUpload(db: Db, siteId: string, id: string): Promise<UploadRow | null> {
  const [row] = await db
    .select()
    .from(libraryUploads)
    .where(and(eq(libraryUploads.siteId, siteId), eq(libraryUploads.id, id)))
    .limit(1);
  return row ?? null;
}

/** Which of `ids` are images uploaded to this site. */
export async function existingImageIds(db: Db, siteId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: libraryUploads.id })
    .from(libraryUploads)
    .where(and(eq(libraryUploads.siteId, siteId), inArray(libraryUploads.id, ids), eq(libraryUploads.isImage, true)));
  return new Set(rows.map((r) => r.id));
}
