import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CASE_STUDY_STATUSES, LEVELS, POST_STATUSES, POST_TYPES, SECTORS, STAGES } from '../core/vocabulary.js';
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import pt from './messages/pt.json' with { type: 'json' };
import uk from './messages/uk.json' with { type: 'json' };

const all: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

describe('library messages', () => {
  it('label every vocabulary value', () => {
    const ids = [
      ...LEVELS.map((v) => `library.level.${v}`),
      ...STAGES.map((v) => `library.stage.${v}`),
      ...SECTORS.map((v) => `library.sector.${v}`),
      ...POST_TYPES.map((v) => `library.postType.${v}`),
      ...[...new Set([...CASE_STUDY_STATUSES, ...POST_STATUSES])].map((v) => `library.status.${v}`),
    ];
    for (const id of ids) expect(Object.keys(en)).toContain(id);
  });

  it.each(Object.keys(all))('%s is complete and every message parses', (locale) => {
    const messages = all[locale];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [id, source] of Object.entries(messages)) {
      expect(source, id).not.toBe('');
      expect(
        () => new IntlMessageFormat(source, locale).format({ count: 2, countries: 3, page: 1, language: 'x', filter: 'x', status: 'x', field: 'x' }),
        id,
      ).not.toThrow();
    }
  });

  it('has every message id the pages use', () => {
    const dir = join(import.meta.dirname, '.');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx') && !/^(call|submission|questionnaire)/.test(f))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/t\('(library\.[\w.]+)'/g))
        if (!m[1].startsWith('library.calls.')) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const id of used) expect(Object.keys(en), id).toContain(id);
  });
});
