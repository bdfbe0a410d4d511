import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { PABULIB_REASONS, parsePabulib, readElection, type PabulibProblem, type PabulibReason } from './pabulib.js';
import { createRandom } from '../../../math/random.js';

/**
 * Fuzz suite of the one `.pb` reader (issue 11): whatever the bytes, it either reads a file whose
 * counts and values are possible or refuses it with an `invalid_input` error naming the file, the
 * section and line, and a stable reason; the CLI exits 2 with that message, and the import stores
 * nothing. Inputs are generated here (seeded) and, where present, mutated from POLITY_DATASETS/pb.
 */
const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const pbDir = path.join(datasets, 'pb');
const dir = mkdtempSync(path.join(tmpdir(), 'pb-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same cases every run. */
const prng = createRandom;

/** A valid cumulative file with `projects` projects and `voters` votes (points 1..3, at most 3 projects each). */
function generate(projects: number, voters: number, seed = 1): string {
  const random = prng(seed);
  const lines = [
    'META',
    'key;value',
    'description;Fuzz',
    'country;Nowhere',
    'unit;Ville',
    'instance;2025',
    `num_projects;${projects}`,
    `num_votes;${voters}`,
    'budget;1000,5',
    'vote_type;cumulative',
    'rule;greedy',
    'date_begin;01.01.2025',
    'date_end;02.01.2025',
    'max_length;3',
    'max_points;3',
    'max_sum_points;9',
    'PROJECTS',
    'project_id;cost;name;latitude;longitude',
  ];
  for (let p = 1; p <= projects; p++) lines.push(`${p};${100 + p * 10};"Projet n° ${p}; ""parc""";48.${p};2.${p}`);
  lines.push('VOTES', 'voter_id;vote;points');
  for (let v = 1; v <= voters; v++) {
    const chosen = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * projects)))];
    lines.push(`v${v};${chosen.join(',')};${chosen.map(() => 1 + Math.floor(random() * 3)).join(',')}`);
  }
  return lines.join('\n') + '\n';
}

/** Runs the reader (and the counting input, as the import and the CLI do); returns the refusal, or null when the file was read. */
function attempt(input: string | Uint8Array, file: string, maxFieldLength?: number): (AppError & { details: PabulibProblem }) | null {
  try {
    readElection(parsePabulib(input, { file, maxFieldLength }));
    return null;
  } catch (error) {
    // Anything but a clear refusal (a TypeError, a RangeError, a stack overflow) is a bug the fuzzer found.
    expect(error, `not an AppError: ${String(error)}`).toBeInstanceOf(AppError);
    return error as AppError & { details: PabulibProblem };
  }
}

/** A refusal is clear: invalid_input, the file's name, a known reason, the line in the message, no huge quotes. */
function expectClear(error: (AppError & { details: PabulibProblem }) | null, file: string, reason?: PabulibReason): PabulibProblem {
  expect(error, 'the file should have been refused').not.toBeNull();
  const e = error!;
  expect(e.code).toBe('invalid_input');
  expect(e.details.file).toBe(file);
  expect(Object.keys(PABULIB_REASONS)).toContain(e.details.reason);
  if (reason) expect(e.details.reason, e.message).toBe(reason);
  expect(e.message.startsWith(`Malformed Pabulib file: ${file}`)).toBe(true);
  if (e.details.line !== null) expect(e.message).toContain(`line ${e.details.line}`);
  if (e.details.section) expect(e.message).toContain(e.details.section);
  expect(e.message.length).toBeLessThan(1500);
  expect(Object.keys(e.fields)).toEqual(['file']);
  return e.details;
}

const base = generate(12, 60);

