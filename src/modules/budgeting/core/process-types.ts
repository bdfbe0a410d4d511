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

/** Whether a resident votes in one district only, or in each district they choose (the city-wide pot is always a ballot of its own). */
export const DISTRICT_VOTING = ['one', 'several'] as const;
export type DistrictVoting = (typeof DISTRICT_VOTING)[number];

/**
 * Who may vote with an account (as Decidim's verifications): anyone signed in (`open`), a resident
 * who declared a district of residence (`residence`: district ballots only there), or a person whose
 * identifier is on the census the city imported (`census`). Voting codes are the city's own proof
 * of eligibility and are not asked for more.
 */
export const ELIGIBILITY = ['open', 'residence', 'census'] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];

/**
 * The slot a ballot fills (one ballot per voter and slot): the city-wide pot; the district ballot
 * when a resident votes in one district only (so a ballot in another district replaces it); or the
 * district itself when residents vote in several.
 */
export function ballotSlot(districtVoting: DistrictVoting, district: { id: string; cityWide: boolean }): string {
  if (district.cityWide) return 'city';
  return districtVoting === 'several' ? `district:${district.id}` : 'district';
}
