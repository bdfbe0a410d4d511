import type { Deps } from '../../../db/context.js';
import { invalidInput } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { findOrganisation } from '../../sites/index.js';
import { checkEventInput, parseEventTime } from '../core/events.js';
import type { consultationEvents } from '../store/tables.js';

/** The columns an event's details fill, from what its organiser gave. */
export type EventDetails = Pick<
  typeof consultationEvents.$inferInsert,
  | 'title'
  | 'organisationId'
  | 'organiserName'
  | 'country'
  | 'region'
  | 'startsAt'
  | 'online'
  | 'placeName'
  | 'lat'
  | 'lon'
  | 'format'
  | 'language'
  | 'participants'
  | 'makeUp'
>;

/**
 * Checks an event's details (bad input names each field, nothing is written) and turns them into
 * columns: the organisation must be one of the site's directory (its name is kept beside its id,
 * in the site's language, so the event still reads well if the directory changes); an online
 * event has no place.
 */
export async function eventDetailsFrom(deps: Deps, siteId: string, siteLocale: string, raw: unknown): Promise<EventDetails> {
  const checked = checkEventInput(raw);
  if (!checked.ok) throw invalidInput(checked.error.fields, undefined, checked.error.reasons);
  const input = checked.value;
  let organiserName = input.organiserName ?? '';
  if (input.organisationId) {
    const org = await findOrganisation(deps.db, siteId, input.organisationId);
    if (!org) throw invalidInput({ organisationId: 'not an organisation of this site' }, undefined, { organisationId: { reason: 'invalid_choice' } });
    organiserName = pickText(org.name, siteLocale, siteLocale).text;
  }
  return {
    title: input.title,
    organisationId: input.organisationId ?? null,
    organiserName,
    country: input.country,
    region: input.region ?? null,
    startsAt: parseEventTime(input.startsAt)!,
    online: input.online,
    placeName: input.online ? null : (input.placeName ?? null),
    lat: input.online ? null : (input.lat ?? null),
    lon: input.online ? null : (input.lon ?? null),
    format: input.format,
    language: input.language,
    participants: input.participants ?? null,
    makeUp: input.makeUp,
  };
}
