import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json' with { type: 'json' };

/** Every source file (not tests) under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The coded reasons the commands of these modules give: `{ reason: 'x' }` objects, the questionnaire's
 * `refuse(text, 'x')` / `fail(text, 'x')` / `refused(key, text, 'x')` and the CSV reader's codes.
 */
function codedReasons(files: string[]): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\{ reason: '([a-z][a-z0-9_]*)'/g,
    /\b(?:refuse|fail|refused)\([^;]*?, '([a-z][a-z0-9_]*)'(?:, \{[^}]*\})?\)/g,
    /csvError\([^;]*?, '([a-z][a-z0-9_]*)'\)/g,
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]);
  }
  return found;
}

describe('coded reasons', () => {
  const modules = ['library', 'sites', 'conversations'].map((m) => join(import.meta.dirname, '..', 'modules', m));
  const reasons = codedReasons(modules.flatMap(sources));

  it('are found in the commands', () => {
    expect(reasons.size).toBeGreaterThan(20);
    expect(reasons).toContain('year_out_of_range');
    expect(reasons).toContain('file_not_utf8');
  });

  it('each have words in the shared catalogue, so pages say them in the reader’s language', () => {
    const messages = en as Record<string, string>;
    const missing = [...reasons].filter((r) => !messages[`error.field.${r}`] && !messages[`error.reason.${r}`]);
    expect(missing).toEqual([]);
  });
});
