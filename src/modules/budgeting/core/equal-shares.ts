import { Rational } from '../../../math/rational.js';
import { ballotScores, type Election } from './election.js';
import type { Satisfaction } from './greedy.js';
import type { Outcome, Round } from './outcome.js';
import type { TieOrder } from './tie-break.js';

/**
 * Method of Equal Shares (Peters & Skowron; equalshares.net; pabutools `method_of_equal_shares`,
 * summarised in pb-rules.md). Every voter gets an equal share of the budget. Each round selects
 * the project its supporters can pay at the lowest rho, where each supporter pays
 * min(their money left, rho * their satisfaction); ties by the tie order; it stops when no
 * project can be paid by its supporters.
 *
 * Satisfaction (pabutools): cost = the project's cost for every supporter (rho is then compared as
 * payment / cost), cardinality = 1, points = the voter's points (or ordinal score). Cumulative and
 * ordinal ballots count as approvals under cost and cardinality.
 *
 * Speed without floating-point decisions: identical ballots are grouped, and ballot groups with the
 * same money left share a "budget class" (their money is one exact Rational), so a project's rho
 * comes from a handful of classes instead of thousands of voters. Stale rhos are lower bounds
 * (money only decreases), so each round re-evaluates only projects whose old rho could still win,
 * as pabutools and equalshares.net do.
 */
export interface EqualSharesData {
  e: Election;
  satisfaction: Satisfaction;
  /** Projects MES may select: some supporter has positive satisfaction and the cost is positive. */
  candidates: number[];
  /** Projects with supporters and zero cost: selected before the rounds, as pabutools does. */
  free: number[];
  supGroups: Int32Array[];
  /** Satisfaction units of each supporter group (1 unless satisfaction is points). */
  supUnits: Int32Array[];
  /** Sum over supporters of weight * units, per project. */
  totalUnits: number[];
  weights: Float64Array;
  maxUnit: number;
}

/** Precomputes supporters per project once, so add1 completions can rerun MES cheaply. */
export function prepareEqualShares(e: Election, satisfaction: Satisfaction): EqualSharesData {
  const m = e.projects.length;
  const lists: number[][] = Array.from({ length: m }, () => []);
  const units: number[][] = Array.from({ length: m }, () => []);
  let maxUnit = 1;
  e.groups.forEach((g, gi) => {
    const scores = satisfaction === 'points' ? ballotScores(e, g) : null;
    g.projects.forEach((p, i) => {
      const u = scores ? scores[i] : 1;
      if (!Number.isInteger(u)) throw new RangeError('Points must be integers for Equal Shares with points satisfaction');
      if (u <= 0) return;
      lists[p].push(gi);
      units[p].push(u);
      if (u > maxUnit) maxUnit = u;
    });
  });
  const weights = Float64Array.from(e.groups.map((g) => g.weight));
  const totalUnits = lists.map((l, p) => l.reduce((s, gi, k) => s + weights[gi] * units[p][k], 0));
  const candidates: number[] = [];
  const free: number[] = [];
  for (let p = 0; p < m; p++) {
    if (totalUnits[p] <= 0) continue;
    if (e.projects[p].cost > 0n) candidates.push(p);
    else free.push(p);
  }
  return {
    e,
    satisfaction,
    candidates,
    free,
    supGroups: lists.map((l) => Int32Array.from(l)),
    supUnits: units.map((u) => Int32Array.from(u)),
    totalUnits,
    weights,
    maxUnit,
  };
}

interface Entry {
  budget: Rational;
  unit: number;
  weight: number;
}

