import type { Election } from './election.js';

/** How many voters prefer each of two outcomes. */
export interface Comparison {
  prefersFirst: number;
  prefersSecond: number;
}

/**
 * The comparison step of Pabulib's `-comparison` rules and equalshares.net (comparison
 * "satisfaction"): each voter prefers the outcome with more of their approved projects (every point
 * or rank counts as approval); the switch to greedy happens only when strictly more voters prefer it.
 */
export function compareOutcomes(e: Election, first: number[], second: number[]): Comparison {
  const a = new Set(first);
  const b = new Set(second);
  let prefersFirst = 0;
  let prefersSecond = 0;
  for (const g of e.groups) {
    let x = 0;
    let y = 0;
    for (const p of g.projects) {
      if (a.has(p)) x++;
      if (b.has(p)) y++;
    }
    if (x > y) prefersFirst += g.weight;
    else if (y > x) prefersSecond += g.weight;
  }
  return { prefersFirst, prefersSecond };
}
