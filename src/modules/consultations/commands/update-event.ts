import type { Deps } from '../../../db/context.js';
import { notFound } from '../../../kernel/errors.js';
import { updateEvent } from '../store/events.js';
import type { EventRow } from '../store/tables.js';
import { eventDetailsFrom } from './event-values.js';

/**
 * Replaces an event's details (its organiser edits it; the caller checks who may). An approved
 * event stays approved; a refused one goes back to the editors' queue, since changing it is how
 * its organiser answers the refusal.
 */
export async function updateEventDetails(
  deps: Deps,
  siteId: string,
  input: { event: EventRow; siteLocale: string; details: unknown },
): Promise<EventRow> {
  const details = await eventDetailsFrom(deps, siteId, input.siteLocale, input.details);
  const reopened = input.event.status === 'rejected' ? { status: 'proposed' as const, decidedBy: null, decidedAt: null, rejectReason: null } : {};
  const row = await updateEvent(deps.db, siteId, input.event.id, { ...details, ...reopened, updatedAt: deps.clock.now() });
  if (!row) throw notFound('Event');
  return row;
}
