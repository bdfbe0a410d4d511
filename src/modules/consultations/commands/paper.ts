import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { validateAnswers } from '../../questionnaires/index.js';
import { namedErrors } from '../core/survey.js';
import { findResponseById } from '../store/responses.js';
import { consultationResponses, type ConsultationRow, type ResponseRow } from '../store/tables.js';
import { questionnaireOf } from './take-part.js';

/** Refuses paper and imported responses to a consultation still being drafted. */
function requireNotDraft(c: ConsultationRow): void {
  if (c.status === 'draft')
    throw new AppError('invalid_state', 'This consultation is still a draft.', {
      reason: { reason: 'consultations_not_open', values: { phase: 'draft' } },
    });
}

/**
 * Enters a paper response (staff with consultations.paper.enter), checked like an online
 * submission against the current questionnaire. It is stored `pending` until a different staff
 * member confirms it. With `opts.id`, corrects a paper response that was sent back (or is still
 * pending), by its enterer. Paper forms may be entered after the survey closed.
 */
export async function enterPaperResponse(
  deps: Deps,
  c: ConsultationRow,
  staffId: string,
  input: { answers: unknown; locale: string; fallback: string },
  opts: { id?: string } = {},
): Promise<ResponseRow> {
  requireNotDraft(c);
  const items = await questionnaireOf(deps, c);
  const checked = validateAnswers(items, input.answers, 'submit');
  if (Object.keys(checked.errors).length > 0)
    throw new AppError('invalid_input', 'Some answers are not valid.', {
      fields: namedErrors(items, checked.errors, input.locale, input.fallback),
      reasons: checked.reasons,
      reason: { reason: 'consultations_answers_invalid' },
    });
  const now = deps.clock.now();
  if (opts.id) {
    const existing = await findResponseById(deps.db, c.siteId, c.id, opts.id);
    if (!existing || existing.channel !== 'paper' || existing.status === 'submitted') throw notFound('Paper response');
    if (existing.enteredBy !== staffId)
      throw new AppError('forbidden', 'Only the person who entered a paper response corrects it.', {
        reason: { reason: 'consultations_paper_not_yours' },
      });
    const [row] = await deps.db
      .update(consultationResponses)
      .set({ answers: checked.answers, version: c.currentVersion, status: 'pending', updatedAt: now })
      .where(and(eq(consultationResponses.siteId, c.siteId), eq(consultationResponses.id, existing.id)))
      .returning();
    return row;
  }
  const id = newId();
  const [row] = await deps.db
    .insert(consultationResponses)
    .values({
      id,
      siteId: c.siteId,
      consultationId: c.id,
      version: c.currentVersion,
      respondentKey: `paper:${id}`,
      channel: 'paper',
      status: 'pending',
      answers: checked.answers,
      locale: input.locale,
      enteredBy: staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row;
}

/** A pending paper response, or a refusal naming why it cannot be decided by `staffId`. */
async function pendingForDecision(deps: Deps, c: ConsultationRow, staffId: string, id: string): Promise<ResponseRow> {
  const row = await findResponseById(deps.db, c.siteId, c.id, id);
  if (!row || row.channel !== 'paper') throw notFound('Paper response');
  if (row.status !== 'pending')
    throw new AppError('invalid_state', 'This paper response is not waiting for a check.', { reason: { reason: 'consultations_paper_not_pending' } });
  // The second person's check (as budgeting's paper ballots): the one who typed it in cannot confirm it.
  if (row.enteredBy === staffId)
    throw new AppError('forbidden', 'A paper response must be confirmed by a different person than the one who entered it.', {
      fields: { confirmedBy: 'the same person entered this response' },
      reasons: { confirmedBy: { reason: 'consultations_confirm_other_person' } },
      reason: { reason: 'consultations_confirm_other_person' },
    });
  return row;
}

/** A different staff member confirms a pending paper response, which then counts (`submitted`). */
export async function confirmPaperResponse(deps: Deps, c: ConsultationRow, staffId: string, id: string): Promise<ResponseRow> {
  const row = await pendingForDecision(deps, c, staffId, id);
  const now = deps.clock.now();
  const [updated] = await deps.db
    .update(consultationResponses)
    .set({ status: 'submitted', confirmedBy: staffId, confirmedAt: now, submittedAt: now, updatedAt: now })
    .where(and(eq(consultationResponses.siteId, c.siteId), eq(consultationResponses.id, row.id), eq(consultationResponses.status, 'pending')))
    .returning();
  if (!updated)
    throw new AppError('invalid_state', 'This paper response is not waiting for a check.', { reason: { reason: 'consultations_paper_not_pending' } });
  return updated;
}

/** A different staff member sends a pending paper response back to its enterer to correct (it becomes a draft, not counted). */
export async function returnPaperResponse(deps: Deps, c: ConsultationRow, staffId: string, id: string): Promise<ResponseRow> {
  const row = await pendingForDecision(deps, c, staffId, id);
  const [updated] = await deps.db
    .update(consultationResponses)
    .set({ status: 'draft', updatedAt: deps.clock.now() })
    .where(and(eq(consultationResponses.siteId, c.siteId), eq(consultationResponses.id, row.id)))
    .returning();
  return updated;
}
