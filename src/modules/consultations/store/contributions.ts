import { and, asc, eq, gt, gte, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { submittedResponsesOf, type CountedResponse } from './results.js';
import { consultationResponses } from './tables.js';

/** A submitted response as contributions read it: a counted response, always with its time. */
export type ContributingResponse = CountedResponse & { submittedAt: Date };

/**
 * Up to `limit` submitted responses of a consultation after (`at`, `id`) in order of submission
 * time, then id (without `id`: those submitted at `at` or later) (keyset pagination on the index of status and submission time), so a
 * job reads only what came after its last page.
 */
export async function pageSubmittedResponses(
  db: Db,
  siteId: string,
  consultationId: string,
  opts: { after: { at: Date; id: string | null } | null; limit: number; settledBefore: Date },
): Promise<ContributingResponse[]> {
  const base = and(
    submittedResponsesOf(siteId, consultationId),
    // A response's time is taken before its transaction commits: the last seconds are left for
    // the next page, so that one committed late with an earlier time is not passed over.
    lt(consultationResponses.submittedAt, opts.settledBefore),
  );
  const { after } = opts;
  const rows = await db
    .select({
      id: consultationResponses.id,
      version: consultationResponses.version,
      channel: consultationResponses.channel,
      locale: consultationResponses.locale,
      answers: consultationResponses.answers,
      submittedAt: consultationResponses.submittedAt,
    })
    .from(consultationResponses)
    .where(
      after && after.id === null
        ? and(base, gte(consultationResponses.submittedAt, after.at))
        : after
          ? and(
              base,
              or(
                gt(consultationResponses.submittedAt, after.at),
                and(eq(consultationResponses.submittedAt, after.at), gt(consultationResponses.id, after.id as string)),
              ),
            )
          : base,
    )
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id))
    .limit(opts.limit);
  // A submitted response always has its time (takeSurveyStep, paper confirmation and imports set it).
  return rows.flatMap((r) => (r.submittedAt ? [{ ...r, submittedAt: r.submittedAt }] : []));
}
