import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { forgetEventPerson, listEventsCreatedBy } from '../store/events.js';

/** The consultation events a person registered, with their outcomes, for "download my data". */
export async function exportEventsData(deps: Deps, siteId: string, userId: string): Promise<unknown> {
  const events = await listEventsCreatedBy(deps.db, siteId, userId);
  return {
    events: events.map((e) => ({
      id: e.id,
      consultationId: e.consultationId,
      title: e.title,
      organiser: e.organiserName,
      country: e.country,
      region: e.region,
      startsAt: e.startsAt.toISOString(),
      online: e.online,
      place: e.placeName,
      status: e.status,
      rejectReason: e.rejectReason,
      outcome: e.outcomeSummary === null ? null : { summary: e.outcomeSummary, items: e.outcomeItems, minutes: e.minutes, documents: e.documents },
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/**
 * On account deletion: events the person registered that were never public are deleted; approved
 * ones stay (an organisation's public event) without their account, as do the editors' decisions.
 */
export async function deleteEventsData(deps: Deps, siteId: string, userId: string): Promise<void> {
  await inTransaction(deps.db, (tx) => forgetEventPerson(tx, siteId, userId));
}
