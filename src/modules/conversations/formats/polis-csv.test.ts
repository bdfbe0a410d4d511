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

describe('readPolisFolder on hostile input', () => {
  const participants = 'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n3,0,0,2,1,1,1,-1\n';

  it('refuses a field longer than the limit without reading the rest of the file (an unclosed quote)', () => {
    const huge = comments + '3,2,0,0,0,1,"' + 'x'.repeat(300_000);
    const d = folder('huge-field', { 'comments.csv': huge, 'votes.csv': votes });
    expect(() => readPolisFolder(d)).toThrow('comments.csv line 5: a field longer than 100000 characters (a quote that is never closed?)');
    expect(() => readPolisFolder(d, { limits: { maxFieldLength: 1000, maxFields: 100 } })).toThrow(
      'comments.csv line 5: a field longer than 1000 characters',
    );
    const wide = folder('wide', { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n' + ','.repeat(500) + '\n' });
    expect(() => readPolisFolder(wide, { limits: { maxFieldLength: 1000, maxFields: 100 } })).toThrow(
      'votes.csv line 2: more than 100 fields in one record',
    );
  });

  it('refuses Latin-1 and UTF-16 files, naming the file, line and byte', () => {
    const latin1 = folder('latin1', { 'comments.csv': '', 'votes.csv': votes });
    writeFileSync(path.join(latin1, 'comments.csv'), Buffer.from(comments.replace('Plain', 'Caf\u00e9'), 'latin1'));
    expect(() => readPolisFolder(latin1)).toThrow(/^comments\.csv line 2: the file is not UTF-8 \(invalid byte at byte \d+, line 2/);
    const utf16 = folder('utf16', { 'comments.csv': comments, 'votes.csv': votes });
    writeFileSync(path.join(utf16, 'votes.csv'), Buffer.from('\ufeff' + votes, 'utf16le'));
    expect(() => readPolisFolder(utf16)).toThrow('votes.csv line 1: the file is UTF-16');
  });

  it('refuses a votes.csv cut short: participants-votes.csv counts more votes than it holds', () => {
    const full = folder('counts-ok', { 'comments.csv': comments, 'votes.csv': votes, 'participants-votes.csv': participants });
    expect(readPolisFolder(full).participants).toEqual([{ id: 3, xid: null, groupId: 0, nVotes: 2 }]);
    const cut = folder('counts-cut', {
      'comments.csv': comments,
      'votes.csv': votes.split('\n').slice(0, 2).join('\n') + '\n',
      'participants-votes.csv': participants,
    });
    expect(() => readPolisFolder(cut)).toThrow('participants-votes.csv line 2: participant 3 has n-votes 2 but votes.csv holds 1 of their votes');
    const short = folder('short-row', { 'comments.csv': comments, 'votes.csv': votes + '7,x,1,3\n' });
    expect(() => readPolisFolder(short)).toThrow('votes.csv line 4: 4 fields where the header has 5 (the file may be cut short or edited)');
  });

  it('refuses duplicate participants, ids out of range, NaN and text after a closing quote', () => {
    const twice = folder('twice', { 'comments.csv': comments, 'votes.csv': votes, 'participants-votes.csv': participants + '3,0,0,2,1,1,1,-1\n' });
    expect(() => readPolisFolder(twice)).toThrow('participants-votes.csv line 3: participant 3 appears twice (also on line 2)');
    const negative = folder('negative', { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n5,0,-3,1\n' });
    expect(() => readPolisFolder(negative)).toThrow('votes.csv line 2: column "voter-id" must be from 0 to 2147483647, got -3');
    const big = folder('big', { 'comments.csv': comments, 'votes.csv': 'timestamp,comment-id,voter-id,vote\n5,0,99999999999,1\n' });
    expect(() => readPolisFolder(big)).toThrow('column "voter-id" must be from 0 to 2147483647');
    const nan = folder('nan', {
      'comments.csv': 'comment-id,moderated,group-informed-consensus,comment-body\n0,1,NaN,x\n',
      'votes.csv': 'timestamp,comment-id,voter-id,vote\n',
    });
    expect(() => readPolisFolder(nan)).toThrow('comments.csv line 2: column "group-informed-consensus" must be a number, got "NaN"');
    const after = folder('after-quote', { 'comments.csv': comments.replace('"Plain, with a comma"', '"Plain" with a comma'), 'votes.csv': votes });
    expect(() => readPolisFolder(after)).toThrow('comments.csv line 2: text after the closing quote of a quoted field');
  });
});

describe('parseCsv across chunks', () => {
  it('reads CRLF, doubled quotes and newlines split at any point between pushes', async () => {
    const { CsvParser, DEFAULT_CSV_LIMITS } = await import('./csv-reader.js');
    const text = 'a,b\r\n"x ""y""\r\nz",1\r\n\r\n,\n"",2';
    const expected = parseCsv(text, 'f.csv');
    expect(expected).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x "y"\r\nz', '1'] },
      { line: 5, fields: ['', ''] },
      { line: 6, fields: ['', '2'] },
    ]);
    for (let size = 1; size <= 4; size++) {
      const records: unknown[] = [];
      const parser = new CsvParser('f.csv', DEFAULT_CSV_LIMITS, (r) => records.push(r));
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(records, `pieces of ${size}`).toEqual(expected);
    }
  });
});
