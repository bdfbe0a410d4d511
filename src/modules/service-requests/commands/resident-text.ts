import { IntlMessageFormat } from 'intl-messageformat';
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

/** The public page of a report. */
export function reportUrl(origin: string, id: string): string {
  return `${origin}/service-requests/reports/${id}`;
}
