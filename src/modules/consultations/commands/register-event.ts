import type { Deps } from '../../../db/context.js';
import { newId } from '../../../kernel/ids.js';
import { insertEvent } from '../store/events.js';
import type { ConsultationRow, EventRow } from '../store/tables.js';
import { eventDetailsFrom } from './event-values.js';

/**
 * Registers a consultation event for its organiser (`userId`, the person signed in), waiting for
 * the consultation's editors to approve it. Bad input is refused naming each field; nothing is
 * written then.
 */
export async function registerEvent(
  deps: Deps,
  siteId: string,
  input: { consultation: ConsultationRow; userId: string; siteLocale: string; event: unknown },
): Promise<EventRow> {
  const details = await eventDetailsFrom(deps, siteId, input.siteLocale, input.event);
  const now = deps.clock.now();
  return insertEvent(deps.db, {
    id: newId(),
    siteId,
    consultationId: input.consultation.id,
    ...details,
    status: 'proposed',
    createdBy: input.userId,
    createdAt: now,
    updatedAt: now,
  });
}
