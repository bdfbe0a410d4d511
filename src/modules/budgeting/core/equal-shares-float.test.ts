import { describe, expect, it } from 'vitest';
import { Rational } from '../../../math/rational.js';
import type { Election } from './election.js';
import { runEqualSharesCertified, type CertifiedStats } from './equal-shares-float.js';
import { prepareEqualShares, runEqualShares } from './equal-shares.js';
import type { Satisfaction } from './greedy.js';
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
