import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, readPolisFolder } from './polis-csv.js';

const dir = mkdtempSync(path.join(tmpdir(), 'polis-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const d = path.join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
  return d;
}

const comments =
  'timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,0,0,1,0,1,"Plain, with a comma"\n2,1,0,0,1,-1,"Two\nlines ""quoted"""\n';
const votes = 'timestamp,datetime,comment-id,voter-id,vote\n5,x,0,3,1\n6,x,1,3,-1\n';

describe('readPolisFolder', () => {
  it('reads statements and flips the export sign to the internal one (agree = -1)', () => {
    const data = readPolisFolder(folder('good', { 'comments.csv': comments, 'votes.csv': votes }));
    expect(data.statements.map((s) => [s.id, s.moderation, s.body])).toEqual([
      [0, 1, 'Plain, with a comma'],
      [1, -1, 'Two\nlines "quoted"'],
    ]);
    expect(data.votes.map((v) => v.value)).toEqual([-1, 1]);
    expect(data.participants).toBeNull();
  });

  it.each([
    [
      'a bad integer',
      { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n5,0,abc,1\n' },
      'votes.csv line 2: column "voter-id" must be an integer, got "abc"',
    ],
    [
      'an unknown statement',
      { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n5,0,1,1\n5,9,1,1\n' },
      'votes.csv line 3: vote on comment-id 9',
    ],
    [
      'a vote out of range',
      { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n5,0,1,2\n' },
      'votes.csv line 2: column "vote" must be from -1 to 1',
    ],
    ['a missing column', { 'comments.csv': 'comment-id,moderated\n1,1\n', 'votes.csv': votes }, 'comments.csv line 1: missing column "comment-body"'],
    [
      'an unclosed quote',
      { 'comments.csv': comments + '3,2,0,0,0,1,"open\n', 'votes.csv': votes },
      'comments.csv line 5: a quoted field is never closed',
    ],
    ['a missing file', { 'comments.csv': comments }, 'votes.csv: not found'],
  ])('names the file and line for %s', (_name, files, message) => {
    expect(() => readPolisFolder(folder(_name.replace(/ /g, '-'), files))).toThrow(message);
  });
});

describe('parseCsv', () => {
  it('tracks the line each record starts on across quoted newlines', () => {
    expect(parseCsv('a,b\n"x\ny",1\nz,2\n', 'f.csv').map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