/** Runs MES with `endowment` per voter (in cost units); `prepareEqualShares` first. */
export function runEqualShares(d: EqualSharesData, endowment: Rational, tie: TieOrder, explain = false): Outcome {
  const { e, supGroups, supUnits, weights, maxUnit } = d;
  const U = maxUnit;
  const classBudget: Rational[] = [Rational.ZERO, endowment];
  const groupClass = new Int32Array(e.groups.length).fill(endowment.sign() > 0 ? 1 : 0);
  let acc = new Float64Array(64 * U);
  let memo = new Int32Array(64 * U);
  const touched: number[] = [];
  const selected = [...d.free];
  const rounds: Round[] = d.free.map((p) => ({ project: e.projects[p].id, note: 'selected: costs nothing' }));
  // rho as pabutools compares it: payment per unit of satisfaction (cost satisfaction: payment / cost).
  const toRho = (p: number, perUnit: Rational) => (d.satisfaction === 'cost' ? perUnit.div(Rational.of(e.projects[p].cost)) : perUnit);
  const stale = new Map<number, Rational>();
  for (const p of d.candidates) stale.set(p, toRho(p, Rational.of(e.projects[p].cost).div(Rational.of(d.totalUnits[p]))));
  const perUnitOf = new Map<number, Rational>();
  // A project whose supporters' money has not changed since its last evaluation keeps an exact rho.
  const dirty = new Uint8Array(e.projects.length).fill(1);

  const evaluate = (p: number): Rational | null => {
    const groups = supGroups[p];
    const units = supUnits[p];
    if (acc.length < classBudget.length * U) {
      acc = new Float64Array(classBudget.length * U * 2);
      memo = new Int32Array(classBudget.length * U * 2);
    }
    for (let k = 0; k < groups.length; k++) {
      const c = groupClass[groups[k]];
      if (c === 0) continue;
      const key = c * U + units[k] - 1;
      if (acc[key] === 0) touched.push(key);
      acc[key] += weights[groups[k]];
    }
    const entries: Entry[] = [];
    let unitsLeft = 0;
    // An upper bound on the supporters' money: each budget's certified upper bound times its
    // weight, summed in doubles (n + 2 roundings of at most 2^-53 relative each on non-negative
    // terms, covered by the factor below while n < 2^40).
    let moneyHi = 0;
    for (const key of touched) {
      const c = Math.floor(key / U);
      const unit = (key % U) + 1;
      const budget = classBudget[c];
      entries.push({ budget, unit, weight: acc[key] });
      unitsLeft += acc[key] * unit;
      moneyHi += acc[key] * budget.bounds()[1];
      acc[key] = 0;
    }
    const n = touched.length;
    touched.length = 0;
    const cost = Rational.of(e.projects[p].cost);
    if (moneyHi * (1 + (n + 4) * 2 ** -52) < cost.toNumber()) return null;
    // Ascending money per unit of satisfaction, exactly (Rational.compare is exact).
    entries.sort((a, b) => (a.unit === b.unit ? a.budget.compare(b.budget) : a.budget.mulInt(b.unit).compare(b.budget.mulInt(a.unit))));
    // The scan runs on un-normalised numerator/denominator pairs (one gcd at the end), every
    // comparison in BigInt: exact, and far cheaper than normalising after every step.
    let leftN = e.projects[p].cost;
    let leftD = 1n;
    for (const en of entries) {
      // Poor: budget / unit < left / unitsLeft, so this supporter pays all their money.
      const poor = en.budget.num * BigInt(unitsLeft) * leftD < leftN * BigInt(en.unit) * en.budget.den;
      if (!poor) return Rational.of(leftN, leftD * BigInt(unitsLeft));
      const w = BigInt(en.weight);
      if (en.budget.den === leftD) leftN -= en.budget.num * w;
      else {
        leftN = leftN * en.budget.den - en.budget.num * w * leftD;
        leftD *= en.budget.den;
      }
      unitsLeft -= en.weight * en.unit;
      if (unitsLeft === 0) return null;
    }
    return null;
  };

  const active = new Set(d.candidates);
  for (;;) {
    const order = [...active].sort((a, b) => stale.get(a)!.compare(stale.get(b)!) || tie(a, b));
    let best: Rational | null = null;
    let tied: number[] = [];
    for (const p of order) {
      const old = stale.get(p)!;
      if (best && best.lt(old)) break;
      const perUnit = dirty[p] ? evaluate(p) : perUnitOf.get(p)!;
      dirty[p] = 0;
      if (perUnit === null) {
        active.delete(p);
        if (explain) rounds.push({ project: e.projects[p].id, note: 'dropped: its supporters cannot pay for it' });
        continue;
      }
      const rho = toRho(p, perUnit);
      stale.set(p, rho);
      perUnitOf.set(p, perUnit);
      const cmp = best === null ? -1 : rho.compare(best);
      if (cmp < 0) {
        best = rho;
        tied = [p];
      } else if (cmp === 0) tied.push(p);
    }
    if (best === null) break;
    const chosen = tied.length > 1 ? tied.sort(tie)[0] : tied[0];
    const perUnit = perUnitOf.get(chosen)!;
    selected.push(chosen);
    active.delete(chosen);
    if (explain)
      rounds.push({
        project: e.projects[chosen].id,
        note: `selected: rho ${best.toDecimal(9)}, each supporter pays up to ${perUnit.toDecimal(4)} per unit of satisfaction${tied.length > 1 ? ` (tie with ${tied.length - 1} other(s))` : ''}`,
      });
    // Charge the supporters: each budget class splits into its paying part.
    const groups = supGroups[chosen];
    const units = supUnits[chosen];
    const used: number[] = [];
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k];
      const c = groupClass[g];
      if (c === 0) continue;
      const key = c * U + units[k] - 1;
      let next = memo[key] - 1;
      if (next < 0) {
        const pay = perUnit.mulInt(units[k]);
        const b = classBudget[c];
        if (!pay.lt(b)) next = 0;
        else {
          next = classBudget.length;
          classBudget.push(b.sub(pay));
        }
        memo[key] = next + 1;
        used.push(key);
      }
      if (next !== c) {
        groupClass[g] = next;
        for (const q of e.groups[g].projects) dirty[q] = 1;
      }
    }
    for (const key of used) memo[key] = 0;
  }
  return { selected, rounds };
}
