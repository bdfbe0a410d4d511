import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../kernel/i18n.js';
import { manifests } from '../server/modules.js';
import { messagesFor, shellMessages } from './messages.js';

/** Every catalogue: the shell's and each module's, per locale. */
const catalogues: [string, Record<string, Record<string, string>>][] = [
  ['shell', shellMessages],
  ...manifests.filter((m) => m.messages).map((m) => [m.id, m.messages!] as [string, Record<string, Record<string, string>>]),
];

function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

describe('UI messages', () => {
  it.each(catalogues)('%s: every locale has every English message, with the same arguments, in valid ICU', (_name, catalogue) => {
    const en = catalogue.en;
    expect(Object.keys(en).length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const messages = catalogue[locale];
      expect(messages, `${locale} catalogue`).toBeDefined();
      expect(Object.keys(messages).sort(), `${locale} keys`).toEqual(Object.keys(en).sort());
      for (const [id, source] of Object.entries(messages)) {
        let parsed: MessageFormatElement[] = [];
        expect(() => (parsed = parse(source)), `${locale} ${id} parses`).not.toThrow();
        expect([...argumentsOf(parsed)].sort(), `${locale} ${id} arguments`).toEqual([...argumentsOf(parse(en[id]))].sort());
        expect(source.trim(), `${locale} ${id} is not empty`).not.toBe('');
      }
    }
  });

  it('translations are translations: sentences are not left in English', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const en = messagesFor(manifests, 'en');
      const other = messagesFor(manifests, locale);
      // Single words may be the same in two languages (Administration, Organisations); a phrase of
      // three or more words that is identical to the English is an untranslated string.
      const same = Object.keys(en).filter(
        (k) =>
          en[k] === other[k] &&
          en[k]
            .replace(/\{[^}]*\}/g, '')
            .trim()
            .split(/\s+/).length >= 3,
      );
      expect(same, `${locale}: untranslated`).toEqual([]);
    }
  });

  it('every message id used literally in the code exists in English', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const en = messagesFor(manifests, 'en');
    const navLabels = manifests.flatMap((m) => (m.nav ?? []).flatMap((n) => [n.label, ...(n.description ? [n.description] : [])]));
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g))
        if (!(match[1] in en)) missing.push(`${file.slice(root.length)}: ${match[1]}`);
    }
    for (const label of navLabels) if (!(label in en)) missing.push(`nav label ${label}`);
    expect(missing).toEqual([]);
  });
});
