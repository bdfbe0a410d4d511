import { Rational } from '../../../math/rational.js';
import { totalScores, type Election } from './election.js';
import { orderByDensity, selectInOrder } from './greedy-core.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Greedy by score (Pabulib `greedy` on cumulative/ordinal ballots): projects by total score,
 * highest first, skipping what does not fit. Score = points for cumulative/scoring ballots,
 * max_length - position for ordinal ballots (`ballotScores`). Reference: pabutools
 * `greedy_utilitarian_welfare` with a satisfaction score(ballot, p) * cost(p), whose density is the
 * total score (the `greedy_score` call in pb/expected/*.json).
 */
export function computeGreedyScore(e: Election, tie: TieOrder): Outcome {
  const scores = totalScores(e);
  const order = orderByDensity(
    e,
    scores.map((s) => Rational.of(s)),
    tie,
  );
  return selectInOrder(e, order, [], true, (p) => `score ${scores[p]}`);
}
