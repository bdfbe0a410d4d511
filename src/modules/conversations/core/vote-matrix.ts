import type { SparseEntry, SparseMatrix } from '../../../math/sparse-matrix.js';
import { buildSparseMatrix, countRowEntries, fillColumns } from '../../../math/sparse-matrix.js';
import type { Statement, Vote } from './types.js';

/**
 * The participants × statements vote matrix in Pol.is's internal sign (agree = -1), in two forms
 * (compdemocracy/polis math/src/polismath/math/conversation.clj, `:raw-rating-mat`, `:rating-mat`;
 * named_matrix.clj, `zero-out-columns`).
 */
export interface VoteMatrix {
  /** Row order: ascending participant id. */
  participantIds: number[];
  /** Column order: ascending id of the statements that received at least one vote. */
  statementIds: number[];
  /** Votes as cast (a re-vote replaces the earlier vote). */
  raw: SparseMatrix;
  /** `raw` with moderated-out and meta columns set to 0 for every participant: used for PCA and clustering. */
  rating: SparseMatrix;
  /** Column indices of moderated-out (mod = -1) or meta statements. */
  excludedColumns: number[];
}

/** True when Pol.is takes a statement out of the math: moderated out (mod = -1) or meta (conversation.clj `:mod-out`). */
export function isExcludedStatement(s: Statement): boolean {
  return s.moderation === -1 || s.isMeta;
}

/** Builds the vote matrix; votes are applied in time order, so the latest vote on a statement wins. */
export function buildVoteMatrix(votes: readonly Vote[], statements: readonly Statement[]): VoteMatrix {
  const ordered = votes.map((v, i) => ({ v, i })).sort((a, b) => a.v.at - b.v.at || a.i - b.i);
  const participantIds = [...new Set(votes.map((v) => v.participantId))].sort((a, b) => a - b);
  const statementIds = [...new Set(votes.map((v) => v.statementId))].sort((a, b) => a - b);
  const row = new Map(participantIds.map((id, i) => [id, i]));
  const col = new Map(statementIds.map((id, j) => [id, j]));
  const entries: SparseEntry[] = ordered.map(({ v }) => ({ row: row.get(v.participantId)!, col: col.get(v.statementId)!, value: v.value }));
  const raw = buildSparseMatrix(participantIds.length, statementIds.length, entries);
  const excludedColumns = statements.filter(isExcludedStatement).flatMap((s) => (col.has(s.id) ? [col.get(s.id)!] : []));
  excludedColumns.sort((a, b) => a - b);
  return { participantIds, statementIds, raw, rating: fillColumns(raw, excludedColumns, 0), excludedColumns };
}

/**
 * Who is clustered ("in-conv", conversation.clj `:in-conv`): everyone with at least
 * min(7, statements) votes (passes count) on the raw matrix; when fewer than 15 qualify, the top
 * voters are added until there are 15 (ties in row order). `previous` keeps people in once in.
 */
export function selectClusteredParticipants(matrix: VoteMatrix, previous: ReadonlySet<number> = new Set()): boolean[] {
  const counts = countRowEntries(matrix.raw);
  const threshold = Math.min(7, matrix.statementIds.length);
  const inConv = matrix.participantIds.map((id, i) => previous.has(id) || counts[i] >= threshold);
  const greedy = 15;
  let n = inConv.filter(Boolean).length;
  if (n < greedy) {
    const rest = matrix.participantIds.map((_, i) => i).filter((i) => !inConv[i]);
    rest.sort((a, b) => counts[b] - counts[a] || a - b);
    for (const i of rest) {
      if (n >= greedy) break;
      inConv[i] = true;
      n++;
    }
  }
  return inConv;
}