describe('.pb reader fuzz', () => {
  it('reads the generated file', () => {
    expect(attempt(base, 'base.pb')).toBeNull();
    expect(parsePabulib(base).votes.rows).toHaveLength(60);
  });

  it('refuses a file cut anywhere before its last line (the META counts), and never fails unclearly', () => {
    const lastLine = base.lastIndexOf('\n', base.length - 2) + 1;
    for (let cut = 0; cut < base.length - 1; cut += 7) {
      const error = attempt(base.slice(0, cut), 'cut.pb');
      // A cut inside the last line can leave a shorter but possible vote: nothing in the format tells.
      if (error === null) expect(cut, `cut at ${cut} was read`).toBeGreaterThan(lastLine);
      else expectClear(error, 'cut.pb');
    }
    expectClear(attempt(base.split('\n').slice(0, -31).join('\n'), 'half.pb'), 'half.pb', 'count_mismatch');
  });

  it('refuses wrong encodings: Latin-1, UTF-16 with a byte-order mark (both orders), NUL bytes', () => {
    const latin1 = expectClear(attempt(Buffer.from(base, 'latin1'), 'latin1.pb'), 'latin1.pb', 'not_utf8');
    expect(latin1.line).toBe(19);
    expectClear(attempt(Buffer.from('\ufeff' + base, 'utf16le'), 'utf16.pb'), 'utf16.pb', 'utf16');
    const be = Buffer.from('\ufeff' + base, 'utf16le').swap16();
    expectClear(attempt(be, 'utf16be.pb'), 'utf16be.pb', 'utf16');
    expectClear(attempt(Buffer.from(base, 'utf16le'), 'utf16-no-bom.pb'), 'utf16-no-bom.pb', 'nul_byte');
    expect(attempt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)]), 'bom.pb')).toBeNull();
  });

  it('refuses huge fields quickly, at the default limit and a lower one', () => {
    const started = performance.now();
    const huge = base.replace('Projet n° 1', 'x'.repeat(5_000_000));
    expectClear(attempt(huge, 'huge.pb'), 'huge.pb', 'field_too_long');
    expectClear(attempt(base.replace('"Projet n° 1', `"${'x'.repeat(300)}`), 'limit.pb', 100), 'limit.pb', 'field_too_long');
    expectClear(attempt(base.replace('Projet n° 1; ""parc""', '""'.repeat(200_000)), 'quotes.pb'), 'quotes.pb', 'field_too_long');
    expectClear(attempt(base.replace('key;value', `key;${'v'.repeat(100_000)}`), 'header.pb'), 'header.pb', 'field_too_long');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each<[string, string, string, PabulibReason]>([
    ['NaN budget', 'budget;1000,5', 'budget;NaN', 'not_number'],
    ['Infinity budget', 'budget;1000,5', 'budget;Infinity', 'not_number'],
    ['exponent budget', 'budget;1000,5', 'budget;1e308', 'not_number'],
    ['negative budget', 'budget;1000,5', 'budget;-1000', 'negative'],
    ['zero budget', 'budget;1000,5', 'budget;0', 'not_positive'],
    ['negative cost', '\n3;130;', '\n3;-130;', 'negative'],
    ['NaN cost', '\n3;130;', '\n3;NaN;', 'not_number'],
    ['Infinity cost', '\n3;130;', '\n3;Infinity;', 'not_number'],
    ['a cost with 40 digits', '\n3;130;', `\n3;${'9'.repeat(40)};`, 'not_number'],
    ['NaN num_votes', 'num_votes;60', 'num_votes;NaN', 'not_integer'],
    ['negative num_projects', 'num_projects;12', 'num_projects;-12', 'not_integer'],
    ['fractional max_length', 'max_length;3', 'max_length;2.5', 'not_integer'],
    ['negative max_points', 'max_points;3', 'max_points;-3', 'negative'],
    ['Infinity latitude', ';48.3;', ';Infinity;', 'coordinate'],
    ['latitude beyond the pole', ';48.3;', ';91;', 'coordinate'],
    ['a duplicate project id', '\n3;130;', '\n2;130;', 'project_id_twice'],
    ['a duplicate voter id', '\nv2;', '\nv1;', 'voter_id_twice'],
    ['a duplicate META key', 'rule;greedy', 'rule;greedy\nrule;mes', 'meta_key_twice'],
    ['a duplicate section', '\nVOTES\n', '\nVOTES\nVOTES\n', 'section_twice'],
    ['a duplicate column', 'voter_id;vote;points', 'voter_id;vote;points;vote', 'column_twice'],
    ['a vote for an unknown project', '\nv2;', '\nv2;99,', 'unknown_project'],
    ['more projects than num_projects', 'num_projects;12', 'num_projects;11', 'count_mismatch'],
    ['META bounds that contradict', 'max_length;3', 'max_length;3\nmin_length;4', 'meta_range'],
    ['a missing section', '\nPROJECTS\n', '\nPROJECT\n', 'field_count'],
  ])('refuses %s', (_name, from, to, reason) => {
    expect(base).toContain(from);
    expectClear(attempt(base.replace(from, to), 'case.pb'), 'case.pb', reason);
  });

  it('refuses points outside META’s limits, negative or not whole', () => {
    const votes = (v: string) => base.replace(/\nv1;[^\n]*/, `\nv1;${v}`);
    expectClear(attempt(votes('1,2;4,1'), 'p.pb'), 'p.pb', 'points_too_high');
    expectClear(attempt(votes('1,2,3,4;1,1,1,1'), 'p.pb'), 'p.pb', 'vote_too_long');
    expectClear(attempt(votes('1,2;-1,1'), 'p.pb'), 'p.pb', 'points_not_whole');
    expectClear(attempt(votes('1,2;NaN,1'), 'p.pb'), 'p.pb', 'points_not_whole');
    expectClear(attempt(votes('1,2;1.5,1'), 'p.pb'), 'p.pb', 'points_not_whole');
    expectClear(attempt(votes('1,1;1,1'), 'p.pb'), 'p.pb', 'project_twice_in_vote');
  });

  it('refuses random bytes clearly, and survives random edits of a valid file', () => {
    const random = prng(7);
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 2000)).map(() => Math.floor(random() * 256));
      expectClear(attempt(bytes, 'random.pb'), 'random.pb');
    }
    const alphabet = [';', '"', ',', '\n', '\r', '-', 'x', '9', '.', ' ', 'é', '\u00a0', 'NaN', 'VOTES', 'META'];
    let read = 0;
    for (let i = 0; i < 400; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const at = Math.floor(random() * text.length);
        const cut = Math.floor(random() * 3);
        text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at + cut);
      }
      const error = attempt(text, 'edited.pb');
      if (error === null) read++;
      else expectClear(error, 'edited.pb');
    }
    // Most edits break something the reader checks; the rest are still possible files.
    expect(read).toBeLessThan(200);
  });
});

