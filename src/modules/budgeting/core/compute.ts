import { Rational } from '../../../math/rational.js';
import { computeEqualSharesAdd1, computeEqualSharesAdd1Exhaustive, computeEqualSharesAdd1Greedy, type Completion } from './add1.js';
import { compareOutcomes } from './comparison.js';
import { totalCost, type Election } from './election.js';
import { computeEqualShares } from './equal-shares-float.js';
import { computeGreedy, type Satisfaction } from './greedy.js';
import { computeGreedyNoSkip } from './greedy-no-skip.js';
import { computeGreedyScore } from './greedy-score.js';
import { computeGreedyThreshold } from './greedy-threshold.js';
import { computeMaxWelfare } from './max-welfare.js';
import type { Outcome, Round } from './outcome.js';
import { makeTieOrder, type TieCriterion } from './tie-break.js';
import { computePhragmen } from './phragmen.js';

/** Rule names of `polity budgeting compute --rule`. */
export type RuleName = 'greedy' | 'greedy-no-skip' | 'greedy-threshold' | 'greedy-score' | 'mes' | 'phragmen' | 'max-welfare';

/** Accepted rule names. */
export const RULES: readonly RuleName[] = ['greedy', 'greedy-no-skip', 'greedy-threshold', 'greedy-score', 'mes', 'phragmen', 'max-welfare'];

/** Accepted satisfaction names. */
export const SATISFACTIONS: readonly Satisfaction[] = ['cost', 'cardinality', 'points'];

/** Everything that chooses how an election is counted. */
export interface RuleOptions {
  rule: RuleName;
  satisfaction?: Satisfaction;
  completion?: Completion;
  /** Minimum votes for greedy-threshold; META min_project_score_threshold when absent. */
  threshold?: Rational;
  /** Tie-break criteria; empty = pabutools' lexicographic order of project ids. */
  tieBreak?: TieCriterion[];
  /** Run the comparison step against greedy by votes. */
  comparison?: boolean;
  explain?: boolean;
}

/** A counted result: selection order, cost, and (with explain) the rounds. */
export interface ComputedOutcome extends Outcome {
  totalCost: bigint;
  /** Per-voter share MES ended with (add1 completions), in cost units. */
  endowment?: Rational;
  /** Set when the comparison step ran. */
  comparison?: { prefersRule: number; prefersGreedy: number; switchedToGreedy: boolean };
}

/** Counts an election under one rule (the single entry point of the CLI and the tests). */
export function computeOutcome(e: Election, o: RuleOptions): ComputedOutcome {
  const tie = makeTieOrder(e, o.tieBreak ?? []);
  const sat = o.satisfaction ?? 'cost';
  const explain = !!o.explain;
  let out: Outcome & { endowment?: Rational };
  switch (o.rule) {
    case 'greedy':
      out = computeGreedy(e, tie, sat);
      break;
    case 'greedy-no-skip':
      out = computeGreedyNoSkip(e, tie);
      break;
    case 'greedy-threshold': {
      const threshold = o.threshold ?? e.threshold;
      if (!threshold) throw new RangeError('greedy-threshold needs --threshold or META min_project_score_threshold');
      out = computeGreedyThreshold(e, tie, threshold);
      break;
    }
    case 'greedy-score':
      out = computeGreedyScore(e, tie);
      break;
    case 'phragmen':
      out = computePhragmen(e, tie, explain);
      break;
    case 'max-welfare':
      out = computeMaxWelfare(e, tie, sat);
      break;
    case 'mes': {
      const completion = o.completion ?? 'none';
      if (completion === 'none') out = computeEqualShares(e, sat, tie, explain);
      else if (completion === 'add1') out = computeEqualSharesAdd1(e, sat, tie, explain);
      else if (completion === 'add1-exhaustive') out = computeEqualSharesAdd1Exhaustive(e, sat, tie, explain);
      else out = computeEqualSharesAdd1Greedy(e, sat, tie, explain);
      break;
    }
  }
  const result: ComputedOutcome = { ...out, totalCost: totalCost(e, out.selected) };
  if (o.comparison) {
    const greedy = computeGreedy(e, tie, 'cost');
    const c = compareOutcomes(e, out.selected, greedy.selected);
    const switched = c.prefersSecond > c.prefersFirst;
    const rounds: Round[] = [
      ...out.rounds,
      {
        project: '-',
        note: `comparison: ${c.prefersFirst} voters prefer ${o.rule}, ${c.prefersSecond} prefer greedy${switched ? ': switched to greedy' : ''}`,
      },
    ];
    return {
      ...(switched ? { ...greedy, totalCost: totalCost(e, greedy.selected) } : result),
      rounds,
      comparison: { prefersRule: c.prefersFirst, prefersGreedy: c.prefersSecond, switchedToGreedy: switched },
    };
  }
  return result;
}
