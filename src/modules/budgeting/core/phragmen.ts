import { Rational } from '../../../math/rational.js';
import * as certified from './certified.js';
import { countApprovals, type Election } from './election.js';
import { computePhragmenExact } from './phragmen-exact.js';
import type { Outcome, Round } from './outcome.js';
import type { TieOrder } from './tie-break.js';

// Bound once: module interop may read imported bindings through getters, costly in hot loops.
const { dn, sumDn, sumUp, TINY, up } = certified;

/** One load level reached by a purchase: (cost + sum of weight * earlier load) / votes. */
interface LoadLevel {
  cost: bigint;
  votes: number;
  /** Earlier levels (indices) and how many supporters stood at each. */
  parts: [number, number][];
  exact: Rational | null;
}

/**
 * Sequential Phragmén for participatory budgeting (pabutools `sequential_phragmen`; Los, Christoff
 * & Grossi 2022): voters earn money continuously; a project is bought at the first moment its
 * supporters can pay its cost, each supporter's load rising to the same level
 * t = (cost + sum of their loads) / number of supporters. Projects that no longer fit the remaining
 * budget are dropped; ties by the tie order.
 *
 * Exact without paying for exact arithmetic in every step: supporters of the same purchase share
 * one load level, held both as certified double bounds and as an exact Rational computed only on
 * demand. A project's t is bracketed in doubles with rigorous bounds (`certified.ts`); a project is
 * chosen on the bounds only when its interval lies strictly below every other candidate's, and
 * otherwise the overlapping candidates' t are compared in exact rationals (so ties go to the tie
 * order exactly). Loads only rise, so a project's t only rises: stale bounds are lower bounds, and
 * each round re-evaluates only projects whose stale bound could still win.
 */
