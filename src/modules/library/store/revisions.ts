import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { libraryRevisions } from './tables.js';

/** Marks a site's case studies or posts as changed (call inside the changing transaction). */
export async function bumpRevision(db: Db, siteId: string, kind: 'case' | 'post'): Promise<void> {
  await db
    .insert(libraryRevisions)
    .values({ siteId, kind, revision: 1 })
    .onConflictDoUpdate({ target: [libraryRevisions.siteId, libraryRevisions.kind], set: { revision: sql`${libraryRevisions.revision} + 1` } });
}

/** The current revision of a site's case studies or posts (0 before any change). */
export async function readRevision(db: Db, siteId: string, kind: 'case' | 'post'): Promise<number> {
  const [row] = await db
    .select({ revision: libraryRevisions.revision })
    .from(libraryRevisions)
    .where(and(eq(libraryRevisions.siteId, siteId), eq(libraryRevisions.kind, kind)));
  return row?.revision ?? 0;
}
