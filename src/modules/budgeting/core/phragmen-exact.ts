import { Rational } from '../../../math/rational.js';
import { countApprovals, type Election } from './election.js';
import type { Outcome, Round } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Sequential Phragmén for participatory budgeting (pabutools `sequential_phragmen`; Los, Christoff
 * & Grossi 2022): voters earn money continuously; a project is bought at the first moment its
 * supporters can pay its cost, each supporter's load rising to the same level
 * (cost + sum of their loads) / number of supporters. Projects that no longer fit the remaining
 * budget are dropped; ties by the tie order. Loads are exact; supporters of the same last
 * purchase share one load, so each step sums over a few load classes. Every step is in exact
 * rationals: the reference that the certified `computePhragmen` is tested against.
 */
export function computePhragmenExact(e: Election, tie: TieOrder, explain = false): Outcome {
  const m = e.projects.length;
  const votes = countApprovals(e);
  const sup: number[][] = Array.from({ length: m }, () => []);
  e.groups.forEach((g, gi) => g.projects.forEach((p) => sup[p].push(gi)));
  const loads: Rational[] = [Rational.ZERO];
  const groupLoad = new Int32Array(e.groups.length);
  const acc = new Float64Array(m + 1);
  const selected: number[] = [];
  const rounds: Round[] = [];
  const active = new Set(e.projects.keys());
  let left = e.budget;
  for (;;) {
    let best: Rational | null = null;
    let tied: number[] = [];
    for (const p of [...active]) {
      if (e.projects[p].cost > left) {
        active.delete(p);
        if (explain) rounds.push({ project: e.projects[p].id, note: `dropped: costs ${e.projects[p].cost} > ${left} left` });
        continue;
      }
      if (votes[p] === 0) continue;
      for (const g of sup[p]) acc[groupLoad[g]] += e.groups[g].weight;
      let total = Rational.of(e.projects[p].cost);
      for (let c = 0; c < loads.length; c++) {
        if (acc[c] !== 0) total = total.add(loads[c].mulInt(acc[c]));
        acc[c] = 0;
      }
      const t = total.div(Rational.of(votes[p]));
      const cmp = best === null ? -1 : t.compare(best);
      if (cmp < 0) {
        best = t;
        tied = [p];
      } else if (cmp === 0) tied.push(p);
    }
    if (best === null) break;
    const chosen = tied.sort(tie)[0];
    selected.push(chosen);
    active.delete(chosen);
    left -= e.projects[chosen].cost;
    loads.push(best);
    for (const g of sup[chosen]) groupLoad[g] = loads.length - 1;
    if (explain) rounds.push({ project: e.projects[chosen].id, note: `selected: supporters' load reaches ${best.toDecimal(6)}` });
  }
  return { selected, rounds };
}
