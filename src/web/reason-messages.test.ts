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
 * The coded reasons the commands of these modules give: `{ reason: 'x' }` objects (also chosen by a
 * condition), the questionnaire's `refuse(text, 'x')` / `fail(text, 'x')` / `refused(key, text, 'x')`,
 * service requests' `refused.add(key, text, 'x')` and the CSV reader's codes.
 */
function codedReasons(files: string[]): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\{ reason: '([a-z][a-z0-9_]*)'/g,
    /\b(?:refuse|fail|refused|refused\.add)\([^;]*?, '([a-z][a-z0-9_]*)'(?:, \{[^}]*\})?\)/g,
    // A reason chosen by a condition: both branches.
    /\breason: [^,;{}]*? \? '([a-z][a-z0-9_]*)' : '[a-z][a-z0-9_]*'/g,
    /\breason: [^,;{}]*? \? '[a-z][a-z0-9_]*' : '([a-z][a-z0-9_]*)'/g,
    /csvError\([^;]*?, '([a-z][a-z0-9_]*)'\)/g,
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]);
  }
  return found;
}

const MODULES = join(import.meta.dirname, '..', 'modules');
const ALL_SOURCES = [...sources(MODULES), ...sources(join(import.meta.dirname, '..', 'kernel'))];

/** The English messages a page can word a reason with: the shared catalogue and every module's. */
function englishMessages(): Record<string, string> {
  const all: Record<string, string> = { ...(en as Record<string, string>) };
  for (const m of readdirSync(MODULES)) {
    try {
      Object.assign(all, JSON.parse(readFileSync(join(MODULES, m, 'ui', 'messages', 'en.json'), 'utf8')) as Record<string, string>);
    } catch {
      // A module without pages has no catalogue.
    }
  }
  return all;
}

describe('coded reasons', () => {
  const reasons = codedReasons(ALL_SOURCES);

  it('are found in the commands', () => {
    expect(reasons.size).toBeGreaterThan(40);
    for (const r of ['year_out_of_range', 'file_not_utf8', 'required', 'alert_one_target', 'budgeting_sheet_entered']) expect(reasons).toContain(r);
  });

  it('each have words in a catalogue, so pages say them in the reader’s language', () => {
    // `error.field.<r>` / `error.reason.<r>` (the kit's), or a module's own `….error.<r>` / `….reason.<r>`.
    const worded = new Set(
      Object.keys(englishMessages()).flatMap((id) => {
        const m = /(?:^|\.)(?:error\.field|error\.reason|error|reason)\.([a-z][a-z0-9_]*)$/.exec(id);
        return m ? [m[1]] : [];
      }),
    );
    const missing = [...reasons].filter((r) => !worded.has(r));
    expect(missing).toEqual([]);
  });
});

describe('error summaries', () => {
  /** Every `<ErrorSummary …/>` element of the pages, with the file it is in. */
  const summaries = ALL_SOURCES.filter((f) => f.endsWith('.tsx')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<ErrorSummary\b([\s\S]*?)\/>/g)].map((m) => ({ file, props: m[1] })),
  );

  it('are found on the pages', () => {
    expect(summaries.length).toBeGreaterThan(40);
  });

  it('name refused fields by their visible labels, wherever they show fields', () => {
    // A summary given fields (or a whole failure) also gets their labels; each module's page tests check the words in Ukrainian.
    const showsFields = (props: string) => /\bfields=|\{\.\.\./.test(props);
    const bad = summaries
      .filter(({ props }) => showsFields(props) && !/\blabels=/.test(props))
      .map(({ file, props }) => `${file.slice(MODULES.length + 1)}: <ErrorSummary${props.replace(/\s+/g, ' ')}/>`);
    expect(bad).toEqual([]);
  });
});
