import type { Deps } from '../../../db/context.js';
import type { ContributionCursor, ContributionPage } from '../../../kernel/contributions.js';
import type { Item } from '../../questionnaires/index.js';
import { contributionsOfResponse } from '../core/contributions.js';
import { pageSubmittedResponses } from '../store/contributions.js';
import type { ConsultationRow } from '../store/tables.js';
import { questionnaireOf } from './take-part.js';

/** How many responses one page reads at most (each gives one contribution per open-text answer). */
export const CONTRIBUTIONS_PAGE = 500;

/** How long after its time a submitted response is sure to be committed: contributions read only older ones. */
export const SETTLE_MS = 10_000;

/**
 * A consultation's open-text answers as contributions (kernel/contributions), for the insights
 * module: the submitted responses after `after` (a cursor from an earlier page; from the start
 * when absent), `limit` responses at a time, in order of submission. Each response is read with
 * its own questionnaire version. The cursor returned stands on the last response read, so a job
 * that keeps it reads only responses submitted later; `done` says this page reached the end.
 * Responses of the last SETTLE_MS are left for a later call.
 */
export async function listConsultationContributions(
  deps: Deps,
  c: ConsultationRow,
  opts: { after?: ContributionCursor | null; limit?: number } = {},
): Promise<ContributionPage> {
  const limit = Math.max(1, Math.min(opts.limit ?? CONTRIBUTIONS_PAGE, 5000));
  const after = opts.after ? { at: new Date(opts.after.since), id: opts.after.afterId ?? null } : null;
  if (after && Number.isNaN(after.at.getTime())) throw new Error(`not a cursor time: ${opts.after?.since}`);
  const settledBefore = new Date(deps.clock.now().getTime() - SETTLE_MS);
  const responses = await pageSubmittedResponses(deps.db, c.siteId, c.id, { after, limit, settledBefore });
  const versions = new Map<number, readonly Item[]>();
  const contributions = [];
  for (const r of responses) {
    let items = versions.get(r.version);
    if (!items) versions.set(r.version, (items = await questionnaireOf(deps, c, r.version)));
    contributions.push(...contributionsOfResponse(c.id, items, r));
  }
  const last = responses[responses.length - 1];
  return {
    contributions,
    next: last ? { since: last.submittedAt.toISOString(), afterId: last.id } : (opts.after ?? null),
    done: responses.length < limit,
  };
}

/** Every contribution of a consultation after `after`, page by page (see listConsultationContributions). */
export async function* followConsultationContributions(
  deps: Deps,
  c: ConsultationRow,
  opts: { after?: ContributionCursor | null; limit?: number } = {},
): AsyncGenerator<ContributionPage> {
  let after = opts.after ?? null;
  for (;;) {
    const page = await listConsultationContributions(deps, c, { after, limit: opts.limit });
    yield page;
    if (page.done) return;
    after = page.next;
  }
}