describe('.pb reader fuzz on the real Pabulib files (POLITY_DATASETS/pb)', () => {
  const real = ['Netherlands_Assen_2024.pb', 'US_Stanford_Dataset_PB_Chicago_33rd_Ward_2021_vote_knapsacks.pb', 'France_Toulouse_2024.pb'];
  if (!real.every((f) => existsSync(path.join(pbDir, f)))) {
    it('needs the Pabulib data', () => {
      expect.fail(`No Pabulib data at ${pbDir}: set POLITY_DATASETS to the folder holding pb/ (default ../shared/data).`);
    });
    return;
  }

  it('refuses each real file cut in half, converted to Latin-1 or UTF-16, and random edits are read or refused clearly', () => {
    const random = prng(3);
    for (const name of real) {
      const bytes = readFileSync(path.join(pbDir, name));
      expect(attempt(bytes, name)).toBeNull();
      const text = bytes.toString('utf8');
      const lines = text.split('\n');
      expectClear(attempt(lines.slice(0, Math.floor(lines.length / 2)).join('\n'), name), name, 'count_mismatch');
      if (/[^\t-\x7f]/.test(text)) expectClear(attempt(Buffer.from(text, 'latin1'), name), name, 'not_utf8');
      expectClear(attempt(Buffer.from('\ufeff' + text, 'utf16le'), name), name, 'utf16');
      for (let i = 0; i < 30; i++) {
        const at = Math.floor(random() * bytes.length);
        const edited = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at + 1)]);
        const error = attempt(edited, name);
        if (error !== null) expectClear(error, name);
      }
    }
    // Toulouse's first accented project name, in Latin-1, is refused naming its line.
    const toulouse = readFileSync(path.join(pbDir, 'France_Toulouse_2024.pb'), 'utf8');
    const firstAccent = toulouse.split('\n').findIndex((l) => /[^\t-\x7f]/.test(l)) + 1;
    expect(expectClear(attempt(Buffer.from(toulouse, 'latin1'), 'toulouse.pb'), 'toulouse.pb', 'not_utf8').line).toBe(firstAccent);
  });
});

describe('polity budgeting compute on hostile files', () => {
  it('exits 2 naming the file, the line and the reason (Latin-1; cut in half)', async () => {
    const latin1 = path.join(dir, 'latin1.pb');
    const half = path.join(dir, 'half.pb');
    writeFileSync(latin1, Buffer.from(base, 'latin1'));
    writeFileSync(half, base.split('\n').slice(0, -31).join('\n'));
    const run = (file: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [BIN, 'budgeting', 'compute', file, '--rule', 'greedy'], { timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
      });
    const [a, b] = await Promise.all([run(latin1), run(half)]);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(
      new RegExp(`^polity budgeting compute: Malformed Pabulib file: ${latin1}, line 19: the file is not UTF-8 \\(invalid byte at byte \\d+`),
    );
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(
      `${half}, META line 8: META "num_votes" says 60 but the section VOTES holds 30 rows: the file is truncated or incomplete`,
    );
  }, 120_000);
});

describe.each(testDatabases())('Pabulib import on %s stores nothing from a hostile file', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('answers 400 naming the file, section and line, and the tables keep their rows', async () => {
    const editor = await signedInClient(t, 'editor');
    const count = async () => {
      const n = async (table: string) =>
        Number(rowsOf<{ n: number }>(await t.deps.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);
      return [await n('budgeting_processes'), await n('budgeting_districts'), await n('budgeting_projects'), await n('budgeting_ballots')];
    };
    const before = await count();
    const lastVoteUnknown = base.replace(/\nv60;[^\n]*/, '\nv60;1,99;1,1');
    for (const [file, where] of [
      [lastVoteUnknown, 'VOTES line 92'],
      [base.split('\n').slice(0, -31).join('\n'), 'META line 8'],
      [base.replace('budget;1000,5', 'budget;-5'), 'META line 9'],
      [base.replace(/\nv60;[^\n]*/, '\nv59;1;1'), 'VOTES line 92'],
    ]) {
      const res = await editor.api('POST', '/budgeting/import', { slug: 'hostile', file });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.message).toContain(`the uploaded file, ${where}: `);
      expect(error.fields.file).toMatch(new RegExp(`^${where}: `));
    }
    expect(await count()).toEqual(before);
    expect((await editor.api('POST', '/budgeting/import', { slug: 'fine', file: base })).status).toBe(201);
    const after = await count();
    expect(after[2] - before[2]).toBe(12);
    expect(after[3] - before[3]).toBe(60);
  }, 60_000);
});
