import { Rational } from '../../../math/rational.js';
import type { Election } from './election.js';
import { prepareEqualShares, runEqualShares, type EqualSharesData } from './equal-shares.js';
import type { Satisfaction } from './greedy.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/** Unit roundoff of a double (2^-53). */
const EPS = 2 ** -53;
/** Slack on every error bound below: decisions are taken in floating point only far from the edge. */
const SAFETY = 64;

/** How often `runEqualSharesCertified` had to fall back to exact arithmetic (for benchmarks and tests). */
export interface CertifiedStats {
  /** Runs decided entirely in floating point with every decision certified. */
  float: number;
  /** Runs redone in exact rationals because some decision fell within the error bounds. */
  exact: number;
}

const neighbourCache = new WeakMap<EqualSharesData, Int32Array[]>();

/** For each project, the projects sharing at least one supporter group with it (cached per data). */
function neighboursOf(d: EqualSharesData): Int32Array[] {
  let near = neighbourCache.get(d);
  if (!near) {
    const m = d.e.projects.length;
    const seen = new Uint8Array(m);
    near = d.supGroups.map((groups) => {
      seen.fill(0);
      for (let k = 0; k < groups.length; k++) for (const q of d.e.groups[groups[k]].projects) seen[q] = 1;
      const list: number[] = [];
      for (let q = 0; q < m; q++) if (seen[q]) list.push(q);
      return Int32Array.from(list);
    });
    neighbourCache.set(d, near);
  }
  return near;
}

/**
 * The Method of Equal Shares (Peters & Skowron; equalshares.net; pabutools `method_of_equal_shares`)
 * with the same semantics and tie-breaking as `runEqualShares`, computed in double precision with a
 * running error bound, and redone in exact rationals whenever a decision is not certified.
 *
 * MES takes three kinds of decisions: whether a project's supporters can afford it (their money
 * against its cost), which project has the lowest rho (ties by the tie order), and, inside a rho
 * computation, which supporters pay all they have. The last is continuous (a supporter at the
 * boundary gives the same rho either way), so only the first two need certifying. The run tracks an
 * absolute bound on the error of every voter's money (`budgetErr`: the conversion of the share, plus
 * per round the error of the chosen payment and two roundings), derives from it a bound on each
 * supporter group's money and on each rho, and takes a decision in floating point only when the
 * intervals [value - bound, value + bound] of the alternatives are disjoint (scaled by `SAFETY`).
 * The bounds are first-order (each rounding counted once, products of errors neglected), which the
 * factor `SAFETY` = 64 more than covers. A near tie in rho is decided exactly when every project
 * involved is certified "all-rich" (each supporter can pay the equal split, so rho is a fraction of
 * integers: pabutools' common exact ties between projects with the same number of supporters);
 * otherwise, and whenever affordability is too close to call, it returns null and the caller reruns
 * in exact rationals, so the outcome is always the exact one.
 */
