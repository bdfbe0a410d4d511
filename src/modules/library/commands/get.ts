import type { Deps } from '../../../db/context.js';
import { findCaseStudyBySlug } from '../store/case-studies.js';
import { findPostBySlug } from '../store/posts.js';
import type { CaseStudyRow, PostRow } from '../store/tables.js';

/** A case study by slug; unpublished ones only when `withDrafts` (editors). */
export async function getCaseStudy(deps: Deps, siteId: string, slug: string, opts: { withDrafts?: boolean } = {}): Promise<CaseStudyRow | null> {
  const row = await findCaseStudyBySlug(deps.db, siteId, slug);
  if (!row || (row.status !== 'published' && !opts.withDrafts)) return null;
  return row;
}

/** A post by slug; unpublished ones only when `withDrafts` (editors). */
export async function getPost(deps: Deps, siteId: string, slug: string, opts: { withDrafts?: boolean } = {}): Promise<PostRow | null> {
  const row = await findPostBySlug(deps.db, siteId, slug);
  if (!row || (row.status !== 'published' && !opts.withDrafts)) return null;
  return row;
}
