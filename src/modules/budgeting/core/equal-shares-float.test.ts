import { describe, expect, it } from 'vitest';
import { Rational } from '../../../math/rational.js';
import type { Election } from './election.js';
import { computeEqualShares, runEqualSharesCertified, type CertifiedStats } from './equal-shares-float.js';
import { prepareEqualShares, runEqualShares } from './equal-shares.js';
import type { Satisfaction } from './greedy.js';
import { computePhragmen } from './phragmen.js';
import { computePhragmenExact } from './phragmen-exact.js';
import { makeTieOrder } from './tie-break.js';

/** A small random election (seeded LCG): few distinct costs and ballots, so exact ties abound. */
function randomElection(seed: number, cumulative: boolean): Election {
  let s = seed;
  const next = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * k);
  };
  const m = 3 + next(6);
  const projects = Array.from({ length: m }, (_, p) => ({ id: String(p + 1), cost: BigInt(2 + next(4) * 3) }));
  const groups = Array.from({ length: 2 + next(8) }, () => {
    const chosen = projects.map((_, p) => p).filter(() => next(2) === 1);
    const list = chosen.length > 0 ? chosen : [next(m)];
    return { projects: list, points: cumulative ? list.map(() => 1 + next(3)) : null, weight: 1 + next(4) };
  });
  const numVoters = groups.reduce((t, g) => t + g.weight, 0);
  return {
    projects,
    budget: BigInt(4 + next(20)),
    scale: 1n,
    voteType: cumulative ? 'cumulative' : 'approval',
    maxLength: null,
    threshold: null,
    groups,
    numVoters,
  };
}

describe('Equal Shares in certified floating point', () => {
  it('selects exactly what the exact rationals select, falling back to them when a decision is close', () => {
    const stats: CertifiedStats = { float: 0, exact: 0 };
    for (let seed = 1; seed <= 150; seed++) {
      const cumulative = seed % 3 === 0;
      const e = randomElection(seed, cumulative);
      const satisfactions: Satisfaction[] = cumulative ? ['points', 'cost'] : ['cost', 'cardinality'];
      for (const sat of satisfactions) {
        const d = prepareEqualShares(e, sat);
        for (const criteria of [[], ['min-cost', 'max-votes']] as const) {
          const tie = makeTieOrder(e, [...criteria]);
          // Shares from B / n up in thirds of a unit: exact equalities of money and cost occur.
          for (let k = 0; k < 12; k++) {
            const endowment = Rational.of(e.budget, e.numVoters).add(Rational.of(k, 3));
            const exact = runEqualShares(d, endowment, tie, false).selected;
            expect(runEqualSharesCertified(d, endowment, tie, stats).selected, `seed ${seed}, ${sat}, share ${endowment.toString()}`).toEqual(exact);
          }
        }
      }
    }
    expect(stats.float).toBeGreaterThan(0);
    expect(stats.exact).toBeGreaterThan(0);
  });
});

/** An election from projects `[id, cost]` and ballot groups `[projects, weight]`, costs in units of 1. */
function handElection(budget: bigint, projects: [string, bigint][], groups: [number[], number][]): Election {
  return {
    projects: projects.map(([id, cost]) => ({ id, cost })),
    budget,
    scale: 1n,
    voteType: 'approval',
    maxLength: null,
    threshold: null,
    groups: groups.map(([list, weight]) => ({ projects: list, points: null, weight })),
    numVoters: groups.reduce((t, [, w]) => t + w, 0),
  };
}

const names = (e: Election, selected: number[]) => selected.map((p) => e.projects[p].id);

