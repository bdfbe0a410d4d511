import { countApprovals, type Election } from './election.js';
import type { Satisfaction } from './greedy.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Utilitarian maximum (pabutools `max_additive_utilitarian_welfare`): the set of projects within
 * the budget with the greatest total satisfaction, solved exactly by branch and bound on the 0/1
 * knapsack (items by value per cost, fractional upper bound). Value of a project: votes * cost for
 * cost satisfaction, votes for cardinality. Among optimal sets the first found in that order is
 * kept (projects of equal density ordered by the tie order), so the result is deterministic.
 */
export function computeMaxWelfare(e: Election, tie: TieOrder, satisfaction: Satisfaction = 'cost'): Outcome {
  const votes = countApprovals(e);
  const cost = e.projects.map((p) => Number(p.cost));
  const value = votes.map((v, p) => (satisfaction === 'cost' ? v * cost[p] : v));
  if (value.some((v) => !Number.isSafeInteger(v)) || !Number.isSafeInteger(Number(e.budget)))
    throw new RangeError('Values too large for the exact knapsack');
  const free = e.projects.map((_, p) => p).filter((p) => cost[p] === 0 && value[p] > 0);
  const items = e.projects
    .map((_, p) => p)
    .filter((p) => cost[p] > 0 && value[p] > 0 && cost[p] <= Number(e.budget))
    .sort((a, b) => value[b] * cost[a] - value[a] * cost[b] || tie(a, b));
  const n = items.length;
  const budget = Number(e.budget);
  let best = -1;
  let bestSet: number[] = [];
  const chosen: number[] = [];
  const bound = (i: number, room: number, val: number): number => {
    for (; i < n; i++) {
      const p = items[i];
      if (cost[p] <= room) {
        room -= cost[p];
        val += value[p];
      } else return val + (value[p] * room) / cost[p];
    }
    return val;
  };
  const search = (i: number, room: number, val: number): void => {
    if (val > best) {
      best = val;
      bestSet = [...chosen];
    }
    if (i === n || bound(i, room, val) + 1e-6 < best + 1) return;
    const p = items[i];
    if (cost[p] <= room) {
      chosen.push(p);
      search(i + 1, room - cost[p], val + value[p]);
      chosen.pop();
    }
    search(i + 1, room, val);
  };
  search(0, budget, 0);
  const selected = [...free, ...bestSet];
  return { selected, rounds: selected.map((p) => ({ project: e.projects[p].id, note: `in the set of greatest total satisfaction (${best})` })) };
}
