import { Rational } from '../../../math/rational.js';
import { countApprovals, type Election } from './election.js';
import { orderByDensity, selectInOrder } from './greedy-core.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/** Satisfaction measures of pabutools used by the rules (Cost_Sat, Cardinality_Sat, Additive_Cardinal_Sat). */
export type Satisfaction = 'cost' | 'cardinality' | 'points';

/**
 * Greedy by votes (Pabulib rule `greedy`; pabutools `greedy_utilitarian_welfare(..., sat_class=Cost_Sat)`):
 * projects by number of approvals, highest first, ties by `tie`; each project that still fits is
 * taken, the others skipped. With cardinality satisfaction the order is approvals per unit of cost.
 * `initial` projects are kept first (pabutools' `initial_budget_allocation`, used by completions).
 */
export function computeGreedy(e: Election, tie: TieOrder, satisfaction: Satisfaction = 'cost', initial: number[] = []): Outcome {
  const votes = countApprovals(e);
  const density = votes.map((v, p) =>
    satisfaction === 'cardinality'
      ? e.projects[p].cost > 0n
        ? Rational.of(v, e.projects[p].cost)
        : Rational.of(v === 0 ? 0 : Number.MAX_SAFE_INTEGER)
      : Rational.of(v),
  );
  return selectInOrder(e, orderByDensity(e, density, tie), initial, true, (p) => `${votes[p]} votes`);
}
