import { IntlMessageFormat } from 'intl-messageformat';
import type { Deps } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import { findSiteById } from '../../sites/index.js';
import { shortReference } from '../core/reference.js';
import type { RequestRow, ServiceRow } from '../store/tables.js';
import en from '../ui/messages/en.json' with { type: 'json' };
import es from '../ui/messages/es.json' with { type: 'json' };
import fr from '../ui/messages/fr.json' with { type: 'json' };
import pt from '../ui/messages/pt.json' with { type: 'json' };
import uk from '../ui/messages/uk.json' with { type: 'json' };

/** The module's messages per locale, for the mail residents get (receipts, area alerts). */
const residentMessages: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/** Message `id` of the module's catalogue in `locale` (English when the locale or the key is missing). */
export function residentText(locale: string, id: string, values: Record<string, string | number> = {}): string {
  const messages = residentMessages[locale] ?? residentMessages.en;
  const source = messages[id] ?? residentMessages.en[id] ?? id;
  return String(new IntlMessageFormat(source, residentMessages[locale] ? locale : 'en').format(values));
}

/** The language of mail to people whose own language is not known (agencies, subscribers): the site's default. */
export async function siteMailLocale(deps: Deps, siteId: string): Promise<string> {
  return (await findSiteById(deps.db, siteId))?.defaultLocale ?? 'en';
}

/**
 * The words a mail uses for a report: its short reference, its service's name and its place (the
 * address, else the known place it is near; `none` when it has neither, never coordinates).
 */
export function reportWords(row: RequestRow, service: ServiceRow | null, locale: string): { reference: string; service: string; place: string } {
  return {
    reference: shortReference(row.id),
    service: service ? pickText(service.name, locale, 'en').text : row.serviceCode,
    place: row.address ?? row.nearPlace ?? 'none',
  };
}

/** The public page of a report. */
export function reportUrl(origin: string, id: string): string {
  return `${origin}/service-requests/reports/${id}`;
}
