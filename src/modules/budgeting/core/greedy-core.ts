import { Rational } from '../../../math/rational.js';
import type { Election } from './election.js';
import type { Outcome, Round } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Orders projects by a density (highest first), ties by `tie`, as pabutools'
 * `greedy_utilitarian_scheme_additive` sorts on (-density, tie-break position).
 */
export function orderByDensity(e: Election, density: Rational[], tie: TieOrder): number[] {
  const idx = e.projects.map((_, i) => i);
  return idx.sort((a, b) => density[b].compare(density[a]) || tie(a, b));
}

/**
 * Walks `order`, adding each project that still fits the budget after `initial`. With `skip`
 * false it stops at the first project that does not fit (Pabulib's greedy-no-skip).
 */
export function selectInOrder(e: Election, order: number[], initial: number[], skip: boolean, describe: (p: number) => string): Outcome {
  const selected = [...initial];
  const taken = new Set(initial);
  let left = e.budget;
  for (const p of initial) left -= e.projects[p].cost;
  const rounds: Round[] = [];
  for (const p of order) {
    if (taken.has(p)) continue;
    const cost = e.projects[p].cost;
    if (cost <= left) {
      selected.push(p);
      taken.add(p);
      left -= cost;
      rounds.push({ project: e.projects[p].id, note: `selected: ${describe(p)}, fits (left ${left})` });
    } else {
      rounds.push({ project: e.projects[p].id, note: `${skip ? 'skipped' : 'stop'}: ${describe(p)}, costs ${cost} > ${left} left` });
      if (!skip) break;
    }
  }
  return { selected, rounds };
}
