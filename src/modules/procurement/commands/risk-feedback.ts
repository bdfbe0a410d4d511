import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { notFound } from '../../../kernel/errors.js';
import { isUuid, newId } from '../../../kernel/ids.js';
import { authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { getRiskAssessment, insertFeedback, listFeedback, setFeedbackStatus } from '../store/risk.js';
import type { FeedbackStatus, RiskFeedbackRow } from '../store/risk-tables.js';

/** Moderators publish or reject citizens' feedback. */
export const FEEDBACK_MODERATE_PERMISSION = 'procurement.feedback.moderate';

/** Input of `submitFeedback`: a name to show and a message. */
export const feedbackInput = z.object({
  name: z.string({ message: 'is required' }).trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  message: z.string({ message: 'is required' }).trim().min(5, 'must be at least 5 characters').max(4000, 'must be at most 4000 characters'),
});

/** Leaves feedback on a process (anyone; shown once a moderator publishes it). */
export async function submitFeedback(deps: Deps, siteId: string, actor: Actor, ocid: string, input: unknown): Promise<RiskFeedbackRow> {
  const { name, message } = parseInput(feedbackInput, input);
  if (!(await getRiskAssessment(deps.db, siteId, ocid))) throw notFound('Contracting process');
  const row: RiskFeedbackRow = {
    id: newId(),
    siteId,
    ocid,
    authorName: name,
    message,
    status: 'pending',
    userId: actor.kind === 'user' ? actor.userId : null,
    moderatedBy: null,
    createdAt: deps.clock.now(),
    moderatedAt: null,
  };
  await insertFeedback(deps.db, row);
  return row;
}

/** Publishes or rejects a feedback (moderators). */
export async function moderateFeedback(deps: Deps, siteId: string, actor: Actor, id: string, input: unknown): Promise<void> {
  authorize(deps.permissions, actor, FEEDBACK_MODERATE_PERMISSION);
  const { status } = parseInput(z.object({ status: z.enum(['published', 'rejected'], { message: 'must be published or rejected' }) }), input);
  if (!isUuid(id)) throw notFound('Feedback');
  const ok = await setFeedbackStatus(deps.db, siteId, id, status as FeedbackStatus, actor.kind === 'user' ? actor.userId : null, deps.clock.now());
  if (!ok) throw notFound('Feedback');
}

/** Feedback waiting for moderation, newest first (moderators). */
export async function listPendingFeedback(deps: Deps, siteId: string, actor: Actor): Promise<RiskFeedbackRow[]> {
  authorize(deps.permissions, actor, FEEDBACK_MODERATE_PERMISSION);
  return listFeedback(deps.db, siteId, { status: 'pending' });
}
