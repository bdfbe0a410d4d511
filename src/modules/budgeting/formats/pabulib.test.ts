import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.js';
import { parsePabulib, readElection, writePabulib } from './pabulib.js';

const META = [
  'META',
  'key;value',
  'description;Test',
  'country;Nowhere',
  'unit;Town',
  'instance;2024',
  'num_projects;2',
  'num_votes;2',
  'budget;100,5',
  'vote_type;cumulative',
  'rule;greedy',
  'date_begin;01.01.2024',
  'date_end;02.01.2024',
];

const file = (projects: string[], votes: string[]) => [...META, 'PROJECTS', ...projects, 'VOTES', ...votes].join('\r\n');

function errorOf(text: string): AppError {
  try {
    parsePabulib(text);
  } catch (error) {
    if (error instanceof AppError) return error;
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

  it('writes a file that reads back identically', () => {
    const parsed = parsePabulib(good);
    expect(parsePabulib(writePabulib(parsed))).toEqual(parsed);
  });

  it('names the line and what was expected', () => {
    const wrongCount = errorOf(file(['project_id;cost;name', '1;50'], ['voter_id;vote']));
    expect(wrongCount.code).toBe('invalid_input');
    expect(wrongCount.details.line).toBe(16);
    expect(wrongCount.message).toMatch(/line 16: expected 3 fields/);
    expect(errorOf(file(['project_id;cost', '1;abc'], ['voter_id;vote'])).message).toMatch(/line 16: expected a number in "cost"/);
    expect(errorOf(file(['project_id;cost', '1;5'], ['voter_id;vote', 'a;7'])).message).toMatch(/line 19: expected project ids from PROJECTS/);
    expect(errorOf(file(['project_id;cost', '1;5'], ['voter_id;vote;points', 'a;1;2,3'])).message).toMatch(/line 19: expected as many "points"/);
    expect(errorOf(file(['project_id;cost', '1;5', '1;6'], ['voter_id;vote'])).message).toMatch(/line 17: expected a unique project_id/);
    expect(errorOf(file(['project_id;cost', '1;"5'], ['voter_id;vote'])).message).toMatch(/balanced double quotes/);
    expect(errorOf(good.replace('PROJECTS\r\n', '')).message).toMatch(/line 14: expected 2 fields \(key;value\)/);
    expect(errorOf(good.replace('vote_type;cumulative', 'vote_type;magic')).message).toMatch(/vote_type/);
    expect(errorOf(good.replace('unit;Town\r\n', '')).message).toMatch(/META key "unit"/);
  });
});
