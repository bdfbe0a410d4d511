import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { inTransaction, type Db } from '../../../db/connection.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { fieldReasonsOf, parseInput } from '../../../kernel/validation.js';
import { mapAnswersToCaseStudy } from '../core/questionnaire.js';
import { nextSubmissionStatus, type SubmissionAction, type SubmissionStatus } from '../core/submission-status.js';
import { findCallById, findSubmission } from '../store/calls.js';
import { libraryCallSubmissionEvents, libraryCallSubmissions, type CallRow, type SubmissionRow } from '../store/calls-tables.js';
import { saveCaseStudy } from './save-case-study.js';
import { mailSubmitter } from './submission-mail.js';

/** Who acts on a submission. */
export interface ReviewActor {
  userId: string;
  name: string;
}

/** A message to the submitter: a comment, a request for changes or a reason for rejection. */
export const reviewMessageInput = z.object({ message: z.string().trim().min(1, 'write a message').max(5000) });

interface Loaded {
  call: CallRow;
  submission: SubmissionRow;
}

async function load(db: Db, siteId: string, submissionId: string): Promise<Loaded> {
  const submission = await findSubmission(db, siteId, submissionId);
  if (!submission) throw notFound('Submission');
  const call = await findCallById(db, siteId, submission.callId);
  if (!call) throw notFound('Call');
  return { call, submission };
}

function step(status: SubmissionStatus, action: SubmissionAction): SubmissionStatus {
  const r = nextSubmissionStatus(status, action);
  if (!r.ok) throw new AppError('invalid_state', `Not possible now: ${r.error}.`, { details: { status } });
  return r.value;
}

/** Moves a submission from its current status (guarded against a concurrent change) and records the event. */
async function transition(
  tx: Db,
  siteId: string,
  from: SubmissionRow,
  to: SubmissionStatus,
  event: { kind: 'changes_requested' | 'accepted' | 'rejected'; actor: ReviewActor; message: string | null; now: Date },
  extra: Partial<Pick<SubmissionRow, 'caseStudyId' | 'rejectReason' | 'decidedAt'>> = {},
): Promise<SubmissionRow> {
  const [row] = await tx
    .update(libraryCallSubmissions)
    .set({ status: to, updatedAt: event.now, ...extra })
    .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.id, from.id), eq(libraryCallSubmissions.status, from.status)))
    .returning();
  if (!row) throw new AppError('conflict', 'The submission changed meanwhile; reload and try again.');
  await tx.insert(libraryCallSubmissionEvents).values({
    id: newId(),
    siteId,
    submissionId: from.id,
    kind: event.kind,
    authorId: event.actor.userId,
    authorName: event.actor.name,
    message: event.message,
    createdAt: event.now,
  });
  return row;
}

/**
 * Adds a comment to a sent submission (by an editor or the submitter). The submitter is mailed
 * when an editor comments.
 */
export async function commentOnSubmission(
  deps: Deps,
  siteId: string,
  args: { submissionId: string; actor: ReviewActor; message: unknown; origin: string },
): Promise<void> {
  const { message } = parseInput(reviewMessageInput, { message: args.message });
  const { call, submission } = await load(deps.db, siteId, args.submissionId);
  step(submission.status, 'comment');
  await deps.db.insert(libraryCallSubmissionEvents).values({
    id: newId(),
    siteId,
    submissionId: submission.id,
    kind: 'comment',
    authorId: args.actor.userId,
    authorName: args.actor.name,
    message,
    createdAt: deps.clock.now(),
  });
  if (args.actor.userId !== submission.userId) await mailSubmitter(deps, siteId, { kind: 'comment', call, submission, origin: args.origin, message });
}

/** Sends a submission back to its author with a message saying what to change. */
export async function requestSubmissionChanges(
  deps: Deps,
  siteId: string,
  args: { submissionId: string; actor: ReviewActor; message: unknown; origin: string },
): Promise<SubmissionRow> {
  const { message } = parseInput(reviewMessageInput, { message: args.message });
  const { call, submission } = await load(deps.db, siteId, args.submissionId);
  const to = step(submission.status, 'request_changes');
  const now = deps.clock.now();
  const row = await inTransaction(deps.db, (tx) =>
    transition(tx, siteId, submission, to, { kind: 'changes_requested', actor: args.actor, message, now }),
  );
  await mailSubmitter(deps, siteId, { kind: 'changes_requested', call, submission: row, origin: args.origin, message });
  return row;
}

/** Rejects a submission; the reason is required and mailed to the submitter. */
export async function rejectSubmission(
  deps: Deps,
  siteId: string,
  args: { submissionId: string; actor: ReviewActor; reason: unknown; origin: string },
): Promise<SubmissionRow> {
  const parsed = reviewMessageInput.safeParse({ message: args.reason });
  if (!parsed.success)
    throw new AppError('invalid_input', 'Say why the submission is rejected.', {
      fields: { reason: 'write the reason for the rejection' },
      reason: { reason: 'rejection_reason_missing' },
      reasons: { reason: fieldReasonsOf(parsed.error, { message: args.reason }).message ?? { reason: 'required' } },
    });
  const reason = parsed.data.message;
  const { call, submission } = await load(deps.db, siteId, args.submissionId);
  const to = step(submission.status, 'reject');
  const now = deps.clock.now();
  const row = await inTransaction(deps.db, (tx) =>
    transition(tx, siteId, submission, to, { kind: 'rejected', actor: args.actor, message: reason, now }, { rejectReason: reason, decidedAt: now }),
  );
  await mailSubmitter(deps, siteId, { kind: 'rejected', call, submission: row, origin: args.origin, message: reason });
  return row;
}

/** Problems keyed by question id as form fields (`answers.<id>`); `caseStudy.<field>` keys stay. */
function answerKeyed<T>(byQuestion: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(byQuestion).map(([k, v]) => [k.startsWith('caseStudy.') ? k : `answers.${k}`, v]));
}

/**
 * Accepts a submission: its answers become a published case study (through `saveCaseStudy`,
 * authored by the submitter, in their language) and the submission links to it. Both land
 * together or not at all; when the answers cannot make a case study, each problem is named by
 * question and nothing changes.
 */
export async function acceptSubmission(
  deps: Deps,
  siteId: string,
  args: { submissionId: string; actor: ReviewActor; origin: string },
): Promise<{ submission: SubmissionRow; caseStudy: { id: string; slug: string } }> {
  const { call, submission } = await load(deps.db, siteId, args.submissionId);
  const to = step(submission.status, 'accept');
  const mapped = mapAnswersToCaseStudy(call.questions, submission.answers, { locale: submission.locale });
  if (!mapped.ok) {
    throw new AppError('invalid_input', 'These answers cannot make a case study yet; request changes.', {
      fields: answerKeyed(mapped.error.fields),
      reason: { reason: 'answers_not_case_study' },
      reasons: answerKeyed(mapped.error.reasons),
    });
  }
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (tx) => {
    const caseStudy = await saveCaseStudy({ ...deps, db: tx }, siteId, mapped.value, { authorId: submission.userId });
    const row = await transition(
      tx,
      siteId,
      submission,
      to,
      { kind: 'accepted', actor: args.actor, message: null, now },
      { caseStudyId: caseStudy.id, decidedAt: now },
    );
    return { submission: row, caseStudy };
  });
  await mailSubmitter(deps, siteId, {
    kind: 'accepted',
    call,
    submission: result.submission,
    origin: args.origin,
    caseStudySlug: result.caseStudy.slug,
  });
  return result;
}
