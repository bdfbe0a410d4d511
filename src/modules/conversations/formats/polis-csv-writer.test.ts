import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, readPolisFolder } from './polis-csv.js';
import { csvField, participantMaps, polisDatetime, polisLayoutOf, writePolisExport, type PolisExportFiles } from './polis-csv-writer.js';

const root = path.join(process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data'), 'polis');
const conversations = existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, 'comments.csv'))) : [];
const out = mkdtempSync(path.join(tmpdir(), 'polis-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const header = (file: string) => parseCsv(readFileSync(file, 'utf8'), path.basename(file))[0].fields;

describe('writePolisExport', () => {
  it('quotes only fields that need it and writes datetimes as Java does, in UTC', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(polisDatetime(1542406176584)).toBe('Fri Nov 16 22:09:36 UTC 2018');
  });

  it('finds the shared conversations', () => {
    expect(conversations.length, `Pol.is data not found at ${root}: set POLITY_DATASETS`).toBeGreaterThanOrEqual(5);
  });

  it.each(conversations)('%s: read -> write -> read gives the same conversation and the same headers', (name) => {
    const src = path.join(root, name);
    const original = readPolisFolder(src);
    const { groups, xids } = participantMaps(original.participants);
    const layout = polisLayoutOf(header(path.join(src, 'comments.csv')), header(path.join(src, 'participants-votes.csv')));
    const files = writePolisExport({
      statements: original.statements,
      votes: original.votes,
      groups,
      xids,
      summary: original.summary,
      layout,
      participantOrder: original.participants!.map((p) => p.id),
    });
    const dir = path.join(out, name);
    writeFolder(dir, files);
    const again = readPolisFolder(dir);
    expect(again.statements).toEqual(original.statements);
    expect(again.votes).toEqual(original.votes);
    expect(again.participants).toEqual(original.participants);
    for (const f of ['comments.csv', 'votes.csv', 'participants-votes.csv'] as const)
      expect(header(path.join(dir, f)), f).toEqual(header(path.join(src, f)));
    // summary.csv: the same keys in the same order, and the same counts and texts.
    expect(again.summary).toEqual(original.summary);
    expect(Object.keys(again.summary!)).toEqual(Object.keys(original.summary!));
  });
});

/** Writes the files of an export into a fresh folder. */
function writeFolder(dir: string, files: PolisExportFiles): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
}
