import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { notFound } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { CASE_STUDY_STATUSES, POST_STATUSES, type CaseStudyStatus, type PostStatus } from '../core/vocabulary.js';
import { bumpRevision } from '../store/revisions.js';
import { libraryCaseStudies, libraryPosts } from '../store/tables.js';

/** Moves a case study to `status`; publishing sets `publishedAt` the first time. */
export async function setCaseStudyStatus(
  deps: Deps,
  siteId: string,
  id: string,
  status: CaseStudyStatus,
): Promise<{ id: string; slug: string; status: CaseStudyStatus }> {
  const s = parseInput(z.object({ status: z.enum(CASE_STUDY_STATUSES) }), { status }).status;
  const [row] = await deps.db
    .select({ publishedAt: libraryCaseStudies.publishedAt })
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.id, id)));
  if (!row) throw notFound('Case study');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const [updated] = await tx
      .update(libraryCaseStudies)
      .set({ status: s, updatedAt: now, publishedAt: row.publishedAt ?? (s === 'published' ? now : null) })
      .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.id, id)))
      .returning({ id: libraryCaseStudies.id, slug: libraryCaseStudies.slug, status: libraryCaseStudies.status });
    await bumpRevision(tx, siteId, 'case');
    return updated;
  });
}

/** Moves a post to `status`; publishing sets `publishedAt` the first time. */
export async function setPostStatus(
  deps: Deps,
  siteId: string,
  id: string,
  status: PostStatus,
): Promise<{ id: string; slug: string; status: PostStatus }> {
  const s = parseInput(z.object({ status: z.enum(POST_STATUSES) }), { status }).status;
  const [row] = await deps.db
    .select({ publishedAt: libraryPosts.publishedAt })
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.id, id)));
  if (!row) throw notFound('Post');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const [updated] = await tx
      .update(libraryPosts)
      .set({ status: s, updatedAt: now, publishedAt: row.publishedAt ?? (s === 'published' ? now : null) })
      .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.id, id)))
      .returning({ id: libraryPosts.id, slug: libraryPosts.slug, status: libraryPosts.status });
    await bumpRevision(tx, siteId, 'post');
    return updated;
  });
}
