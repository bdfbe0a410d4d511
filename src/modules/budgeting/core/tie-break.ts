import { countApprovals, type Election } from './election.js';

/** One criterion of a tie-break: lowest cost, most votes, file order, or project id as a string. */
export type TieCriterion = 'min-cost' | 'max-votes' | 'file-order' | 'lexico';

/** Criteria names accepted by `parseTieBreak`. */
export const TIE_CRITERIA: readonly TieCriterion[] = ['min-cost', 'max-votes', 'file-order', 'lexico'];

/**
 * Parses a tie-break list such as `min-cost,max-votes` (equalshares.net's order). Returns null for
 * an unknown criterion. Whatever the list, project ids compared as strings close it, which is
 * pabutools' `lexico_tie_breaking` (so "10" comes before "9") and the default when the list is empty.
 */
export function parseTieBreak(spec: string): TieCriterion[] | null {
  const parts = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.some((p) => !(TIE_CRITERIA as readonly string[]).includes(p))) return null;
  return parts as TieCriterion[];
}

/** A total order on project indices: negative when `a` wins the tie against `b`. */
export type TieOrder = (a: number, b: number) => number;

/** Builds the comparator for the given criteria (see `parseTieBreak`). */
export function makeTieOrder(e: Election, criteria: TieCriterion[]): TieOrder {
  const votes = criteria.includes('max-votes') ? countApprovals(e) : [];
  return (a, b) => {
    for (const c of criteria) {
      if (c === 'min-cost') {
        const d = e.projects[a].cost - e.projects[b].cost;
        if (d !== 0n) return d < 0n ? -1 : 1;
      } else if (c === 'max-votes') {
        if (votes[a] !== votes[b]) return votes[b] - votes[a];
      } else if (c === 'file-order') {
        if (a !== b) return a - b;
      } else break;
    }
    const x = e.projects[a].id;
    const y = e.projects[b].id;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
