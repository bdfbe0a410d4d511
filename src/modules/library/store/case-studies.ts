import { and, desc, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { CaseSearchRecord } from '../core/search.js';
import { libraryCaseStudies, type CaseStudyRow } from './tables.js';

export async function findCaseStudyBySlug(db: Db, siteId: string, slug: string): Promise<CaseStudyRow | null> {
  const [row] = await db
    .select()
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.slug, slug)))
    .limit(1);
  return row ?? null;
}

export async function findCaseStudyById(db: Db, siteId: string, id: string): Promise<CaseStudyRow | null> {
  const [row] = await db
    .select()
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.id, id)))
    .limit(1);
  return row ?? null;
}

/** Slugs of the site that start with `base` (to pick a free one). */
export async function caseStudySlugsLike(db: Db, siteId: string, base: string): Promise<Set<string>> {
  // Slugs are [a-z0-9-] only, so the prefix needs no LIKE escaping.
  const rows = await db
    .select({ slug: libraryCaseStudies.slug })
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), like(libraryCaseStudies.slug, `${base}%`)));
  return new Set(rows.filter((r) => r.slug === base || r.slug.startsWith(`${base}-`)).map((r) => r.slug));
}

/** The facet fields of every case study with one of `statuses` (the input of faceted search). */
export async function listCaseSearchRecords(db: Db, siteId: string, statuses: string[]): Promise<Omit<CaseSearchRecord, 'rank'>[]> {
  const rows = await db
    .select({
      id: libraryCaseStudies.id,
      country: libraryCaseStudies.country,
      level: libraryCaseStudies.level,
      sectors: libraryCaseStudies.sectors,
      tags: libraryCaseStudies.tags,
      stage: libraryCaseStudies.stage,
      yearLaunched: libraryCaseStudies.yearLaunched,
      recognitions: libraryCaseStudies.recognitions,
      status: libraryCaseStudies.status,
      publishedAt: libraryCaseStudies.publishedAt,
      updatedAt: libraryCaseStudies.updatedAt,
    })
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), inArray(libraryCaseStudies.status, statuses as CaseStudyRow['status'][])));
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    level: r.level,
    sectors: r.sectors,
    tags: r.tags,
    stage: r.stage,
    yearLaunched: r.yearLaunched,
    recognised: r.recognitions.length > 0,
    status: r.status,
    date: (r.publishedAt ?? r.updatedAt).getTime(),
  }));
}

/** Full rows for ids, in the order given. */
export async function loadCaseStudies(db: Db, siteId: string, ids: string[]): Promise<CaseStudyRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), inArray(libraryCaseStudies.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is CaseStudyRow => !!r);
}

/** Published case studies, newest first (feeds, open data, sitemap). */
export async function listPublishedCaseStudies(db: Db, siteId: string, limit?: number): Promise<CaseStudyRow[]> {
  const q = db
    .select()
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.status, 'published')))
    .orderBy(desc(libraryCaseStudies.publishedAt), libraryCaseStudies.id);
  return limit ? q.limit(limit) : q;
}
