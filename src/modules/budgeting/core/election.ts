import { Rational } from '../../../math/rational.js';

/** Ballot formats of Pabulib (`vote_type` in META). */
export type VoteType = 'approval' | 'choose-1' | 'scoring' | 'cumulative' | 'ordinal';

/** A project as the counting rules see it: its id and its cost in the election's integer units. */
export interface ElectionProject {
  id: string;
  /** Cost in units of 1/scale of the currency (an integer, so sums stay exact). */
  cost: bigint;
}

/**
 * Identical ballots grouped once (a "multiprofile", as pabutools' `as_multiprofile()`), so rules
 * work per distinct ballot with a weight instead of per voter.
 */
export interface BallotGroup {
  /** Project indices in ballot order (the order matters for ordinal ballots). */
  projects: number[];
  /** Points given to each project of `projects` (cumulative/scoring), else null. */
  points: number[] | null;
  /** How many voters cast this ballot. */
  weight: number;
}

/** Everything a counting rule needs, in exact integer units. */
export interface Election {
  projects: ElectionProject[];
  /** Budget in the same units as the costs. */
  budget: bigint;
  /** Units per currency unit (a power of ten, chosen so that every cost and the budget are integers). */
  scale: bigint;
  voteType: VoteType;
  /** META max_length (ordinal scores are max_length - position), or null. */
  maxLength: number | null;
  /** META min_project_score_threshold, or null. */
  threshold: Rational | null;
  groups: BallotGroup[];
  numVoters: number;
}

/** A ballot before grouping. */
export interface RawBallot {
  projects: number[];
  points: number[] | null;
}

/** Groups identical ballots (same projects in the same order, same points). */
export function groupBallots(ballots: RawBallot[]): BallotGroup[] {
  const byKey = new Map<string, BallotGroup>();
  for (const b of ballots) {
    const key = b.points ? `${b.projects.join(',')}|${b.points.join(',')}` : b.projects.join(',');
    const g = byKey.get(key);
    if (g) g.weight++;
    else byKey.set(key, { projects: b.projects, points: b.points, weight: 1 });
  }
  return [...byKey.values()];
}

/** Number of voters whose ballot names each project (every point or rank counts as an approval). */
export function countApprovals(e: Election): number[] {
  const votes = new Array<number>(e.projects.length).fill(0);
  for (const g of e.groups) for (const p of g.projects) votes[p] += g.weight;
  return votes;
}

/**
 * Each voter's score for each project of their ballot: the points for cumulative/scoring ballots,
 * `max_length - position` for ordinal ballots (so k..1 for k ranks), and 1 for approval ballots.
 */
export function ballotScores(e: Election, g: BallotGroup): number[] {
  if (g.points) return g.points;
  if (e.voteType === 'ordinal') {
    const k = e.maxLength ?? g.projects.length;
    return g.projects.map((_, i) => k - i);
  }
  return g.projects.map(() => 1);
}

/** Total score of each project over all voters (see `ballotScores`). */
export function totalScores(e: Election): number[] {
  const scores = new Array<number>(e.projects.length).fill(0);
  for (const g of e.groups) {
    const s = ballotScores(e, g);
    g.projects.forEach((p, i) => (scores[p] += s[i] * g.weight));
  }
  return scores;
}

/** Sum of the costs of the given projects. */
export function totalCost(e: Election, selected: number[]): bigint {
  let sum = 0n;
  for (const p of selected) sum += e.projects[p].cost;
  return sum;
}
