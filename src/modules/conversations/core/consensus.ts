import type { SparseMatrix } from '../../../math/sparse-matrix.js';
import type { VoteCounts } from './repness.js';
import { AGREE, DISAGREE } from './types.js';

/**
 * Vote counts per statement (column) and group: `counts[j][g]`. `rowGroup[i]` is row i's group
 * index, or -1 for rows in no group (conversation.clj `votes-base`, `group-votes`: agrees,
 * disagrees and every stored vote, passes included).
 */
export function countVotesByGroup(m: SparseMatrix, rowGroup: ArrayLike<number>, groupCount: number): VoteCounts[][] {
  const counts: VoteCounts[][] = Array.from({ length: m.cols }, () => Array.from({ length: groupCount }, () => ({ na: 0, nd: 0, ns: 0 })));
  for (let i = 0; i < m.rows; i++) {
    const g = rowGroup[i];
    if (g < 0) continue;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) {
      const c = counts[m.colIndex[k]][g];
      c.ns++;
      if (m.values[k] === AGREE) c.na++;
      else if (m.values[k] === DISAGREE) c.nd++;
    }
  }
  return counts;
}

/**
 * Group-informed consensus of one statement: the product over groups of (agrees + 1) / (votes + 2),
 * multiplied in group order (compdemocracy/polis math/src/polismath/math/conversation.clj,
 * `:group-aware-consensus`).
 */
export function computeGroupInformedConsensus(groups: readonly VoteCounts[]): number {
  let product = 1;
  for (const g of groups) product *= (g.na + 1.0) / (g.ns + 2.0);
  return product;
}

/** Pol.is's priority of a meta statement before squaring (conversation.clj `meta-priority`). */
export const META_PRIORITY = 7;

/**
 * importance = (1 - p) × (E + 1) × a with p = (P + 1) / (S + 2) (passes) and a = (A + 1) / (S + 2)
 * (conversation.clj `importance-metric`).
 */
export function computeImportance(agrees: number, passes: number, seen: number, extremity: number): number {
  const p = (passes + 1) / (seen + 2);
  const a = (agrees + 1) / (seen + 2);
  return (1 - p) * (extremity + 1) * a;
}

/**
 * A statement's priority for being shown next: (importance × (1 + 8 × 2^(-S/5)))², so new
 * statements bubble up; meta statements get 7² = 49 (conversation.clj `priority-metric`).
 */
export function computePriority(isMeta: boolean, agrees: number, passes: number, seen: number, extremity: number): number {
  const base = isMeta ? META_PRIORITY : computeImportance(agrees, passes, seen, extremity) * (1 + 8 * Math.pow(2, -seen / 5));
  return base * base;
}
