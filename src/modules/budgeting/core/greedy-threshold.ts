import { Rational } from '../../../math/rational.js';
import { countApprovals, type Election } from './election.js';
import { orderByDensity, selectInOrder } from './greedy-core.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Pabulib rule `greedy-threshold` (pb-rules.md): greedy by votes over the projects whose votes
 * reach `threshold` (META `min_project_score_threshold` by default). Equals the reference call
 * `greedy_utilitarian_welfare(Instance([p for p in instance if votes(p) >= threshold]), ..., Cost_Sat)`.
 */
export function computeGreedyThreshold(e: Election, tie: TieOrder, threshold: Rational): Outcome {
  const votes = countApprovals(e);
  const order = orderByDensity(
    e,
    votes.map((v) => Rational.of(v)),
    tie,
  ).filter((p) => !Rational.of(votes[p]).lt(threshold));
  const out = selectInOrder(e, order, [], true, (p) => `${votes[p]} votes`);
  for (const p of e.projects.keys())
    if (Rational.of(votes[p]).lt(threshold)) out.rounds.push({ project: e.projects[p].id, note: `below threshold: ${votes[p]} < ${threshold}` });
  return out;
}
