import { Rational } from '../../../math/rational.js';
import { countApprovals, type Election } from './election.js';
import { orderByDensity, selectInOrder } from './greedy-core.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Pabulib rule `greedy-no-skip` (pb-rules.md): projects by votes, highest first, ties by `tie`;
 * stop at the first project that does not fit the remaining budget.
 */
export function computeGreedyNoSkip(e: Election, tie: TieOrder): Outcome {
  const votes = countApprovals(e);
  const order = orderByDensity(
    e,
    votes.map((v) => Rational.of(v)),
    tie,
  );
  return selectInOrder(e, order, [], false, (p) => `${votes[p]} votes`);
}
