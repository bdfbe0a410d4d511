import { describe, expect, it } from 'vitest';
import uk from '../messages/uk.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import { translate } from './i18n.js';
import { pluralTemplates } from './map.js';

/** What the map island does with the templates: choose by the locale's plural rules, then fill in the count. */
const fill = (templates: Record<string, string>, locale: string, n: number) =>
  (templates[new Intl.PluralRules(locale).select(n)] ?? templates.other!).replace('{count}', new Intl.NumberFormat(locale).format(n));

describe('pluralTemplates', () => {
  it('gives the island the same words as the catalogue for every count, in a language with four plural forms', () => {
    const words = (n: number) => translate(uk, 'uk', 'map.cluster', { count: n });
    const templates = pluralTemplates('uk', words);
    expect(Object.keys(templates).sort()).toEqual(['few', 'many', 'one', 'other']);
    for (const n of [2, 3, 5, 11, 21, 22, 25, 101, 1234]) expect(fill(templates, 'uk', n)).toBe(words(n));
  });

  it('keeps the locale number formatting (grouping) of large counts', () => {
    const words = (n: number) => translate(en, 'en', 'map.cluster', { count: n });
    const templates = pluralTemplates('en', words);
    expect(templates.other).toContain('{count}');
    expect(fill(templates, 'en', 12345)).toBe(words(12345));
    expect(fill(templates, 'en', 12345)).toContain('12,345');
  });
});