describe('near ties that doubles decide wrongly', () => {
  // A costs 100000001 with 10^8 supporters, B costs 100000002 with 10^8 + 1 others: B's share
  // per supporter is lower by exactly 1 / (10^8 (10^8 + 1)), about 1e-16, below the spacing of
  // doubles near 1, so both divisions round to the same double and a float rule falls to the tie
  // order, which prefers A ("A" < "B"). The exact order is B, then A.
  const u = 100_000_000;
  const v = 100_000_001;
  const tight = handElection(
    300_000_010n,
    [
      ['A', 100_000_001n],
      ['B', 100_000_002n],
    ],
    [
      [[0], u],
      [[1], v],
    ],
  );

  it('the premise: the two shares are different rationals but the same double', () => {
    expect(100_000_001 / u).toBe(100_000_002 / v);
    expect(Rational.of(100_000_002n, v).lt(Rational.of(100_000_001n, u))).toBe(true);
  });

  it('Equal Shares (cardinality) buys B first, as exact rationals do', () => {
    const tie = makeTieOrder(tight, []);
    const d = prepareEqualShares(tight, 'cardinality');
    const endowment = Rational.of(tight.budget, tight.numVoters);
    expect(names(tight, runEqualShares(d, endowment, tie, false).selected)).toEqual(['B', 'A']);
    expect(names(tight, runEqualSharesCertified(d, endowment, tie).selected)).toEqual(['B', 'A']);
  });

  it('sequential Phragmén buys B first (load 100000002 / 100000001 < 100000001 / 10^8)', () => {
    const tie = makeTieOrder(tight, []);
    expect(names(tight, computePhragmenExact(tight, tie).selected)).toEqual(['B', 'A']);
    expect(names(tight, computePhragmen(tight, tie).selected)).toEqual(['B', 'A']);
  });

  it('Equal Shares funds a project its 49 supporters afford exactly, though 49 * fl(1/49) < 1', () => {
    // Budget 1 for 49 voters: each has exactly 1/49 and together exactly the cost 1. In doubles
    // 49 * (1 / 49) = 0.9999999999999999, so a float affordability test drops the project.
    expect(49 * (1 / 49)).toBeLessThan(1);
    const e = handElection(1n, [['X', 1n]], [[[0], 49]]);
    const tie = makeTieOrder(e, []);
    const stats: CertifiedStats = { float: 0, exact: 0 };
    for (const sat of ['cost', 'cardinality'] as const) {
      const d = prepareEqualShares(e, sat);
      expect(names(e, runEqualSharesCertified(d, Rational.of(1, 49), tie, stats).selected)).toEqual(['X']);
      expect(names(e, computeEqualShares(e, sat, tie).selected)).toEqual(['X']);
    }
    // The intervals could not decide, so the run was redone exactly.
    expect(stats.exact).toBe(2);
  });

  it('Equal Shares with cost satisfaction breaks an exact tie of rhos by the tie order', () => {
    // Both projects: 3 supporters, everyone rich, rho = 1/3 exactly; "A" wins the tie, then "B".
    const e = handElection(
      60n,
      [
        ['B', 9n],
        ['A', 12n],
      ],
      [
        [[0], 3],
        [[1], 3],
      ],
    );
    const stats: CertifiedStats = { float: 0, exact: 0 };
    const tie = makeTieOrder(e, []);
    const d = prepareEqualShares(e, 'cost');
    expect(names(e, runEqualSharesCertified(d, Rational.of(10), tie, stats).selected)).toEqual(['A', 'B']);
    expect(names(e, runEqualSharesCertified(d, Rational.of(10), makeTieOrder(e, ['min-cost']), stats).selected)).toEqual(['B', 'A']);
    // Decided by the exact integer fractions of all-rich projects, with no exact rerun.
    expect(stats).toEqual({ float: 2, exact: 0 });
  });
});

describe('sequential Phragmén with certified bounds', () => {
  it('selects exactly what the exact rationals select, and explains the same rounds', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const e = randomElection(seed, false);
      for (const criteria of [[], ['min-cost', 'max-votes']] as const) {
        const tie = makeTieOrder(e, [...criteria]);
        const exact = computePhragmenExact(e, tie, true);
        expect(computePhragmen(e, tie).selected, `seed ${seed}`).toEqual(exact.selected);
        expect(computePhragmen(e, tie, true).rounds, `seed ${seed}`).toEqual(exact.rounds);
      }
    }
  });
});
