import { Rational } from '../../../math/rational.js';
import { totalCost, type Election } from './election.js';
import { prepareEqualShares, runEqualShares } from './equal-shares.js';
import { runEqualSharesCertified, type CertifiedStats } from './equal-shares-float.js';
import { computeGreedy, type Satisfaction } from './greedy.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/** How MES is completed when it leaves budget unspent. */
export type Completion = 'none' | 'add1' | 'add1-exhaustive' | 'add1-exhaustive-greedy';

/** Completion names accepted on the command line. */
export const COMPLETIONS: readonly Completion[] = ['none', 'add1', 'add1-exhaustive', 'add1-exhaustive-greedy'];

// Every run below is `runEqualSharesCertified`: floating point with certified decisions, exact
// rationals only for a run with a decision too close to call, so outcomes equal the exact ones.

function isExhaustive(e: Election, selected: number[], available: number[]): boolean {
  const left = e.budget - totalCost(e, selected);
  const taken = new Set(selected);
  return !available.some((p) => !taken.has(p) && e.projects[p].cost <= left);
}

/**
 * MES with add1 as pabutools computes it (`method_of_equal_shares(..., voter_budget_increment=1)`):
 * start every voter at B / n, raise by one currency unit per run, and stop at the first outcome that
 * is exhaustive (no further candidate fits) or return the previous outcome as soon as one overspends.
 */
export function computeEqualSharesAdd1Exhaustive(
  e: Election,
  satisfaction: Satisfaction,
  tie: TieOrder,
  explain = false,
  stats?: CertifiedStats,
): Outcome & { endowment: Rational } {
  const d = prepareEqualShares(e, satisfaction);
  let endowment = Rational.of(e.budget, e.numVoters);
  const step = Rational.of(e.scale);
  let previous: Outcome & { endowment: Rational } = { selected: [...d.free], rounds: [], endowment };
  for (;;) {
    const out = runEqualSharesCertified(d, endowment, tie, stats);
    if (totalCost(e, out.selected) > e.budget) break;
    previous = { ...out, endowment };
    if (isExhaustive(e, out.selected, d.candidates)) break;
    endowment = endowment.add(step);
  }
  return explain ? { ...runEqualShares(d, previous.endowment, tie, true), endowment: previous.endowment } : previous;
}

/**
 * MES with add1 as Pabulib's checker defines rule `equalshares/add1` (and equalshares.net's
 * completion "add1" with the "integral" option): start every voter at floor(B / n) currency units
 * and raise by one unit while the next outcome still fits the budget, with no early stop at an
 * exhaustive outcome. It also stops once every candidate is selected, since nothing can change.
 */
export function computeEqualSharesAdd1(
  e: Election,
  satisfaction: Satisfaction,
  tie: TieOrder,
  explain = false,
  stats?: CertifiedStats,
): Outcome & { endowment: Rational } {
  const d = prepareEqualShares(e, satisfaction);
  const units = e.budget / (BigInt(e.numVoters) * e.scale);
  let endowment = Rational.of(units * e.scale);
  const step = Rational.of(e.scale);
  let current = runEqualSharesCertified(d, endowment, tie, stats);
  while (current.selected.length < d.candidates.length + d.free.length) {
    const next = runEqualSharesCertified(d, endowment.add(step), tie, stats);
    if (totalCost(e, next.selected) > e.budget) break;
    endowment = endowment.add(step);
    current = next;
  }
  return explain ? { ...runEqualShares(d, endowment, tie, true), endowment } : { ...current, endowment };
}

/**
 * pabutools' `completion_by_rule_combination([method_of_equal_shares, greedy_utilitarian_welfare])`
 * with add1 (`voter_budget_increment=1`) then greedy by votes (cost satisfaction) on what is left.
 */
export function computeEqualSharesAdd1Greedy(
  e: Election,
  satisfaction: Satisfaction,
  tie: TieOrder,
  explain = false,
): Outcome & { endowment: Rational } {
  const mes = computeEqualSharesAdd1Exhaustive(e, satisfaction, tie, explain);
  const greedy = computeGreedy(e, tie, 'cost', mes.selected);
  return {
    selected: greedy.selected,
    rounds: [
      ...mes.rounds,
      ...greedy.rounds.filter((r) => r.note.startsWith('selected')).map((r) => ({ ...r, note: `greedy completion ${r.note}` })),
    ],
    endowment: mes.endowment,
  };
}
