/**
 * "Why am I in this group" (issue 3, beyond Pol.is): for a clustered participant, the statements
 * on which they agree with their opinion group most.
 *
 * A statement qualifies when the participant agreed or disagreed with it (passes do not), it is in
 * the math (not moderated out, not meta: such statements never appear in reports), and the
 * participant's vote matches the group's majority direction on it (more of the group's agrees than
 * disagrees, or the reverse; a tie has no direction). With `share(G)` = the share of G's members
 * who voted on the statement (passes included) that voted in that direction, and `rest` = the
 * clustered participants outside the group, its score is
 *
 *   share(group) × (share(group) − share(rest))
 *
 * (`share(rest)` = 0 when no one outside the group voted on it): how strongly the group holds the
 * view times how much that sets it apart. Only positive scores are kept, highest first (ties by
 * statement id). The participant's own vote counts in their group's shares. Pure and deterministic.
 */
import { isExcludedStatement } from './vote-matrix.js';
import type { Statement, Vote, VoteValue } from './types.js';

/** Options of `explainGroupMembership`. */
export interface WhyOptions {
  /** Statements kept per participant (default `WHY_LIMIT`). */
  limit?: number;
}

/** Statements listed per participant by default. */
export const WHY_LIMIT = 5;

/** A statement's agree / disagree / all-votes counts within a set of participants. */
interface Counts {
  na: number;
  nd: number;
  ns: number;
}

/**
 * For each clustered participant (`assignments`: id and group), the ids of the statements on which
 * they agree with their group most, best first (see the module comment for the score).
 */
export function explainGroupMembership(
  statements: readonly Statement[],
  votes: readonly Vote[],
  assignments: readonly { id: number; group: number }[],
  options: WhyOptions = {},
): Map<number, number[]> {
  const limit = options.limit ?? WHY_LIMIT;
  const groupOf = new Map(assignments.map((a) => [a.id, a.group]));
  const excluded = new Set(statements.filter(isExcludedStatement).map((s) => s.id));

  // Standing votes of the clustered participants: a later vote (by time, then order) replaces an earlier one.
  const standing = new Map<number, Map<number, { value: VoteValue; at: number }>>();
  for (const v of votes) {
    if (!groupOf.has(v.participantId) || excluded.has(v.statementId)) continue;
    let row = standing.get(v.participantId);
    if (!row) standing.set(v.participantId, (row = new Map()));
    const old = row.get(v.statementId);
    if (!old || v.at >= old.at) row.set(v.statementId, { value: v.value, at: v.at });
  }

  // Counts per group and statement, and over everyone clustered.
  const byGroup = new Map<number, Map<number, Counts>>();
  const total = new Map<number, Counts>();
  const add = (m: Map<number, Counts>, s: number, value: VoteValue) => {
    let c = m.get(s);
    if (!c) m.set(s, (c = { na: 0, nd: 0, ns: 0 }));
    c.ns++;
    if (value === -1) c.na++;
    else if (value === 1) c.nd++;
  };
  for (const [p, row] of standing) {
    const g = groupOf.get(p)!;
    let m = byGroup.get(g);
    if (!m) byGroup.set(g, (m = new Map()));
    for (const [s, v] of row) {
      add(m, s, v.value);
      add(total, s, v.value);
    }
  }

  // Each group's score for each statement with a majority direction.
  const scores = new Map<number, Map<number, { direction: VoteValue; score: number }>>();
  for (const [g, m] of byGroup) {
    const scored = new Map<number, { direction: VoteValue; score: number }>();
    for (const [s, c] of m) {
      if (c.na === c.nd) continue;
      const direction: VoteValue = c.na > c.nd ? -1 : 1;
      const inGroup = (direction === -1 ? c.na : c.nd) / c.ns;
      const all = total.get(s)!;
      const restVotes = all.ns - c.ns;
      const rest = restVotes === 0 ? 0 : ((direction === -1 ? all.na : all.nd) - (direction === -1 ? c.na : c.nd)) / restVotes;
      const score = inGroup * (inGroup - rest);
      if (score > 0) scored.set(s, { direction, score });
    }
    scores.set(g, scored);
  }

  const result = new Map<number, number[]>();
  for (const a of assignments) {
    const groupScores = scores.get(a.group);
    const picked: { s: number; score: number }[] = [];
    for (const [s, v] of standing.get(a.id) ?? []) {
      const gs = groupScores?.get(s);
      if (gs && v.value === gs.direction) picked.push({ s, score: gs.score });
    }
    picked.sort((x, y) => y.score - x.score || x.s - y.s);
    result.set(
      a.id,
      picked.slice(0, limit).map((p) => p.s),
    );
  }
  return result;
}
