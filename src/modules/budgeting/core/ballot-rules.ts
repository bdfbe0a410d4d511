import type { Reason } from '../../../kernel/errors.js';
import { Rational } from '../../../math/rational.js';
import type { BallotConstraints, BallotType, Choice } from './process-types.js';

/** A project as the ballot check sees it: its code and its cost (decimal string). */
export interface BallotProject {
  code: string;
  cost: string;
}

/** The constraint a ballot broke, with the figures a message needs. */
export type BallotProblem =
  | { constraint: 'empty'; values: Record<string, never> }
  | { constraint: 'unknown_project'; values: { project: string } }
  | { constraint: 'duplicate_project'; values: { project: string } }
  | { constraint: 'min_projects'; values: { min: number; count: number } }
  | { constraint: 'max_projects'; values: { max: number; count: number } }
  | { constraint: 'over_budget'; values: { budget: string; total: string } }
  | { constraint: 'points_whole'; values: { project: string } }
  | { constraint: 'points_per_project'; values: { max: number; project: string; points: number } }
  | { constraint: 'total_points'; values: { max: number; total: number } }
  | { constraint: 'rank_k'; values: { k: number; count: number } }
  | { constraint: 'choose_one'; values: { count: number } };

/** An English sentence naming the broken constraint (the API's message; pages translate by `constraint`). */
export function describeBallotProblem(p: BallotProblem): string {
  const v = p.values as Record<string, string | number>;
  switch (p.constraint) {
    case 'empty':
      return 'The ballot is empty: choose at least one project.';
    case 'unknown_project':
      return `Project ${v.project} is not on this ballot.`;
    case 'duplicate_project':
      return `Project ${v.project} appears more than once.`;
    case 'min_projects':
      return `Choose at least ${v.min} projects (you chose ${v.count}).`;
    case 'max_projects':
      return `Choose at most ${v.max} projects (you chose ${v.count}).`;
    case 'over_budget':
      return `The projects you chose cost ${v.total}, more than the budget of ${v.budget}.`;
    case 'points_whole':
      return `Points for project ${v.project} must be a whole number of at least 1.`;
    case 'points_per_project':
      return `At most ${v.max} points per project (project ${v.project} has ${v.points}).`;
    case 'total_points':
      return `At most ${v.max} points in total (you gave ${v.total}).`;
    case 'rank_k':
      return `Rank at most ${v.k} projects (you ranked ${v.count}).`;
    case 'choose_one':
      return `Choose exactly one project (you chose ${v.count}).`;
  }
}

/**
 * The broken constraint as a coded reason for pages (message `error.field.ballot_<constraint>`),
 * amounts of money in the process's currency so the page writes them for the reader's locale.
 */
export function ballotProblemReason(p: BallotProblem, currency: string): Reason {
  if (p.constraint === 'over_budget')
    return {
      reason: 'ballot_over_budget',
      values: { total: { amount: Number(p.values.total), currency }, budget: { amount: Number(p.values.budget), currency } },
    };
  return { reason: `ballot_${p.constraint}`, values: p.values };
}

/**
 * Checks a ballot against its process's ballot type and constraints; returns the first broken
 * constraint, or null when the ballot may be counted. Costs are compared exactly (Rational).
 */
export function checkBallot(
  type: BallotType,
  constraints: BallotConstraints,
  projects: BallotProject[],
  budget: string,
  choices: Choice[],
): BallotProblem | null {
  const byCode = new Map(projects.map((p) => [p.code, p]));
  const seen = new Set<string>();
  for (const c of choices) {
    if (!byCode.has(c.project)) return { constraint: 'unknown_project', values: { project: c.project } };
    if (seen.has(c.project)) return { constraint: 'duplicate_project', values: { project: c.project } };
    seen.add(c.project);
  }
  const count = choices.length;
  if (count === 0) return { constraint: 'empty', values: {} };
  if (type === 'choose-one') return count === 1 ? null : { constraint: 'choose_one', values: { count } };
  if (type === 'ordinal') {
    const k = constraints.rankK ?? projects.length;
    return count > k ? { constraint: 'rank_k', values: { k, count } } : null;
  }
  if (type === 'cumulative') {
    let total = 0;
    for (const c of choices) {
      const pts = c.points ?? 0;
      if (!Number.isInteger(pts) || pts < 1) return { constraint: 'points_whole', values: { project: c.project } };
      if (constraints.maxPointsPerProject !== undefined && pts > constraints.maxPointsPerProject)
        return { constraint: 'points_per_project', values: { max: constraints.maxPointsPerProject, project: c.project, points: pts } };
      total += pts;
    }
    if (constraints.totalPoints !== undefined && total > constraints.totalPoints)
      return { constraint: 'total_points', values: { max: constraints.totalPoints, total } };
    return null;
  }
  if (constraints.minProjects !== undefined && count < constraints.minProjects)
    return { constraint: 'min_projects', values: { min: constraints.minProjects, count } };
  if (constraints.maxProjects !== undefined && count > constraints.maxProjects)
    return { constraint: 'max_projects', values: { max: constraints.maxProjects, count } };
  if (type === 'knapsack') {
    const total = sumCosts(choices.map((c) => byCode.get(c.project)!.cost));
    const limit = Rational.parse(budget);
    if (limit.lt(total)) return { constraint: 'over_budget', values: { budget: limit.toDecimal(2), total: total.toDecimal(2) } };
  }
  return null;
}

/** Sum of decimal costs, exactly. */
export function sumCosts(costs: string[]): Rational {
  return costs.reduce((s, c) => s.add(Rational.parse(c)), Rational.ZERO);
}
