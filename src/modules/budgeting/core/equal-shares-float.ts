import { Rational } from '../../../math/rational.js';
import * as certified from './certified.js';
import type { Election } from './election.js';
import { prepareEqualShares, runEqualShares, type EqualSharesData } from './equal-shares.js';
import type { Satisfaction } from './greedy.js';
import type { Outcome } from './outcome.js';
import type { TieOrder } from './tie-break.js';

// Bound once: module interop may read imported bindings through getters, costly in hot loops.
const { dn, R51, sumDn, sumUp, TINY, up } = certified;

/** How `runEqualSharesCertified` decided its runs (for benchmarks and tests). */
export interface CertifiedStats {
  /** Runs decided entirely on certified double intervals (plus exact integer ties). */
  float: number;
  /** Runs redone in exact rationals because some interval could not decide. */
  exact: number;
}

/**
 * What a run reads about the supporters. Ballot groups whose ballots agree on the projects in
 * `kept` (with the same points) always hold the same money while only kept projects are bought,
 * so they can share one "carrier": fewer entries to visit per project. A run that would buy a
 * project outside `kept` stops and reports it (the carriers would have to split), and the caller
 * rebuilds the view with that project kept. With `kept` null, carriers are the ballot groups.
 */
interface View {
  kept: Uint8Array | null;
  carriers: number;
  supGroups: Int32Array[];
  supUnits: Int32Array[];
  supWeights: Float64Array[];
  /** For each project, the projects sharing at least one carrier with it. */
  near: Int32Array[];
  pool: Pool;
}

/** Scratch arrays of a run, sized for the view. */
interface Pool {
  classes: Classes;
  groupClass: Int32Array;
  acc: Float64Array;
  memo: Int32Array;
  touched: Int32Array;
  eLo: Float64Array;
  eHi: Float64Array;
  eW: Float64Array;
  eU: Float64Array;
  eMid: Float64Array;
  rest: Int32Array;
}

function makePool(U: number, carriers: number, maxSupporters: number): Pool {
  return {
    classes: new Classes(),
    groupClass: new Int32Array(carriers),
    acc: new Float64Array(64 * U),
    memo: new Int32Array(64 * U),
    touched: new Int32Array(maxSupporters),
    eLo: new Float64Array(maxSupporters),
    eHi: new Float64Array(maxSupporters),
    eW: new Float64Array(maxSupporters),
    eU: new Float64Array(maxSupporters),
    eMid: new Float64Array(maxSupporters),
    rest: new Int32Array(maxSupporters),
  };
}

/**
 * Splits carriers by one more kept project p: the groups supporting p (by their units) leave their
 * carrier for a new one. Starting from a single carrier, this yields "same units on every kept
 * project"; an emptied carrier id simply stays unused.
 */
function keepProject(d: EqualSharesData, carrierOf: Int32Array, carriers: number, p: number): number {
  const U = d.maxUnit;
  const groups = d.supGroups[p];
  const units = d.supUnits[p];
  const remap = new Map<number, number>();
  for (let k = 0; k < groups.length; k++) {
    const key = carrierOf[groups[k]] * U + units[k] - 1;
    let id = remap.get(key);
    if (id === undefined) remap.set(key, (id = carriers++));
    carrierOf[groups[k]] = id;
  }
  return carriers;
}

/**
 * The view over `d` whose carriers are given by `carrierOf` (null: the ballot groups themselves).
 * With `previous` and `changed` (the project just kept), only the projects sharing a ballot group
 * with it get new lists: nobody else's carriers were split.
 */
