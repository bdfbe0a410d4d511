import { and, asc, count, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { REVIEWABLE, type SubmissionStatus } from '../core/submission-status.js';
import {
  libraryCallSubmissionEvents,
  libraryCallSubmissions,
  libraryCalls,
  type CallRow,
  type SubmissionEventRow,
  type SubmissionRow,
} from './calls-tables.js';
import { libraryUploads } from './tables.js';

/** A call of the site by its slug. */
export async function findCallBySlug(db: Db, siteId: string, slug: string): Promise<CallRow | null> {
  const [row] = await db
    .select()
    .from(libraryCalls)
    .where(and(eq(libraryCalls.siteId, siteId), eq(libraryCalls.slug, slug)))
    .limit(1);
  return row ?? null;
}

/** A call of the site by its id. */
export async function findCallById(db: Db, siteId: string, id: string): Promise<CallRow | null> {
  const [row] = await db
    .select()
    .from(libraryCalls)
    .where(and(eq(libraryCalls.siteId, siteId), eq(libraryCalls.id, id)))
    .limit(1);
  return row ?? null;
}

/** The site's calls (published ones only unless `includeDrafts`), by deadline. A site holds few calls, so no paging. */
export async function listCalls(db: Db, siteId: string, opts: { includeDrafts?: boolean } = {}): Promise<CallRow[]> {
  const where = opts.includeDrafts ? eq(libraryCalls.siteId, siteId) : and(eq(libraryCalls.siteId, siteId), eq(libraryCalls.published, true));
  return db.select().from(libraryCalls).where(where).orderBy(asc(libraryCalls.deadline)).limit(500);
}

/** A submission of the site by id. */
export async function findSubmission(db: Db, siteId: string, id: string): Promise<SubmissionRow | null> {
  const [row] = await db
    .select()
    .from(libraryCallSubmissions)
    .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.id, id)))
    .limit(1);
  return row ?? null;
}

/** A person's submission to a call, if they started one. */
export async function findSubmissionOf(db: Db, siteId: string, callId: string, userId: string): Promise<SubmissionRow | null> {
  const [row] = await db
    .select()
    .from(libraryCallSubmissions)
    .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.callId, callId), eq(libraryCallSubmissions.userId, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * Submissions for review, most recently changed first, keyset-paginated on (updatedAt, id).
 * Drafts are never listed: they are their author's own until sent.
 */
export async function listSubmissions(
  db: Db,
  siteId: string,
  opts: { status?: SubmissionStatus; callId?: string; limit: number; after?: { updatedAt: Date; id: string } },
): Promise<SubmissionRow[]> {
  const conds: (SQL | undefined)[] = [eq(libraryCallSubmissions.siteId, siteId)];
  if (opts.status) conds.push(eq(libraryCallSubmissions.status, opts.status));
  else
    conds.push(
      or(...(['submitted', 'changes_requested', 'resubmitted', 'accepted', 'rejected'] as const).map((s) => eq(libraryCallSubmissions.status, s))),
    );
  if (opts.callId) conds.push(eq(libraryCallSubmissions.callId, opts.callId));
  if (opts.after)
    conds.push(
      or(
        lt(libraryCallSubmissions.updatedAt, opts.after.updatedAt),
        and(eq(libraryCallSubmissions.updatedAt, opts.after.updatedAt), lt(libraryCallSubmissions.id, opts.after.id)),
      ),
    );
  return db
    .select()
    .from(libraryCallSubmissions)
    .where(and(...conds))
    .orderBy(desc(libraryCallSubmissions.updatedAt), desc(libraryCallSubmissions.id))
    .limit(opts.limit);
}

/** The history of a submission, oldest first. */
export async function listSubmissionEvents(db: Db, siteId: string, submissionId: string): Promise<SubmissionEventRow[]> {
  return db
    .select()
    .from(libraryCallSubmissionEvents)
    .where(and(eq(libraryCallSubmissionEvents.siteId, siteId), eq(libraryCallSubmissionEvents.submissionId, submissionId)))
    .orderBy(asc(libraryCallSubmissionEvents.seq));
}

/** Which of `ids` are uploads of this site made by `userId` (so nobody attaches someone else's file). */
export async function uploadsOwnedBy(db: Db, siteId: string, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: libraryUploads.id })
    .from(libraryUploads)
    .where(and(eq(libraryUploads.siteId, siteId), eq(libraryUploads.uploadedBy, userId), inArray(libraryUploads.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** How many submissions of the site wait for a reviewer. */
export async function countSubmissionsToReview(db: Db, siteId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(libraryCallSubmissions)
    .where(and(eq(libraryCallSubmissions.siteId, siteId), inArray(libraryCallSubmissions.status, REVIEWABLE)));
  return row?.n ?? 0;
}

/** How many submissions (drafts included) a call holds: once there is one, its questionnaire may only change in ways that keep answers valid. */
export async function countSubmissionsOfCall(db: Db, siteId: string, callId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(libraryCallSubmissions)
    .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.callId, callId)));
  return row?.n ?? 0;
}
