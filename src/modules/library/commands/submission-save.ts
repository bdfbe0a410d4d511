import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError, type FieldErrors } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { computeCallStatus, isPastDeadline } from '../core/call.js';
import { validateAnswers, type Answers, type FileAnswer } from '../core/questionnaire.js';
import { nextSubmissionStatus } from '../core/submission-status.js';
import { findSubmissionOf, uploadsOwnedBy } from '../store/calls.js';
import { libraryCallSubmissionEvents, libraryCallSubmissions, type CallRow, type SubmissionRow } from '../store/calls-tables.js';
import { mailEditors, mailSubmitter } from './submission-mail.js';

/** The signed-in person filling a call. */
export interface Submitter {
  userId: string;
  email: string;
  name: string;
}

/** `errors` in the order of the call's questions (then any others), so a summary reads like the form. */
function orderedLike(call: CallRow, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const q of call.questions) if (errors[q.id]) out[q.id] = errors[q.id];
  return { ...out, ...errors };
}

function answerErrors<T>(errors: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'answers' ? k : `answers.${k}`, v]));
}

/**
 * Refuses changes to a call that is not taking them: not published or not open yet, or past its
 * deadline (`deadline_passed`). A submission whose changes were requested may still be edited
 * and resubmitted after the deadline, since the editors asked for it.
 */
function assertCallTakesAnswers(call: CallRow, existing: SubmissionRow | null, now: Date): void {
  const status = computeCallStatus(call, now);
  if (status === 'draft') throw new AppError('not_found', 'Call was not found.');
  if (existing?.status === 'changes_requested') return;
  if (isPastDeadline(call, now)) {
    throw new AppError('deadline_passed', 'The deadline of this call has passed: submissions are closed. Your saved answers are kept.', {
      details: { deadline: call.deadline.toISOString() },
    });
  }
  if (status === 'upcoming') throw new AppError('invalid_state', 'This call is not open yet.');
}

/**
 * Checks answers in draft mode, including that files are the submitter's own uploads on this site.
 * With `mode` 'submit', a refusal also names the required questions left blank, so one attempt
 * reports every problem at once (format and missing answers together).
 */
async function checkDraftAnswers(
  deps: Deps,
  siteId: string,
  call: CallRow,
  userId: string,
  raw: unknown,
  mode: 'draft' | 'submit' = 'draft',
): Promise<Answers> {
  const { answers, errors, reasons } = validateAnswers(call.questions, raw, 'draft');
  const fileIds = call.questions
    .filter((q) => q.type === 'file' && answers[q.id])
    .flatMap((q) => (answers[q.id] as FileAnswer[]).map((f) => ({ q: q.id, id: f.uploadId })));
  const owned = await uploadsOwnedBy(
    deps.db,
    siteId,
    userId,
    fileIds.map((f) => f.id),
  );
  for (const f of fileIds) {
    if (owned.has(f.id) || errors[f.q]) continue;
    errors[f.q] = 'each file must be one you uploaded to this site';
    reasons[f.q] = { reason: 'invalid' };
  }
  if (Object.keys(errors).length) {
    const whole = mode === 'submit' ? validateAnswers(call.questions, raw, 'submit') : null;
    const all = whole ? { ...whole.errors, ...errors } : errors;
    const allReasons = whole ? { ...whole.reasons, ...reasons } : reasons;
    throw new AppError('invalid_input', 'Some answers are not valid.', {
      fields: answerErrors(orderedLike(call, all)),
      reasons: answerErrors(allReasons),
      reason: { reason: 'answers_invalid' },
    });
  }
  return answers;
}

/**
 * Saves a person's draft answers to a call (creating their submission on first save). A draft
 * may be incomplete, but every answer given must fit its question; otherwise nothing is written
 * and each bad answer is named (`answers.<question id>`). `mode: 'submit'` (used by
 * `submitSubmission`) also names blank required questions when the draft is refused.
 */
