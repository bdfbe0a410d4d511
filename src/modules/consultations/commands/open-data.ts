import type { Deps } from '../../../db/context.js';
import type { PublishedResults } from '../formats/open-data.js';
import { listConsultations } from '../store/consultations.js';
import { computeResults } from './results.js';
import { questionnaireOf } from './take-part.js';

/**
 * The results of every consultation of a site whose editors published them (drafts never), as
 * the public sees them: computeResults for the public audience, so only the published questions.
 */
export async function listPublishedResults(deps: Deps, siteId: string): Promise<PublishedResults[]> {
  const published = (await listConsultations(deps.db, siteId)).filter((c) => c.resultsPublished && c.publishedQuestions.length > 0);
  const out: PublishedResults[] = [];
  for (const c of published.reverse()) {
    out.push({ consultation: c, items: await questionnaireOf(deps, c), results: await computeResults(deps, c, { audience: 'public' }) });
  }
  return out;
}
