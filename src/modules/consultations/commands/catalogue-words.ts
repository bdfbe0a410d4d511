import { LOCALES, type LocalizedText } from '../../../kernel/i18n.js';
import en from '../ui/messages/en.json' with { type: 'json' };
import es from '../ui/messages/es.json' with { type: 'json' };
import fr from '../ui/messages/fr.json' with { type: 'json' };
import pt from '../ui/messages/pt.json' with { type: 'json' };
import uk from '../ui/messages/uk.json' with { type: 'json' };

const CATALOGUES: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/**
 * A message of the module's catalogue as a text in several languages (every UI language by
 * default), English where a catalogue has none: words that go into stored or exported data (data
 * files' labels, imported questionnaires) rather than onto one reader's page.
 */
export function catalogueWords(id: string, languages: readonly string[] = LOCALES): LocalizedText {
  return Object.fromEntries([...new Set(languages)].map((l) => [l, CATALOGUES[l]?.[id] ?? CATALOGUES.en[id]]));
}