export async function saveSubmissionDraft(
  deps: Deps,
  siteId: string,
  args: { call: CallRow; submitter: Submitter; answers: unknown; locale: string; mode?: 'draft' | 'submit' },
): Promise<SubmissionRow> {
  const { call, submitter } = args;
  const now = deps.clock.now();
  const existing = await findSubmissionOf(deps.db, siteId, call.id, submitter.userId);
  assertCallTakesAnswers(call, existing, now);
  if (existing) {
    const step = nextSubmissionStatus(existing.status, 'edit');
    if (!step.ok) throw new AppError('invalid_state', `This submission can no longer be edited: ${step.error}.`);
  }
  const answers = await checkDraftAnswers(deps, siteId, call, submitter.userId, args.answers, args.mode);
  if (existing) {
    const [row] = await deps.db
      .update(libraryCallSubmissions)
      .set({ answers, locale: args.locale, updatedAt: now })
      .where(
        and(
          eq(libraryCallSubmissions.siteId, siteId),
          eq(libraryCallSubmissions.id, existing.id),
          eq(libraryCallSubmissions.status, existing.status),
        ),
      )
      .returning();
    if (!row) throw new AppError('conflict', 'The submission changed meanwhile; reload and try again.');
    return row;
  }
  const [row] = await deps.db
    .insert(libraryCallSubmissions)
    .values({
      id: newId(),
      siteId,
      callId: call.id,
      userId: submitter.userId,
      email: submitter.email,
      name: submitter.name,
      status: 'draft',
      answers,
      locale: args.locale,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [libraryCallSubmissions.siteId, libraryCallSubmissions.callId, libraryCallSubmissions.userId],
      set: { answers, locale: args.locale, updatedAt: now },
    })
    .returning();
  return row;
}

/**
 * Submits (or resubmits after requested changes) a person's answers before the deadline. When
 * `answers` is given it is first saved as the draft, so nothing typed is lost even when the
 * submission is then refused for missing answers. The submitter is mailed a receipt and
 * the site's editors are told it arrived (`siteLocale`: their language when their account has none).
 */
export async function submitSubmission(
  deps: Deps,
  siteId: string,
  args: { call: CallRow; submitter: Submitter; answers?: unknown; locale: string; origin: string; siteLocale?: string },
): Promise<SubmissionRow> {
  const { call, submitter } = args;
  let current =
    args.answers !== undefined
      ? await saveSubmissionDraft(deps, siteId, { call, submitter, answers: args.answers, locale: args.locale, mode: 'submit' })
      : await findSubmissionOf(deps.db, siteId, call.id, submitter.userId);
  if (!current) throw new AppError('invalid_state', 'There is nothing to submit yet: answer the questionnaire first.');
  const now = deps.clock.now();
  assertCallTakesAnswers(call, current, now);
  const step = nextSubmissionStatus(current.status, 'submit');
  if (!step.ok) throw new AppError('invalid_state', `This submission cannot be submitted: ${step.error}.`);
  const { errors, reasons } = validateAnswers(call.questions, current.answers, 'submit');
  if (Object.keys(errors).length) {
    throw new AppError('invalid_input', 'Your answers are saved as a draft, but some questions still need an answer.', {
      fields: answerErrors(errors),
      reasons: answerErrors(reasons),
      reason: { reason: 'answers_missing' },
    });
  }
  const before = current;
  current = await inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .update(libraryCallSubmissions)
      .set({ status: step.value, submittedAt: now, updatedAt: now })
      .where(
        and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.id, before.id), eq(libraryCallSubmissions.status, before.status)),
      )
      .returning();
    if (!row) throw new AppError('conflict', 'The submission changed meanwhile; reload and try again.');
    await tx.insert(libraryCallSubmissionEvents).values({
      id: newId(),
      siteId,
      submissionId: row.id,
      kind: step.value === 'resubmitted' ? 'resubmitted' : 'submitted',
      authorId: submitter.userId,
      authorName: submitter.name,
      message: null,
      createdAt: now,
    });
    return row;
  });
  const kind = step.value === 'resubmitted' ? 'resubmitted' : 'submitted';
  await mailSubmitter(deps, siteId, { kind, call, submission: current, origin: args.origin });
  await mailEditors(deps, siteId, { kind, call, submission: current, origin: args.origin, siteLocale: args.siteLocale ?? current.locale });
  return current;
}
