import type { Completion } from './add1.js';
import type { RuleName } from './compute.js';
import type { Satisfaction } from './greedy.js';
import type { TieCriterion } from './tie-break.js';

/** The phases of a process, in order. */
export const PHASES = ['proposals', 'review', 'voting', 'results', 'implementation'] as const;
export type PhaseName = (typeof PHASES)[number];

/** Start and end (ISO date-times) of every phase. */
export type Phases = Record<PhaseName, { start: string; end: string }>;

/** Ballot formats a process can use. */
export const BALLOT_TYPES = ['approval', 'knapsack', 'cumulative', 'ordinal', 'choose-one'] as const;
export type BallotType = (typeof BALLOT_TYPES)[number];

/** The limits a ballot must respect (which apply depends on the ballot type). */
export interface BallotConstraints {
  /** approval, knapsack: fewest projects on a ballot. */
  minProjects?: number;
  /** approval, knapsack: most projects on a ballot. */
  maxProjects?: number;
  /** cumulative: most points on one project. */
  maxPointsPerProject?: number;
  /** cumulative: most points on the whole ballot. */
  totalPoints?: number;
  /** ordinal: how many projects a voter ranks at most. */
  rankK?: number;
}

/** How a process is counted: a rule of the core with its options. */
export interface ProcessRule {
  rule: RuleName;
  satisfaction?: Satisfaction;
  completion?: Completion;
  tieBreak?: TieCriterion[];
  /** Minimum votes for greedy-threshold, as a decimal string. */
  threshold?: string;
  comparison?: boolean;
}

/** Where a project stands. */
export const PROJECT_STATUSES = ['proposed', 'feasible', 'set-aside', 'selected'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** One line of a ballot: a project (by code) and, for cumulative ballots, its points. Ordinal ballots list projects best first. */
export interface Choice {
  project: string;
  points?: number;
}
