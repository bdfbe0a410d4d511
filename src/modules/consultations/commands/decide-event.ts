import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput, notFound } from '../../../kernel/errors.js';
import { eventDecisionsFor } from '../core/events.js';
import { updateEvent } from '../store/events.js';
import type { EventRow } from '../store/tables.js';

/**
 * An editor's decision on an event: approved events are public; a refused one stays visible to
 * its organiser with the reason, which is required. An editor may change a decision (withdraw an
 * approval, approve after a refusal); deciding what is already decided is refused (409).
 */
export async function decideEvent(
  deps: Deps,
  siteId: string,
  input: { event: EventRow; decision: 'approve' | 'reject'; editorId: string; reason?: unknown },
): Promise<EventRow> {
  if (!eventDecisionsFor(input.event.status).includes(input.decision))
    throw new AppError('invalid_state', `The event is already ${input.event.status}.`, {
      reason: { reason: input.event.status === 'approved' ? 'event_already_approved' : 'event_already_rejected' },
    });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (input.decision === 'reject' && !reason)
    throw invalidInput({ reason: 'say why the event is refused' }, undefined, { reason: { reason: 'required' } });
  if (reason.length > 2000)
    throw invalidInput({ reason: 'at most 2000 characters' }, undefined, { reason: { reason: 'too_long', values: { max: 2000 } } });
  const now = deps.clock.now();
  const row = await updateEvent(deps.db, siteId, input.event.id, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: input.editorId,
    decidedAt: now,
    rejectReason: input.decision === 'reject' ? reason : null,
    updatedAt: now,
  });
  if (!row) throw notFound('Event');
  return row;
}
