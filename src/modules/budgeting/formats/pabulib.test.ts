import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.js';
import { parsePabulib, readElection, writePabulib, type PabulibProblem } from './pabulib.js';

const meta = (extra: string[] = [], counts = { projects: 2, votes: 2 }) => [
  'META',
  'key;value',
  'description;Test',
  'country;Nowhere',
  'unit;Town',
  'instance;2024',
  `num_projects;${counts.projects}`,
  `num_votes;${counts.votes}`,
  'budget;100,5',
  'vote_type;cumulative',
  'rule;greedy',
  'date_begin;01.01.2024',
  'date_end;02.01.2024',
  ...extra,
];

/** A file whose META counts match its sections (lines: META 1-13, then `extra`, then PROJECTS). */
const file = (projects: string[], votes: string[], extra: string[] = []) =>
  [
    ...meta(extra, { projects: Math.max(0, projects.length - 1), votes: Math.max(0, votes.length - 1) }),
    'PROJECTS',
    ...projects,
    'VOTES',
    ...votes,
  ].join('\r\n');

function errorOf(input: string | Uint8Array, name?: string): AppError & { details: PabulibProblem } {
  try {
    parsePabulib(input, { file: name });
  } catch (error) {
    if (error instanceof AppError) return error as AppError & { details: PabulibProblem };
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('Pabulib format', () => {
  const good = file(
    ['project_id;cost;name', '1;50,25;"Park ""Green""; with benches"', '2;40;Library'],
    ['voter_id;vote;points', '1;1,2;6,4', '2;2;10'],
  );

  it('reads a byte-order mark, CRLF, decimal commas and quoted fields', () => {
    const parsed = parsePabulib('\uFEFF' + good);
    expect(parsed.meta.budget).toBe('100,5');
    expect(parsed.projects.rows[0].name).toBe('Park "Green"; with benches');
    const e = readElection(parsed);
    expect(e.scale).toBe(100n);
    expect(e.budget).toBe(10050n);
    expect(e.projects.map((p) => p.cost)).toEqual([5025n, 4000n]);
    expect(e.groups.map((g) => g.points)).toEqual([[6, 4], [10]]);
  });

  it('reads the same file given as UTF-8 bytes, with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(good.replace('Library', 'Biblioteka Częstochowa'));
    expect(parsePabulib(bytes).projects.rows[1].name).toBe('Biblioteka Częstochowa');
    expect(parsePabulib(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual(parsePabulib(bytes));
  });

  it('writes a file that reads back identically', () => {
    const parsed = parsePabulib(good);
    expect(parsePabulib(writePabulib(parsed))).toEqual(parsed);
  });

  it('names the file, the section, the line and the reason', () => {
    const wrongCount = errorOf(file(['project_id;cost;name', '1;50'], ['voter_id;vote']), 'tiny.pb');
    expect(wrongCount.code).toBe('invalid_input');
    expect(wrongCount.details).toMatchObject({ file: 'tiny.pb', section: 'PROJECTS', line: 16, reason: 'field_count' });
    expect(wrongCount.message).toBe('Malformed Pabulib file: tiny.pb, PROJECTS line 16: expected 3 fields (project_id;cost;name), found 2');
    expect(wrongCount.fields).toEqual({ file: 'PROJECTS line 16: expected 3 fields (project_id;cost;name), found 2' });
    expect(errorOf(file(['project_id;cost', '1;abc'], ['voter_id;vote'])).message).toMatch(/PROJECTS line 16: "cost" must be a number/);
    expect(errorOf(file(['project_id;cost', '1;5'], ['voter_id;vote', 'a;7'])).message).toMatch(
      /VOTES line 19: the vote names project "7", which PROJECTS/,
    );
    expect(errorOf(file(['project_id;cost', '1;5'], ['voter_id;vote;points', 'a;1;2,3'])).message).toMatch(
      /VOTES line 19: "points" must give one value/,
    );
    expect(errorOf(file(['project_id;cost', '1;5', '1;6'], ['voter_id;vote'])).message).toMatch(
      /PROJECTS line 17: the project_id "1" appears twice \(also on line 16\)/,
    );
    expect(errorOf(file(['project_id;cost', '1;"5'], ['voter_id;vote'])).message).toMatch(/balanced double quotes/);
    expect(errorOf(good.replace('PROJECTS\r\n', '')).message).toMatch(/META line 14: expected 2 fields \(key;value\)/);
    expect(errorOf(good.replace('vote_type;cumulative', 'vote_type;magic')).details).toMatchObject({
      section: 'META',
      line: 10,
      reason: 'vote_type',
    });
    expect(errorOf(good.replace('unit;Town\r\n', '')).message).toMatch(/META: the META key "unit" is missing/);
  });

  it('refuses a truncated file: META num_votes against the rows of VOTES', () => {
    const votes = ['voter_id;vote;points', ...Array.from({ length: 10 }, (_, i) => `${i};1;1`)];
    const whole = file(['project_id;cost', '1;5'], votes);
    expect(parsePabulib(whole).votes.rows).toHaveLength(10);
    const half = whole.split('\r\n').slice(0, -5).join('\r\n');
    const e = errorOf(half, 'half.pb');
    expect(e.details).toMatchObject({ section: 'META', line: 8, reason: 'count_mismatch', params: { key: 'num_votes', declared: 10, found: 5 } });
    expect(e.message).toMatch(/half\.pb, META line 8: META "num_votes" says 10 but the section VOTES holds 5 rows: the file is truncated/);
    expect(errorOf(whole.replace('num_projects;1', 'num_projects;3')).details.params).toMatchObject({ key: 'num_projects', declared: 3, found: 1 });
  });

  it('refuses a negative, zero or non-numeric budget and a negative cost', () => {
    expect(errorOf(good.replace('budget;100,5', 'budget;-100')).details).toMatchObject({ line: 9, reason: 'negative', params: { name: 'budget' } });
    expect(errorOf(good.replace('budget;100,5', 'budget;0')).details.reason).toBe('not_positive');
    for (const bad of ['NaN', 'Infinity', '1e9', '0x10', '', '1'.repeat(40)])
      expect(errorOf(good.replace('budget;100,5', `budget;${bad}`)).details).toMatchObject({ line: 9, params: { name: 'budget' } });
    expect(errorOf(good.replace('2;40;Library', '2;-40;Library')).details).toMatchObject({ line: 17, reason: 'negative', params: { name: 'cost' } });
    expect(errorOf(good.replace('2;40;Library', '2;NaN;Library')).details).toMatchObject({ line: 17, reason: 'not_number' });
    expect(errorOf(good.replace('num_votes;2', 'num_votes;-2')).details).toMatchObject({ line: 8, reason: 'not_integer' });
  });

  it('refuses a Latin-1 or UTF-16 file, saying it is not UTF-8 and where', () => {
    const latin1 = Buffer.from(good.replace('Library', 'Bibliothèque'), 'latin1');
    const e = errorOf(latin1, 'toulouse.pb');
    expect(e.details).toMatchObject({ file: 'toulouse.pb', line: 17, reason: 'not_utf8' });
    expect(e.message).toMatch(/toulouse\.pb, line 17: the file is not UTF-8 \(invalid byte at byte \d+/);
    expect(errorOf(Buffer.from('\ufeff' + good, 'utf16le')).details.reason).toBe('utf16');
    expect(errorOf(good.replace('Library', 'Lib\0rary')).details).toMatchObject({ reason: 'nul_byte', line: 17 });
  });

  it('refuses duplicate voters, a project twice in a vote, and impossible coordinates', () => {
    const votes = ['voter_id;vote;points', '1;1,2;6,4', '1;2;10'];
    expect(errorOf(file(['project_id;cost', '1;5', '2;6'], votes)).details).toMatchObject({
      line: 21,
      reason: 'voter_id_twice',
      params: { id: '1', first: 20 },
    });
    expect(errorOf(file(['project_id;cost', '1;5', '2;6'], ['voter_id;vote', '1;1,1'])).details.reason).toBe('project_twice_in_vote');
    const at = (lat: string) => file(['project_id;cost;latitude', `1;5;${lat}`], ['voter_id;vote', 'a;1']);
    expect(parsePabulib(at('52.2')).projects.rows[0].latitude).toBe('52.2');
    expect(parsePabulib(at('')).projects.rows[0].latitude).toBe('');
    expect(errorOf(at('91')).details).toMatchObject({ reason: 'coordinate', params: { name: 'latitude' } });
    expect(errorOf(at('Infinity')).details.reason).toBe('coordinate');
  });

  it('refuses votes outside META’s limits: length, points per project, points in all, cost in all', () => {
    const projects = ['project_id;cost', '1;30', '2;40', '3;50'];
    const one = (extra: string[], vote: string) =>
      file(projects, [vote.includes(';') && vote.split(';').length === 3 ? 'voter_id;vote;points' : 'voter_id;vote', vote], extra);
    expect(errorOf(one(['min_length;2'], 'a;1')).details).toMatchObject({ reason: 'vote_too_short', line: 22 });
    expect(errorOf(one(['max_length;2'], 'a;1,2,3')).details).toMatchObject({ reason: 'vote_too_long', params: { length: 3, max: 2 } });
    expect(errorOf(one(['max_points;5'], 'a;1,2;6,1')).details).toMatchObject({ reason: 'points_too_high', params: { value: 6, id: '1' } });
    expect(errorOf(one(['min_points;2'], 'a;1,2;6,1')).details).toMatchObject({ reason: 'points_too_low', params: { id: '2' } });
    expect(errorOf(one(['max_sum_points;10'], 'a;1,2;6,5')).details).toMatchObject({ reason: 'points_sum_high', params: { sum: 11 } });
    expect(errorOf(one(['min_sum_points;10'], 'a;1,2;6,3')).details).toMatchObject({ reason: 'points_sum_low' });
    expect(errorOf(one(['max_sum_cost;60'], 'a;1,2')).details).toMatchObject({ reason: 'cost_sum_high', params: { sum: '70' } });
    expect(errorOf(one(['min_sum_cost;60'], 'a;1')).details).toMatchObject({ reason: 'cost_sum_low' });
    expect(errorOf(one([], 'a;1,2;6,-1')).details).toMatchObject({ reason: 'points_not_whole', params: { value: '-1' } });
    expect(errorOf(one([], 'a;1,2;6,1.5')).details.reason).toBe('points_not_whole');
    expect(errorOf(one(['min_length;3', 'max_length;2'], 'a;1')).details).toMatchObject({ section: 'META', reason: 'meta_range' });
    expect(parsePabulib(one(['min_length;1', 'max_length;2', 'max_sum_points;10', 'max_sum_cost;70'], 'a;1,2;6,4')).votes.rows).toHaveLength(1);
    const choose1 = one([], 'a;1,2').replace('vote_type;cumulative', 'vote_type;choose-1');
    expect(errorOf(choose1).details).toMatchObject({ reason: 'vote_too_long', params: { max: 1 } });
  });

  it('refuses a field longer than the limit, naming the column', () => {
    const long = file(['project_id;cost;name', `1;5;${'x'.repeat(200)}`], ['voter_id;vote', 'a;1']);
    expect(parsePabulib(long).projects.rows[0].name).toHaveLength(200);
    let refused: unknown;
    try {
      parsePabulib(long, { maxFieldLength: 100 });
    } catch (error) {
      refused = error;
    }
    expect((refused as AppError).details).toMatchObject({
      section: 'PROJECTS',
      line: 16,
      reason: 'field_too_long',
      params: { column: 'name', length: 200, max: 100 },
    });
  });
});