function buildView(
  d: EqualSharesData,
  kept: Uint8Array | null,
  carrierOf: Int32Array | null,
  carriers: number,
  previous: View | null = null,
  changed = -1,
): View {
  const affected = previous && changed >= 0 ? new Uint8Array(d.e.projects.length) : null;
  if (affected) for (const q of neighboursOf(d)[changed]) affected[q] = 1;
  const m = d.e.projects.length;
  const U = d.maxUnit;
  const supGroups: Int32Array[] = [];
  const supUnits: Int32Array[] = [];
  const supWeights: Float64Array[] = [];
  const at = carrierOf ? new Int32Array(carriers * U).fill(-1) : null;
  const cs = new Int32Array(d.supGroups.reduce((t, g) => Math.max(t, g.length), 0));
  const us = new Int32Array(cs.length);
  const ws = new Float64Array(cs.length);
  for (let p = 0; p < m; p++) {
    const groups = d.supGroups[p];
    const units = d.supUnits[p];
    if (affected && previous && !affected[p]) {
      supGroups.push(previous.supGroups[p]);
      supUnits.push(previous.supUnits[p]);
      supWeights.push(previous.supWeights[p]);
      continue;
    }
    if (!carrierOf || !at) {
      supGroups.push(groups);
      supUnits.push(units);
      const ws1 = new Float64Array(groups.length);
      for (let k = 0; k < groups.length; k++) ws1[k] = d.weights[groups[k]];
      supWeights.push(ws1);
      continue;
    }
    let n = 0;
    for (let k = 0; k < groups.length; k++) {
      const key = carrierOf[groups[k]] * U + units[k] - 1;
      const i = at[key];
      if (i < 0) {
        at[key] = n;
        cs[n] = carrierOf[groups[k]];
        us[n] = units[k];
        ws[n++] = d.weights[groups[k]];
      } else ws[i] += d.weights[groups[k]];
    }
    for (let i = 0; i < n; i++) at[cs[i] * U + us[i] - 1] = -1;
    supGroups.push(cs.slice(0, n));
    supUnits.push(us.slice(0, n));
    supWeights.push(ws.slice(0, n));
  }
  // A carrier that pays for a kept project q holds only supporters of q, so a project sharing a
  // carrier with q shares a ballot group with q: the groups' neighbours are enough.
  const count = carrierOf ? carriers : d.e.groups.length;
  const maxSupporters = supGroups.reduce((t, g) => Math.max(t, g.length), 0);
  return { kept, carriers: count, supGroups, supUnits, supWeights, near: neighboursOf(d), pool: makePool(U, count, maxSupporters) };
}

const neighbourCache = new WeakMap<EqualSharesData, Int32Array[]>();

/** For each project, the projects sharing at least one supporter group with it (cached per data). */
function neighboursOf(d: EqualSharesData): Int32Array[] {
  let near = neighbourCache.get(d);
  if (!near) {
    const m = d.e.projects.length;
    const seen = new Uint8Array(m);
    // The supported projects of each group, from the supporter lists (compressed rows).
    const G = d.e.groups.length;
    const start = new Int32Array(G + 1);
    for (let p = 0; p < m; p++) for (const g of d.supGroups[p]) start[g + 1]++;
    for (let g = 0; g < G; g++) start[g + 1] += start[g];
    const fill = start.slice(0, G);
    const flat = new Int32Array(start[G]);
    for (let p = 0; p < m; p++) for (const g of d.supGroups[p]) flat[fill[g]++] = p;
    near = [];
    for (let p = 0; p < m; p++) {
      seen.fill(0);
      const groups = d.supGroups[p];
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k];
        for (let j = start[g]; j < start[g + 1]; j++) seen[flat[j]] = 1;
      }
      const out: number[] = [];
      for (let q = 0; q < m; q++) if (seen[q]) out.push(q);
      near.push(Int32Array.from(out));
    }
    neighbourCache.set(d, near);
  }
  return near;
}

interface ViewState {
  view: View;
  carrierOf: Int32Array;
  carriers: number;
  /** What the first run bought, until a second run merges over it. */
  first: number[] | null;
}

const viewCache = new WeakMap<EqualSharesData, ViewState>();

/** A growable pair of typed arrays holding each budget class's money interval. */
class Classes {
  lo = new Float64Array(256);
  hi = new Float64Array(256);
  size = 0;

  push(lo: number, hi: number): number {
    if (this.size === this.lo.length) {
      const lo2 = new Float64Array(this.size * 2);
      const hi2 = new Float64Array(this.size * 2);
      lo2.set(this.lo);
      hi2.set(this.hi);
      this.lo = lo2;
      this.hi = hi2;
    }
    this.lo[this.size] = lo;
    this.hi[this.size] = hi;
    return this.size++;
  }
}

