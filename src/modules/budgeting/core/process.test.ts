import { describe, expect, it } from 'vitest';
import { Rational } from '../../../math/rational.js';
import { groupBallots, type Election } from './election.js';
import { checkBallot, describeBallotProblem } from './ballot-rules.js';
import { countChoicesWon, explainOutcome, replayShares } from './explain.js';
import { checkPhaseOrder, computePhase, isVotingOpen } from './phases.js';

const projects = [
  { code: '1', cost: '60000' },
  { code: '2', cost: '30000.50' },
  { code: '3', cost: '9999.50' },
];

describe('checkBallot', () => {
  it('compares knapsack costs exactly: 90000.00 fits 90000, 90000.01 does not', () => {
    expect(checkBallot('knapsack', {}, projects, '90000.50', [{ project: '1' }, { project: '2' }])).toBeNull();
    const p = checkBallot('knapsack', {}, projects, '90000.49', [{ project: '1' }, { project: '2' }]);
    expect(p?.constraint).toBe('over_budget');
    expect(describeBallotProblem(p!)).toBe('The projects you chose cost 90000.5, more than the budget of 90000.49.');
    expect(checkBallot('knapsack', {}, projects, '100000', [{ project: '1' }, { project: '2' }, { project: '3' }])).toBeNull();
  });
  it('names each constraint', () => {
    const c = (t: Parameters<typeof checkBallot>[0], k: object, choices: { project: string; points?: number }[]) =>
      checkBallot(t, k, projects, '1000000', choices)?.constraint ?? null;
    expect(c('approval', { minProjects: 2 }, [{ project: '1' }])).toBe('min_projects');
    expect(c('approval', { maxProjects: 1 }, [{ project: '1' }, { project: '2' }])).toBe('max_projects');
    expect(c('approval', {}, [{ project: '4' }])).toBe('unknown_project');
    expect(c('approval', {}, [])).toBe('empty');
    expect(c('cumulative', { totalPoints: 5 }, [{ project: '1', points: 0 }])).toBe('points_whole');
    expect(c('cumulative', { totalPoints: 5 }, [{ project: '1', points: 1.5 }])).toBe('points_whole');
    expect(c('cumulative', { totalPoints: 5, maxPointsPerProject: 4 }, [{ project: '1', points: 5 }])).toBe('points_per_project');
    expect(
      c('cumulative', { totalPoints: 5 }, [
        { project: '1', points: 3 },
        { project: '2', points: 3 },
      ]),
    ).toBe('total_points');
    expect(c('ordinal', { rankK: 1 }, [{ project: '1' }, { project: '2' }])).toBe('rank_k');
    expect(c('choose-one', {}, [{ project: '1' }, { project: '2' }])).toBe('choose_one');
    expect(c('choose-one', {}, [{ project: '3' }])).toBeNull();
  });
});

describe('phases', () => {
  const phases = {
    proposals: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
    review: { start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' },
    voting: { start: '2026-03-05T00:00:00Z', end: '2026-04-01T00:00:00Z' },
    results: { start: '2026-04-01T00:00:00Z', end: '2026-05-01T00:00:00Z' },
    implementation: { start: '2026-05-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
  };
  it('finds the phase, the gap between phases and the edges', () => {
    expect(computePhase(phases, new Date('2025-12-31T23:59:59Z'))).toBe('upcoming');
    expect(computePhase(phases, new Date('2026-01-01T00:00:00Z'))).toBe('proposals');
    expect(computePhase(phases, new Date('2026-03-02T00:00:00Z'))).toBe('review');
    expect(computePhase(phases, new Date('2026-03-31T23:59:59Z'))).toBe('voting');
    expect(computePhase(phases, new Date('2027-01-01T00:00:00Z'))).toBe('closed');
    expect(isVotingOpen(phases, new Date('2026-04-01T00:00:00Z'))).toBe(false);
    expect(checkPhaseOrder(phases)).toEqual({});
    expect(checkPhaseOrder({ ...phases, results: { start: '2026-03-20T00:00:00Z', end: '2026-05-01T00:00:00Z' } })).toEqual({
      'phases.results.start': 'must not be before the end of the previous phase',
    });
  });
});

describe('explanations', () => {
  // Five voters, budget 100: A (60) by voters 1-3, B (30) by 3-4, C (20) by 4-5. Equal Shares: 20 each.
  // A: voters 1-3 pay 20 each (rho: 60/3 = 20). C: voters 4 and 5 pay 10 each. B: voter 3 has 0,
  // voter 4 has 10 < 30, so B is not affordable (hand computation, Peters & Skowron 2020's rule).
  const e: Election = {
    projects: [
      { id: 'A', cost: 60n },
      { id: 'B', cost: 30n },
      { id: 'C', cost: 20n },
    ],
    budget: 100n,
    scale: 1n,
    voteType: 'approval',
    maxLength: null,
    threshold: null,
    groups: groupBallots([
      { projects: [0], points: null },
      { projects: [0], points: null },
      { projects: [0, 1], points: null },
      { projects: [1, 2], points: null },
      { projects: [2], points: null },
    ]),
    numVoters: 5,
  };
  it('replays each voter group’s payments exactly', () => {
    const { spending, completion } = replayShares(e, [0, 2], Rational.of(20), false);
    expect(completion).toEqual([]);
    const by = (i: number) => spending[i].payments.map((p) => `${p.project}:${p.amount.toString()}`).join(' ');
    expect(spending.map((s) => s.weight)).toEqual([2, 1, 1, 1]);
    expect(by(0)).toBe('A:20');
    expect(by(1)).toBe('A:20');
    expect(by(2)).toBe('C:10');
    expect(spending[2].left.toString()).toBe('10');
    // Uneven money: a completion project the supporters cannot pay is reported as such.
    expect(replayShares(e, [0, 2, 1], Rational.of(20), false).completion).toEqual(['B']);
  });
  it('counts how many choices of each voter won and says why a project lost', () => {
    expect(countChoicesWon(e, [0, 2])).toEqual([
      { won: 0, voters: 0 },
      { won: 1, voters: 5 },
    ]);
    const v = explainOutcome(e, [0, 2], [{ project: 'B', note: 'skipped: 2 votes, costs 30 > 20 left' }]);
    expect(v.map((x) => [x.code, x.selected, x.votes, x.reason])).toEqual([
      ['A', true, 3, 'won'],
      ['B', false, 2, 'did-not-fit'],
      ['C', true, 2, 'won'],
    ]);
    expect(v[1].left).toBe('20');
  });
});
