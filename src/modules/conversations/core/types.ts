/** Pol.is's internal vote coding: agree = -1, disagree = +1, pass = 0 (polismath/utils.clj). */
export type VoteValue = -1 | 0 | 1;

/** Agree in the internal coding. */
export const AGREE: VoteValue = -1;
/** Disagree in the internal coding. */
export const DISAGREE: VoteValue = 1;

/** One vote; a later vote (by `at`, then by order) by the same participant on the same statement replaces it. */
export interface Vote {
  participantId: number;
  statementId: number;
  value: VoteValue;
  /** Milliseconds since the epoch. */
  at: number;
}

/** What the mathematics needs to know about a statement. */
export interface Statement {
  id: number;
  /** -1 rejected, 0 not yet moderated, 1 accepted (Pol.is's `mod`). */
  moderation: -1 | 0 | 1;
  isMeta: boolean;
}