/**
 * The Method of Equal Shares (Peters & Skowron; equalshares.net; pabutools `method_of_equal_shares`)
 * with the same semantics and tie-breaking as the exact `runEqualShares`, on certified intervals of
 * doubles. Returns the selection; null when an interval cannot decide (the caller then reruns in
 * exact rationals); or a project outside `view.kept` that the run would buy (see `View`).
 *
 * Every budget class's money b is held as [lo, hi] with lo <= b <= hi exactly (rounding bounded by
 * `dn`/`up`/`sumDn`/`sumUp` of certified.ts; bounds are snapped so they stay 0 or >= 2^-900). MES takes three kinds of decisions, each certified:
 * - Affordability of project p: its supporters' money sum(w b) >= cost. Decided when the certified
 *   bounds of sum(w lo) and sum(w hi) are on the same side of the cost; otherwise null.
 * - The payment per unit x* of p: the least x with f(x) = sum(w min(b, u x)) >= cost (f is
 *   non-decreasing, and strictly increasing left of x*, so f(x) >= cost implies x >= x*, and
 *   f(x) < cost implies x < x*). A partition into poor and rich supporters found in doubles gives
 *   candidates xLo, xHi; xHi is certified by a lower bound of sum(w min(lo, u xHi)) >= cost and xLo
 *   by an upper bound of sum(w min(hi, u xLo)) < cost (or by x* >= cost / total units, since
 *   f(x) <= x * total units). A wrong partition can only make the check fail, never pass wrongly.
 *   When every supporter certainly has lo >= u xHi, nobody is poor and x* = cost / total units
 *   exactly: the project is "all-rich" and its rho is a fraction of two integers.
 * - The project with the lowest rho (ties by the tie order): chosen only when its rho interval lies
 *   strictly below every other candidate's; when intervals overlap and every project involved is
 *   all-rich, the integer fractions are compared exactly in BigInt (pabutools' frequent exact ties
 *   between projects with as many supporters); otherwise null.
 * Stale intervals stay lower bounds (money only decreases, so rho only rises), which prunes the
 * projects that must be re-evaluated each round. After a purchase each paying class's money becomes
 * max(0, b - u x*), bounded by [lo - u xHi, hi - u xLo]; a class whose upper bound is not positive
 * has exactly no money left.
 */
