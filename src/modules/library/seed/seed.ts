import type { Deps } from '../../../db/context.js';
import { saveCaseStudy } from '../commands/save-case-study.js';
import { savePost } from '../commands/save-post.js';
import type { CaseStudyInput, PostInput } from '../core/schemas.js';
import { demoCaseStudies, demoPosts } from './content.js';

const DAY = 86_400_000;

/**
 * Fills a site's library with the demo case studies and posts, published, through the same
 * commands editors use (so search documents are built). Publication dates are spread one week
 * apart back from now, newest first, unless the content gives its own.
 */
export async function seedLibrary(
  deps: Deps,
  siteId: string,
  content: { caseStudies: CaseStudyInput[]; posts: PostInput[] } = { caseStudies: demoCaseStudies, posts: demoPosts },
): Promise<{ caseStudies: number; posts: number }> {
  const now = deps.clock.now().getTime();
  for (const [i, cs] of content.caseStudies.entries()) {
    await saveCaseStudy(deps, siteId, { ...cs, status: 'published', publishedAt: cs.publishedAt ?? new Date(now - i * 7 * DAY) });
  }
  for (const [i, post] of content.posts.entries()) {
    await savePost(deps, siteId, { ...post, status: 'published', publishedAt: post.publishedAt ?? new Date(now - i * 5 * DAY) });
  }
  return { caseStudies: content.caseStudies.length, posts: content.posts.length };
}
