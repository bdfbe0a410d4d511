import type { Vote } from './types.js';

/**
 * Votes in columns (parallel arrays, typed arrays welcome): the form millions of votes travel in
 * without one object each. Vote k is (participantIds[k], statementIds[k], values[k], at[k]).
 */
export interface VoteTable {
  participantIds: ArrayLike<number>;
  statementIds: ArrayLike<number>;
  /** Pol.is's internal coding: agree -1, disagree 1, pass 0. */
  values: ArrayLike<number>;
  /** Times (ms); votes are applied in time order, ties in input order. Without it, in input order. */
  at?: ArrayLike<number>;
}

/** The votes of an array of `Vote` objects as a table. */
export function toVoteTable(votes: readonly Vote[]): VoteTable {
  const n = votes.length;
  const participantIds = new Float64Array(n);
  const statementIds = new Float64Array(n);
  const values = new Int8Array(n);
  const at = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = votes[k];
    participantIds[k] = v.participantId;
    statementIds[k] = v.statementId;
    values[k] = v.value;
    at[k] = v.at;
  }
  return { participantIds, statementIds, values, at };
}

/** True when `votes` is a table rather than an array of votes. */
export function isVoteTable(votes: readonly Vote[] | VoteTable): votes is VoteTable {
  return !Array.isArray(votes);
}

/** Number of votes in a table. */
export function countTableVotes(t: VoteTable): number {
  return t.participantIds.length;
}

/**
 * The order to apply a table's votes in: by time, ties in input order (a stable sort), or input
 * order when the times are already sorted or absent. Checks every value is -1, 0 or 1 and every id
 * a finite number, throwing a RangeError naming the first bad vote.
 */
export function orderTableVotes(t: VoteTable): Int32Array | null {
  const n = t.participantIds.length;
  if (t.statementIds.length !== n || t.values.length !== n || (t.at && t.at.length !== n))
    throw new RangeError('vote table columns differ in length');
  for (let k = 0; k < n; k++) {
    const v = t.values[k];
    if (v !== -1 && v !== 0 && v !== 1) throw new RangeError(`vote ${k}: value must be -1, 0 or 1, got ${v}`);
    if (!Number.isFinite(t.participantIds[k]) || !Number.isFinite(t.statementIds[k]))
      throw new RangeError(`vote ${k}: participant and statement ids must be numbers`);
  }
  const at = t.at;
  if (!at) return null;
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) if (at[k] < at[k - 1]) sorted = false;
  if (sorted) return null;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  return order.sort((a, b) => at[a] - at[b] || a - b);
}