function runFloat(d: EqualSharesData, endowmentRational: Rational, tie: TieOrder): number[] | null {
  const { e, supGroups, supUnits, weights, maxUnit: U } = d;
  const m = e.projects.length;
  const costF = e.projects.map((p) => Number(p.cost));
  const costSat = d.satisfaction === 'cost';
  const endowment = endowmentRational.toNumber();
  const classBudget: number[] = [0, endowment];
  // An absolute bound on the rounding error of each budget class's money.
  const classErr: number[] = [0, endowment * EPS * 2];
  const groupClass = new Int32Array(e.groups.length).fill(endowment > 0 ? 1 : 0);
  let acc = new Float64Array(64 * U);
  let memo = new Int32Array(64 * U);
  // Scratch space for one evaluation: at most one entry per supporter group.
  const maxSupporters = supGroups.reduce((t, g) => Math.max(t, g.length), 0);
  const touched = new Int32Array(maxSupporters);
  const selected = [...d.free];
  const stale = new Float64Array(m);
  const staleErr = new Float64Array(m);
  const perUnitOf = new Float64Array(m);
  const perUnitErr = new Float64Array(m);
  for (const p of d.candidates) {
    const perUnit = costF[p] / d.totalUnits[p];
    stale[p] = costSat ? perUnit / costF[p] : perUnit;
    staleErr[p] = stale[p] * 8 * EPS * SAFETY;
  }
  const dirty = new Uint8Array(m).fill(1);
  const near = neighboursOf(d);
  const entryRatio = new Float64Array(maxSupporters);
  const entryBudget = new Float64Array(maxSupporters);
  const entryWeight = new Float64Array(maxSupporters);
  const entryUnit = new Float64Array(maxSupporters);
  const entryErr = new Float64Array(maxSupporters);
  // Projects whose last evaluation certified that no supporter is short of money: their rho is then
  // exactly cost / (total satisfaction units) per unit, known from integers.
  const allRich = new Uint8Array(m);
  const unitsOf = new Float64Array(m);
  const poor = new Uint8Array(maxSupporters);

  /** perUnit of p (and its error in perUnitErr), -1 when p is certainly unaffordable, NaN when unsure. */
  const evaluate = (p: number): number => {
    const groups = supGroups[p];
    const units = supUnits[p];
    if (acc.length < classBudget.length * U) {
      acc = new Float64Array(classBudget.length * U * 2);
      memo = new Int32Array(classBudget.length * U * 2);
    }
    let n = 0;
    for (let k = 0; k < groups.length; k++) {
      const c = groupClass[groups[k]];
      if (c === 0) continue;
      const key = c * U + units[k] - 1;
      if (acc[key] === 0) touched[n++] = key;
      acc[key] += weights[groups[k]];
    }
    let unitsTotal = 0;
    let moneyErrSum = 0;
    let money = 0;
    for (let i = 0; i < n; i++) {
      const key = touched[i];
      const c = Math.floor(key / U);
      const unit = (key % U) + 1;
      const budget = classBudget[c];
      entryBudget[i] = budget;
      entryUnit[i] = unit;
      entryErr[i] = classErr[c];
      entryWeight[i] = acc[key];
      entryRatio[i] = budget / unit;
      unitsTotal += acc[key] * unit;
      moneyErrSum += acc[key] * classErr[c];
      money += acc[key] * budget;
      acc[key] = 0;
    }
    const cost = costF[p];
    // Each class's money is off by at most its classErr; the sums add one rounding per term.
    const errBase = moneyErrSum + (n + 2) * EPS * (money + cost);
    const moneyErr = SAFETY * errBase;
    if (money + moneyErr < cost) return -1;
    if (money - moneyErr <= cost) return NaN;
    // The supporters who pay all they have are found by fixed-point iteration rather than by sorting:
    // everyone whose money per unit is below the current split is short, which only raises the split
    // for the others; a few passes reach the split the sorted scan of `runEqualShares` finds.
    let left = cost;
    let unitsLeft = unitsTotal;
    poor.fill(0, 0, n);
    for (let pass = 0; ; pass++) {
      const perUnit = left / unitsLeft;
      let changed = false;
      for (let i = 0; i < n; i++) {
        if (poor[i] === 0 && entryRatio[i] < perUnit) {
          poor[i] = 1;
          left -= entryBudget[i] * entryWeight[i];
          unitsLeft -= entryWeight[i] * entryUnit[i];
          changed = true;
        }
      }
      if (!changed) {
        perUnitErr[p] = errBase / unitsLeft + 4 * EPS * perUnit;
        let rich = pass === 0;
        for (let i = 0; rich && i < n; i++) rich = entryBudget[i] - SAFETY * entryErr[i] > entryUnit[i] * perUnit * (1 + SAFETY * 4 * EPS);
        allRich[p] = rich ? 1 : 0;
        unitsOf[p] = unitsTotal;
        return perUnit;
      }
      if (!(unitsLeft > 0)) return NaN;
    }
  };

  /** Exact rho of an all-rich project as a fraction of integers (see `allRich`). */
  const exactRho = (p: number): [bigint, bigint] => (costSat ? [1n, BigInt(unitsOf[p])] : [e.projects[p].cost, BigInt(unitsOf[p])]);
  /**
   * The exact winner among the projects whose rho interval reaches `high` (the best one's upper
   * bound; every other project is certainly worse), when all of them are all-rich so that their rhos
   * are exact fractions; -1 otherwise.
   */
  const decideExactly = (high: number): number => {
    let winner = -1;
    let winnerRho: [bigint, bigint] = [0n, 1n];
    for (const q of active) {
      if (dirty[q] || stale[q] - staleErr[q] > high) continue;
      if (!allRich[q] || !Number.isSafeInteger(unitsOf[q])) return -1;
      const r = exactRho(q);
      const cmp = winner < 0 ? -1 : r[0] * winnerRho[1] - winnerRho[0] * r[1];
      if (cmp < 0 || (cmp === 0n && tie(q, winner) < 0)) {
        winner = q;
        winnerRho = r;
      }
    }
    return winner;
  };

  const active = new Set(d.candidates);
  for (;;) {
    // Ordered by certain lower bound, so the scan can stop at the first project certainly worse than the best.
    const sorted = [...active].sort((a, b) => stale[a] - staleErr[a] - (stale[b] - staleErr[b]));
    let best = -1;
    let bestRho = Infinity;
    let bestErr = 0;
    // Lower bounds of the alternatives to the best one, for the certificate.
    let runnerUpLow = Infinity;
    for (const p of sorted) {
      const low = stale[p] - staleErr[p];
      if (best >= 0 && low > bestRho + bestErr) {
        runnerUpLow = Math.min(runnerUpLow, low);
        break;
      }
      if (dirty[p]) {
        const perUnit = evaluate(p);
        if (Number.isNaN(perUnit)) return null;
        dirty[p] = 0;
        if (perUnit < 0) {
          active.delete(p);
          continue;
        }
        perUnitOf[p] = perUnit;
        stale[p] = costSat ? perUnit / costF[p] : perUnit;
        staleErr[p] = SAFETY * (costSat ? (perUnitErr[p] / costF[p]) * (1 + 4 * EPS) : perUnitErr[p]);
      }
      const rho = stale[p];
      const err = staleErr[p];
      if (best < 0) {
        best = p;
        bestRho = rho;
        bestErr = err;
      } else if (rho + err < bestRho - bestErr) {
        runnerUpLow = Math.min(runnerUpLow, bestRho - bestErr);
        best = p;
        bestRho = rho;
        bestErr = err;
      } else runnerUpLow = Math.min(runnerUpLow, rho - err);
    }
    if (best < 0) break;
    if (!(runnerUpLow > bestRho + bestErr)) {
      best = decideExactly(bestRho + bestErr);
      if (best < 0) return null;
    }
    const perUnit = perUnitOf[best];
    selected.push(best);
    active.delete(best);
    const groups = supGroups[best];
    const units = supUnits[best];
    const used: number[] = [];
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k];
      const c = groupClass[g];
      if (c === 0) continue;
      const key = c * U + units[k] - 1;
      let next = memo[key] - 1;
      if (next < 0) {
        const pay = perUnit * units[k];
        const b = classBudget[c];
        if (!(pay < b)) next = 0;
        else {
          next = classBudget.length;
          classBudget.push(b - pay);
          // A payment is off by at most unit * the error of perUnit, plus two roundings.
          classErr.push(classErr[c] + units[k] * perUnitErr[best] + 4 * EPS * b);
        }
        memo[key] = next + 1;
        used.push(key);
      }
      groupClass[g] = next;
    }
    for (const key of used) memo[key] = 0;
    // Every supporter paid something (or was already out of money), so any project sharing a
    // supporter may have a new rho.
    for (const q of near[best]) dirty[q] = 1;
  }
  return selected;
}

