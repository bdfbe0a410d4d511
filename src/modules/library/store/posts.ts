import { and, desc, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { PostSearchRecord } from '../core/search.js';
import { libraryPosts, type PostRow } from './tables.js';

export async function findPostBySlug(db: Db, siteId: string, slug: string): Promise<PostRow | null> {
  const [row] = await db
    .select()
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.slug, slug)))
    .limit(1);
  return row ?? null;
}

export async function findPostById(db: Db, siteId: string, id: string): Promise<PostRow | null> {
  const [row] = await db
    .select()
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.id, id)))
    .limit(1);
  return row ?? null;
}

export async function postSlugsLike(db: Db, siteId: string, base: string): Promise<Set<string>> {
  // Slugs are [a-z0-9-] only, so the prefix needs no LIKE escaping.
  const rows = await db
    .select({ slug: libraryPosts.slug })
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), like(libraryPosts.slug, `${base}%`)));
  return new Set(rows.filter((r) => r.slug === base || r.slug.startsWith(`${base}-`)).map((r) => r.slug));
}

/** The facet fields of every post with one of `statuses`. */
export async function listPostSearchRecords(db: Db, siteId: string, statuses: string[]): Promise<Omit<PostSearchRecord, 'rank'>[]> {
  const rows = await db
    .select({
      id: libraryPosts.id,
      type: libraryPosts.type,
      tags: libraryPosts.tags,
      status: libraryPosts.status,
      publishedAt: libraryPosts.publishedAt,
      updatedAt: libraryPosts.updatedAt,
    })
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), inArray(libraryPosts.status, statuses as PostRow['status'][])));
  return rows.map((r) => ({ id: r.id, type: r.type, tags: r.tags, status: r.status, date: (r.publishedAt ?? r.updatedAt).getTime() }));
}

export async function loadPosts(db: Db, siteId: string, ids: string[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), inArray(libraryPosts.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PostRow => !!r);
}

export async function listPublishedPosts(db: Db, siteId: string, limit?: number): Promise<PostRow[]> {
  const q = db
    .select()
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.status, 'published')))
    .orderBy(desc(libraryPosts.publishedAt), libraryPosts.id);
  return limit ? q.limit(limit) : q;
}