export function computePhragmen(e: Election, tie: TieOrder, explain = false): Outcome {
  // Costs and voter counts beyond 2^50 would break the bounds' assumptions (exact integers).
  if (e.numVoters > 2 ** 50 || e.projects.some((p) => p.cost > 2n ** 50n)) return computePhragmenExact(e, tie, explain);
  const m = e.projects.length;
  const votes = countApprovals(e);
  const supLists: number[][] = Array.from({ length: m }, () => []);
  e.groups.forEach((g, gi) => g.projects.forEach((p) => supLists[p].push(gi)));
  const sup = supLists.map((l) => Int32Array.from(l));
  const weights = Float64Array.from(e.groups.map((g) => g.weight));
  const costF = e.projects.map((p) => Number(p.cost));
  const near = neighbours(e, sup);
  const levels: LoadLevel[] = [{ cost: 0n, votes: 1, parts: [], exact: Rational.ZERO }];
  let levelLo = new Float64Array(64);
  let levelHi = new Float64Array(64);
  let acc = new Float64Array(64);
  const groupLevel = new Int32Array(e.groups.length);
  const touched = new Int32Array(m + 1);
  const tLo = new Float64Array(m);
  const tHi = new Float64Array(m);
  const dirty = new Uint8Array(m).fill(1);
  for (let p = 0; p < m; p++) {
    // Loads are never negative, so t >= cost / votes.
    tLo[p] = votes[p] > 0 ? Math.max(0, dn(costF[p] / votes[p])) : Infinity;
    tHi[p] = Infinity;
  }

  /** The levels of p's supporters and how many stand at each (into `touched`/`acc`), their count. */
  const gather = (p: number): number => {
    if (acc.length < levels.length) acc = new Float64Array(levels.length * 2);
    let n = 0;
    const groups = sup[p];
    for (let k = 0; k < groups.length; k++) {
      const c = groupLevel[groups[k]];
      if (acc[c] === 0) touched[n++] = c;
      acc[c] += weights[groups[k]];
    }
    return n;
  };
  const evaluate = (p: number) => {
    const n = gather(p);
    let sLo = costF[p];
    let sHi = costF[p];
    for (let i = 0; i < n; i++) {
      const c = touched[i];
      sLo += acc[c] * levelLo[c];
      sHi += acc[c] * levelHi[c];
      acc[c] = 0;
    }
    tLo[p] = Math.max(0, dn(sumDn(sLo, n + 1) / votes[p]));
    tHi[p] = up(sumUp(sHi, n + 1) / votes[p]);
  };
  const exactLevel = (c: number): Rational => {
    const level = levels[c];
    if (!level.exact) {
      let total = Rational.of(level.cost);
      for (const [k, w] of level.parts) total = total.add(exactLevel(k).mulInt(w));
      level.exact = total.div(Rational.of(level.votes));
    }
    return level.exact;
  };
  /** p's current supporters by level, as [level, weight] pairs. */
  const partsOf = (p: number): [number, number][] => {
    const n = gather(p);
    const parts: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      parts.push([touched[i], acc[touched[i]]]);
      acc[touched[i]] = 0;
    }
    return parts;
  };
  const exactT = (p: number): Rational => {
    let total = Rational.of(e.projects[p].cost);
    for (const [k, w] of partsOf(p)) total = total.add(exactLevel(k).mulInt(w));
    return total.div(Rational.of(votes[p]));
  };

  const selected: number[] = [];
  const rounds: Round[] = [];
  let active: number[] = e.projects.map((_, p) => p);
  const contenders: number[] = [];
  let left = e.budget;
  for (;;) {
    active = active.filter((p) => {
      if (e.projects[p].cost <= left) return true;
      if (explain) rounds.push({ project: e.projects[p].id, note: `dropped: costs ${e.projects[p].cost} > ${left} left` });
      return false;
    });
    const order = active.filter((p) => votes[p] > 0).sort((a, b) => tLo[a] - tLo[b]);
    let high = Infinity;
    let scanned = 0;
    for (; scanned < order.length; scanned++) {
      const p = order[scanned];
      if (tLo[p] > high) break;
      if (dirty[p]) {
        evaluate(p);
        dirty[p] = 0;
      }
      if (tHi[p] < high) high = tHi[p];
    }
    if (scanned === 0) break;
    contenders.length = 0;
    for (let i = 0; i < scanned; i++) if (tLo[order[i]] <= high) contenders.push(order[i]);
    let chosen = contenders[0];
    let exact: Rational | null = null;
    if (contenders.length > 1 || explain) {
      exact = exactT(chosen);
      for (let i = 1; i < contenders.length; i++) {
        const q = contenders[i];
        const t = exactT(q);
        const cmp = t.compare(exact);
        if (cmp < 0 || (cmp === 0 && tie(q, chosen) < 0)) {
          chosen = q;
          exact = t;
        }
      }
    }
    selected.push(chosen);
    active.splice(active.indexOf(chosen), 1);
    left -= e.projects[chosen].cost;
    const c = levels.length;
    levels.push({ cost: e.projects[chosen].cost, votes: votes[chosen], parts: partsOf(chosen), exact });
    if (levelLo.length <= c) {
      const lo = new Float64Array(levelLo.length * 2);
      const hi = new Float64Array(levelHi.length * 2);
      lo.set(levelLo);
      hi.set(levelHi);
      levelLo = lo;
      levelHi = hi;
    }
    // Bounds stay zero or at least TINY, so products with them never underflow (certified.ts).
    const lo = exact ? exact.bounds()[0] : tLo[chosen];
    const hi = exact ? exact.bounds()[1] : tHi[chosen];
    levelLo[c] = lo < TINY ? 0 : Math.max(lo, tLo[chosen]);
    levelHi[c] = hi > 0 && hi < TINY ? TINY : Math.min(hi, tHi[chosen]);
    for (const g of sup[chosen]) groupLevel[g] = c;
    for (const q of near[chosen]) dirty[q] = 1;
    if (explain) rounds.push({ project: e.projects[chosen].id, note: `selected: supporters' load reaches ${exact!.toDecimal(6)}` });
  }
  return { selected, rounds };
}

/** For each project, the projects sharing at least one supporter group with it. */
function neighbours(e: Election, sup: Int32Array[]): Int32Array[] {
  const m = e.projects.length;
  const seen = new Uint8Array(m);
  return sup.map((groups) => {
    seen.fill(0);
    for (let k = 0; k < groups.length; k++) for (const q of e.groups[groups[k]].projects) seen[q] = 1;
    const list: number[] = [];
    for (let q = 0; q < m; q++) if (seen[q]) list.push(q);
    return Int32Array.from(list);
  });
}