/**
 * `runEqualShares` (exact MES with `endowment` per voter, no explanation), computed in floating
 * point with certified decisions and redone in exact rationals only when a decision is too close to
 * call (see `runFloat` above): the outcome is always identical to the exact one. `stats` counts the
 * two cases.
 */
export function runEqualSharesCertified(d: EqualSharesData, endowment: Rational, tie: TieOrder, stats?: CertifiedStats): Outcome {
  const selected = runFloat(d, endowment, tie);
  if (selected) {
    if (stats) stats.float++;
    return { selected, rounds: d.free.map((p) => ({ project: d.e.projects[p].id, note: 'selected: costs nothing' })) };
  }
  if (stats) stats.exact++;
  return runEqualShares(d, endowment, tie, false);
}

/**
 * MES with B / n per voter (pabutools' `method_of_equal_shares` without completion): certified
 * floating point (`runEqualSharesCertified`), or the exact run when the rounds must be explained.
 */
export function computeEqualShares(e: Election, satisfaction: Satisfaction, tie: TieOrder, explain = false): Outcome {
  const d = prepareEqualShares(e, satisfaction);
  const endowment = Rational.of(e.budget, e.numVoters);
  return explain ? runEqualShares(d, endowment, tie, true) : runEqualSharesCertified(d, endowment, tie);
}
