import { describe, expect, it } from 'vitest';
import { Rational } from '../../../math/rational.js';
import { parsePabulib, readElection } from '../formats/pabulib.js';
import { computeOutcome, type RuleOptions } from './compute.js';
import type { Election } from './election.js';

/** A tiny election from project `id:cost` pairs and ballots (each a comma list, `xN` repeats it). */
function election(budget: number, projects: string[], ballots: string[], voteType = 'approval', extra = ''): Election {
  const votes: string[] = [];
  for (const b of ballots) {
    const [list, times] = b.split('x');
    for (let i = 0; i < Number(times ?? 1); i++) votes.push(`${votes.length + 1};${list}`);
  }
  const text = [
    'META',
    'key;value',
    'description;hand example',
    'country;-',
    'unit;-',
    'instance;-',
    `num_projects;${projects.length}`,
    `num_votes;${votes.length}`,
    `budget;${budget}`,
    `vote_type;${voteType}`,
    'rule;greedy',
    'date_begin;-',
    'date_end;-',
    ...(extra ? [extra] : []),
    'PROJECTS',
    'project_id;cost',
    ...projects.map((p) => p.replace(':', ';')),
    'VOTES',
    voteType === 'cumulative' ? 'voter_id;vote;points' : 'voter_id;vote',
    ...votes,
  ].join('\n');
  return readElection(parsePabulib(text));
}

const run = (e: Election, o: RuleOptions) => computeOutcome(e, o).selected.map((p) => e.projects[p].id);

describe('counting rules on hand-computed examples', () => {
  // Computed by hand: budget 10; A costs 6 (3 votes), B 5 (2 votes), C 4 (1 vote).
  const abc = election(10, ['A:6', 'B:5', 'C:4'], ['A,B', 'A,B,C', 'A']);

  it('greedy takes A, skips B (5 > 4 left), takes C', () => {
    expect(run(abc, { rule: 'greedy' })).toEqual(['A', 'C']);
  });

  it('greedy-no-skip stops at B', () => {
    expect(run(abc, { rule: 'greedy-no-skip' })).toEqual(['A']);
  });

  it('greedy-threshold with threshold 2 leaves C out', () => {
    expect(run(abc, { rule: 'greedy-threshold', threshold: Rational.of(2) })).toEqual(['A']);
  });

  it('max-welfare beats greedy when two cheaper projects are worth more (cardinality: 2 + 2 > 3)', () => {
    // Budget 10: A costs 6 with 3 votes, B and C cost 5 with 2 votes each. Greedy: A only (value 3);
    // the optimum is {B, C} (value 4).
    const e = election(10, ['A:6', 'B:5', 'C:5'], ['A,B', 'A,C', 'A,B,C']);
    expect(run(e, { rule: 'greedy' })).toEqual(['A']);
    expect(run(e, { rule: 'max-welfare', satisfaction: 'cardinality' }).sort()).toEqual(['B', 'C']);
  });

  // Equal Shares (equalshares.net's introductory example, scaled down; computed by hand): 3 voters
  // approve A and B (cost 2 each), 1 voter approves C (cost 2); budget 4, so 1 per voter. A is paid
  // 2/3 by each of its 3 supporters (rho 1/3); then they hold 1/3 each, 1 in all, and cannot pay B;
  // C's only supporter holds 1 < 2. Greedy instead spends everything on the majority.
  const majority = election(4, ['A:2', 'B:2', 'C:2'], ['A,Bx3', 'C']);

  it('MES gives the majority only its share', () => {
    expect(run(majority, { rule: 'mes' })).toEqual(['A']);
    expect(run(majority, { rule: 'greedy' })).toEqual(['A', 'B']);
  });

  it('add1 completions: at 2 per voter MES would select A, B, C (6 > 4), so both return the outcome at 1', () => {
    expect(run(majority, { rule: 'mes', completion: 'add1-exhaustive' })).toEqual(['A']);
    expect(run(majority, { rule: 'mes', completion: 'add1' })).toEqual(['A']);
    // pabutools' rule combination then adds greedy by votes: B (3 votes) fits the 2 left.
    expect(run(majority, { rule: 'mes', completion: 'add1-exhaustive-greedy' })).toEqual(['A', 'B']);
  });

  it('the comparison step switches to greedy when more voters prefer it (3 prefer {A,B}, 1 is indifferent)', () => {
    const out = computeOutcome(majority, { rule: 'mes', comparison: true });
    expect(out.comparison).toEqual({ prefersRule: 0, prefersGreedy: 3, switchedToGreedy: true });
    expect(out.selected.map((p) => majority.projects[p].id)).toEqual(['A', 'B']);
  });

  it('sequential Phragmén: A and B reach load 2/3 and 4/3, C (load 2) no longer fits', () => {
    expect(run(majority, { rule: 'phragmen' })).toEqual(['A', 'B']);
  });

  it('MES with points satisfaction pays by points (cumulative ballots)', () => {
    // Budget 6, 2 per voter. X costs 3: voters 1-2 give it 5 and 1 point; per point rho = 3/6, so
    // voter 1 would pay 2.5 > 2: pays 2, and voter 2 pays the other 1 (rho = 1). Y costs 2 with voter
    // 3's 10 points: rho = 2/10. So Y first, then X (rho 1), hand-computed.
    const e = election(6, ['X:3', 'Y:2'], ['X,Y;5,1', 'X;1', 'Y;10'], 'cumulative');
    expect(run(e, { rule: 'mes', satisfaction: 'points' })).toEqual(['Y', 'X']);
  });

  it('greedy by score counts ranks k..1 for ordinal ballots', () => {
    // max_length 2: first rank scores 2, second 1. P: 2+2+1 = 5, Q: 1+1+2 = 4, both fit.
    const e = election(10, ['P:5', 'Q:5'], ['P,Qx2', 'Q,P'], 'ordinal', 'max_length;2');
    expect(run(e, { rule: 'greedy-score' })).toEqual(['P', 'Q']);
  });

  it("ties: pabutools' lexicographic order compares ids as strings; min-cost first when asked", () => {
    const e = election(5, ['9:3', '10:4'], ['9,10']);
    expect(run(e, { rule: 'greedy' })).toEqual(['10']);
    expect(run(e, { rule: 'greedy', tieBreak: ['min-cost'] })).toEqual(['9']);
  });
});