function runFloat(d: EqualSharesData, view: View, endowmentRational: Rational, tie: TieOrder): number[] | number | null {
  const { e, maxUnit: U } = d;
  const { supGroups, supUnits, supWeights, near } = view;
  const m = e.projects.length;
  const costSat = d.satisfaction === 'cost';
  const costF = e.projects.map((p) => Number(p.cost));
  // Outside these ranges the error model's assumptions (exact integers, no underflow) may fail.
  for (const p of d.candidates) if (!(costF[p] <= 2 ** 50 && d.totalUnits[p] <= 2 ** 50)) return null;
  const [endowLo, endowHi] = endowmentRational.bounds();
  if (!(endowHi <= 2 ** 60) || (endowLo > 0 && endowLo < TINY)) return null;
  // Scratch space lives with the view and is reused by the next run (add1 runs hundreds).
  const pool = view.pool;
  const classes = pool.classes;
  classes.size = 0;
  classes.push(0, 0);
  classes.push(Math.max(0, endowLo), endowHi);
  if (pool.groupClass.length < view.carriers) pool.groupClass = new Int32Array(view.carriers);
  const groupClass = pool.groupClass;
  groupClass.fill(endowHi > 0 ? 1 : 0, 0, view.carriers);
  // acc and memo are all zero between uses: every use clears what it set.
  let acc = pool.acc;
  let memo = pool.memo;
  const { touched, eLo, eHi, eW, eU, eMid, rest } = pool;
  const selected = [...d.free];
  const rhoLo = new Float64Array(m);
  const rhoHi = new Float64Array(m);
  const xLoOf = new Float64Array(m);
  const xHiOf = new Float64Array(m);
  const allRich = new Uint8Array(m);
  const unitsOf = new Float64Array(m);
  for (const p of d.candidates) {
    // Before any evaluation: x* >= cost / total units, as f(x) <= x * total units.
    rhoLo[p] = costSat ? dn(1 / d.totalUnits[p]) : dn(costF[p] / d.totalUnits[p]);
    rhoHi[p] = Infinity;
  }
  const dirty = new Uint8Array(m).fill(1);

  /** Certifies p's interval of x* and rho: 1, or 0 when p is certainly unaffordable, -1 when unsure. */
  const evaluate = (p: number): number => {
    const groups = supGroups[p];
    const units = supUnits[p];
    if (acc.length < classes.size * U) {
      acc = pool.acc = new Float64Array(classes.size * U * 2);
      memo = pool.memo = new Int32Array(classes.size * U * 2);
    }
    const ws = supWeights[p];
    let n = 0;
    if (U === 1) {
      for (let k = 0; k < groups.length; k++) {
        const c = groupClass[groups[k]];
        if (c === 0) continue;
        if (acc[c] === 0) touched[n++] = c;
        acc[c] += ws[k];
      }
    } else {
      for (let k = 0; k < groups.length; k++) {
        const c = groupClass[groups[k]];
        if (c === 0) continue;
        const key = c * U + units[k] - 1;
        if (acc[key] === 0) touched[n++] = key;
        acc[key] += ws[k];
      }
    }
    const cLo = classes.lo;
    const cHi = classes.hi;
    let sLo = 0;
    let sHi = 0;
    let unitsTotal = 0;
    for (let i = 0; i < n; i++) {
      const key = touched[i];
      const c = U === 1 ? key : Math.floor(key / U);
      const unit = U === 1 ? 1 : (key % U) + 1;
      const w = acc[key];
      acc[key] = 0;
      const lo = cLo[c];
      const hi = cHi[c];
      eLo[i] = lo;
      eHi[i] = hi;
      eW[i] = w;
      eU[i] = unit;
      eMid[i] = (lo + hi) / (2 * unit);
      sLo += w * lo;
      sHi += w * hi;
      unitsTotal += w * unit;
    }
    const cost = costF[p];
    if (sumUp(sHi, n) < cost) return 0;
    if (sumDn(sLo, n) < cost) return -1;
    // A poor/rich partition in plain doubles, by fixed-point passes over the still-rich entries:
    // everyone whose money per unit is below the current split is poor, which only raises the
    // split for the others.
    let left = cost;
    let unitsLeft = unitsTotal;
    let pLo = 0;
    let pHi = 0;
    let open = n;
    for (let i = 0; i < n; i++) rest[i] = i;
    for (let changed = true; changed;) {
      changed = false;
      const split = left / unitsLeft;
      let k = 0;
      for (let j = 0; j < open; j++) {
        const i = rest[j];
        if (eMid[i] < split) {
          left -= eW[i] * (eLo[i] + eHi[i]) * 0.5;
          unitsLeft -= eW[i] * eU[i];
          pLo += eW[i] * eLo[i];
          pHi += eW[i] * eHi[i];
          changed = true;
        } else rest[k++] = i;
      }
      open = k;
      if (!(unitsLeft > 0)) return -1;
    }
    // x* >= cost / total units always; x* = cost / total units exactly when nobody is poor.
    const xMin = dn(cost / unitsTotal);
    const xMax = up(cost / unitsTotal);
    const hiGuess = (cost - pLo) / unitsLeft;
    const loGuess = (cost - pHi) / unitsLeft;
    for (let pad = 2 ** -44; pad < 2 ** -20; pad *= 2 ** 8) {
      const xHi = Math.max(up(hiGuess * (1 + pad)), xMin);
      const xLo = Math.max(dn(loGuess * (1 - pad)), xMin);
      // f(xHi) >= sum(w min(lo, u xHi)) >= cost certifies x* <= xHi. With integer u >= 1 and
      // xHi >= 2^-54, fl(u * xHi(1 - 2^-51)) <= u xHi and fl(u * xHi(1 + 2^-51)) >= u xHi (the
      // argument of certified.ts), so one rounded product per supporter is a safe bound.
      const xHiDn = xHi - xHi * R51;
      const xHiUp = xHi + xHi * R51;
      const xLoUp = xLo + xLo * R51;
      let fLo = 0;
      let fHi = 0;
      let rich = true;
      for (let i = 0; i < n; i++) {
        const u = eU[i];
        const lo = eLo[i];
        const hi = eHi[i];
        const payDn = u * xHiDn;
        const payUp = u * xLoUp;
        fLo += eW[i] * (lo < payDn ? lo : payDn);
        fHi += eW[i] * (hi < payUp ? hi : payUp);
        if (lo < u * xHiUp) rich = false;
      }
      if (!(sumDn(fLo, n) >= cost)) continue;
      if (rich) {
        allRich[p] = 1;
        xLoOf[p] = xMin;
        xHiOf[p] = Math.min(xMax, xHi);
      } else {
        // f(xLo) <= sum(w min(hi, u xLo)) < cost certifies xLo < x* (xMin needs no check).
        if (xLo > xMin && !(sumUp(fHi, n) < cost)) continue;
        allRich[p] = 0;
        xLoOf[p] = xLo;
        xHiOf[p] = xHi;
      }
      unitsOf[p] = unitsTotal;
      rhoLo[p] = costSat ? dn(xLoOf[p] / cost) : xLoOf[p];
      rhoHi[p] = costSat ? up(xHiOf[p] / cost) : xHiOf[p];
      return 1;
    }
    return -1;
  };

  /** The exact rho of an all-rich project, as numerator and denominator. */
  const exactRho = (p: number): [bigint, bigint] => [costSat ? 1n : e.projects[p].cost, BigInt(unitsOf[p])];

  const active: number[] = [...d.candidates];
  active.sort((a, b) => rhoLo[a] - rhoLo[b]);
  const contenders: number[] = [];
  for (;;) {
    // By certified lower bound, so the scan stops at the first project certainly worse than one seen.
    // Few bounds change per round, so insertion sort runs in about linear time.
    for (let i = 1; i < active.length; i++) {
      const p = active[i];
      const key = rhoLo[p];
      let j = i - 1;
      while (j >= 0 && rhoLo[active[j]] > key) {
        active[j + 1] = active[j];
        j--;
      }
      active[j + 1] = p;
    }
    let high = Infinity;
    let scanned = 0;
    let dropped = false;
    for (; scanned < active.length; scanned++) {
      const p = active[scanned];
      if (rhoLo[p] > high) break;
      if (dirty[p]) {
        const verdict = evaluate(p);
        if (verdict < 0) return null;
        dirty[p] = 0;
        if (verdict === 0) {
          rhoLo[p] = Infinity;
          dropped = true;
          continue;
        }
      }
      if (rhoHi[p] < high) high = rhoHi[p];
    }
    if (high === Infinity) break;
    // Everyone not scanned has a rho above `high`, at least one scanned project's rho is at most
    // `high`: the winner is among the scanned projects whose interval reaches down to `high`.
    contenders.length = 0;
    for (let i = 0; i < scanned; i++) if (rhoLo[active[i]] <= high) contenders.push(active[i]);
    let best = contenders[0];
    if (contenders.length > 1) {
      if (contenders.some((q) => !allRich[q])) return null;
      let bestRho = exactRho(best);
      for (let i = 1; i < contenders.length; i++) {
        const q = contenders[i];
        const r = exactRho(q);
        const cmp = r[0] * bestRho[1] - bestRho[0] * r[1];
        if (cmp < 0n || (cmp === 0n && tie(q, best) < 0)) {
          best = q;
          bestRho = r;
        }
      }
    }
    if (dropped) {
      let k = 0;
      for (const q of active) if (rhoLo[q] !== Infinity) active[k++] = q;
      active.length = k;
    }
    active.splice(active.indexOf(best), 1);
    if (view.kept && !view.kept[best]) return best;
    selected.push(best);
    // Charge the supporters: each (class, unit) splits into its paying part, once.
    const xLo = xLoOf[best];
    const xHi = xHiOf[best];
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
        const u = units[k];
        const hi = up(classes.hi[c] - dn(u * xLo));
        if (hi <= 0) next = 0;
        else {
          const lo = dn(classes.lo[c] - up(u * xHi));
          next = classes.push(lo < TINY ? 0 : lo, hi < TINY ? TINY : hi);
        }
        memo[key] = next + 1;
        used.push(key);
      }
      groupClass[g] = next;
    }
    for (const key of used) memo[key] = 0;
    // Every supporter paid something (or had nothing), so any project sharing one may have a new rho.
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
  let state = viewCache.get(d);
  if (!state) {
    state = { view: buildView(d, null, null, 0), carrierOf: new Int32Array(d.e.groups.length), carriers: 1, first: null };
    viewCache.set(d, state);
  } else if (state.first) {
    // A repeated run (add1 completions run hundreds), which mostly buys the projects the first run
    // bought: merge the ballot groups over those.
    const kept = new Uint8Array(d.e.projects.length);
    for (const p of state.first) {
      kept[p] = 1;
      state.carriers = keepProject(d, state.carrierOf, state.carriers, p);
    }
    state.view = buildView(d, kept, state.carrierOf, state.carriers);
    state.first = null;
  }
  let selected = runFloat(d, state.view, endowment, tie);
  while (typeof selected === 'number') {
    // The run would buy a project the carriers merge over: keep it apart too, and run again.
    const kept = Uint8Array.from(state.view.kept!);
    kept[selected] = 1;
    state.carriers = keepProject(d, state.carrierOf, state.carriers, selected);
    state.view = buildView(d, kept, state.carrierOf, state.carriers, state.view, selected);
    selected = runFloat(d, state.view, endowment, tie);
  }
  if (selected && !state.view.kept) state.first = selected;
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
