import { Rational } from '../../../math/rational.js';
import { ballotScores, countApprovals, totalScores, type Election } from './election.js';
import type { Round } from './outcome.js';

/** Why a project won or lost, as a code pages translate, plus the core's own round note. */
export type ReasonKind = 'won' | 'won-completion' | 'did-not-fit' | 'below-threshold' | 'supporters-short' | 'not-reached';

/** One project's line on the results page. */
export interface ProjectVerdict {
  code: string;
  selected: boolean;
  /** Position in the selection order (1-based), or null. */
  order: number | null;
  votes: number;
  score: number;
  /** Cost in currency units (decimal string). */
  cost: string;
  reason: ReasonKind;
  /** Budget left when the project was considered (did-not-fit), decimal string. */
  left: string | null;
  note: string | null;
}

/**
 * Explains an outcome project by project from the core's rounds: a selected project "won" (or won
 * in a completion step); a skipped one did not fit in what was left, fell below the threshold, or
 * (Equal Shares) its supporters' shares could not cover it; otherwise the rule stopped before it.
 */
export function explainOutcome(e: Election, selected: number[], rounds: Round[]): ProjectVerdict[] {
  const votes = countApprovals(e);
  const scores = totalScores(e);
  const note = new Map<string, string>();
  for (const r of rounds) if (!note.has(r.project)) note.set(r.project, r.note);
  const order = new Map(selected.map((p, i) => [p, i + 1]));
  const spent = selected.reduce((s, p) => s + e.projects[p].cost, 0n);
  const money = (v: bigint) => Rational.of(v, e.scale).toDecimal();
  const leftAtEnd = e.budget - spent;
  return e.projects.map((p, i) => {
    const n = note.get(p.id) ?? null;
    let reason: ReasonKind;
    if (order.has(i)) reason = n && /completion/.test(n) ? 'won-completion' : 'won';
    else if (n?.startsWith('below threshold')) reason = 'below-threshold';
    else if (n?.startsWith('dropped: its supporters')) reason = 'supporters-short';
    else if (p.cost > leftAtEnd || n?.startsWith('skipped') || n?.startsWith('stop') || n?.startsWith('dropped: costs')) reason = 'did-not-fit';
    else if (votes[i] > 0 && n === null && rounds.some((r) => r.note.startsWith('selected: rho'))) reason = 'supporters-short';
    else reason = 'not-reached';
    return {
      code: p.id,
      selected: order.has(i),
      order: order.get(i) ?? null,
      votes: votes[i],
      score: scores[i],
      cost: money(p.cost),
      reason,
      left: reason === 'did-not-fit' ? money(leftAtEnd) : null,
      note: n,
    };
  });
}

/** How many voters had k of their choices selected, for k = 0..max ballot length. */
export function countChoicesWon(e: Election, selected: number[]): { won: number; voters: number }[] {
  const chosen = new Set(selected);
  const counts: number[] = [];
  for (const g of e.groups) {
    const k = g.projects.filter((p) => chosen.has(p)).length;
    while (counts.length <= k) counts.push(0);
    counts[k] += g.weight;
  }
  return counts.map((voters, won) => ({ won, voters }));
}

/** Where one ballot group's equal share went under Equal Shares. */
export interface ShareSpending {
  /** Index of the ballot group in `e.groups`. */
  group: number;
  weight: number;
  /** Payments per voter, in currency units, by project id (selection order). */
  payments: { project: string; amount: Rational }[];
  /** Money each voter had left at the end. */
  left: Rational;
}

/**
 * Replays the payments of Equal Shares for a given selection and per-voter share (Peters & Skowron,
 * "Proportionality and the limits of welfarism", 2020; pb-rules.md): for each selected project in
 * order, every supporter pays min(money left, rho * satisfaction) with rho the smallest value that
 * covers the cost. A project its supporters cannot cover (a greedy completion) is paid from what is
 * left of the budget and marked by `completion`. Satisfaction units are 1 (cost, cardinality) or the
 * voter's points. Exact arithmetic; amounts in currency units.
 */
export function replayShares(
  e: Election,
  selected: number[],
  share: Rational,
  byPoints: boolean,
): { spending: ShareSpending[]; completion: string[] } {
  const left = e.groups.map(() => Rational.of(share.num, share.den * e.scale));
  const paid: { project: string; amount: Rational }[][] = e.groups.map(() => []);
  const completion: string[] = [];
  for (const p of selected) {
    const cost = Rational.of(e.projects[p].cost, e.scale);
    const sup: { g: number; u: number }[] = [];
    e.groups.forEach((g, gi) => {
      const k = g.projects.indexOf(p);
      if (k < 0) return;
      const u = byPoints ? ballotScores(e, g)[k] : 1;
      if (u > 0) sup.push({ g: gi, u });
    });
    const total = sup.reduce((s, x) => s.add(left[x.g].mulInt(e.groups[x.g].weight)), Rational.ZERO);
    if (cost.sign() === 0) continue;
    if (total.lt(cost)) {
      completion.push(e.projects[p].id);
      continue;
    }
    // Supporters sorted by money per unit: those below rho pay all they have.
    sup.sort((a, b) => left[a.g].div(Rational.of(a.u)).compare(left[b.g].div(Rational.of(b.u))));
    let fixed = Rational.ZERO;
    let units = sup.reduce((s, x) => s + e.groups[x.g].weight * x.u, 0);
    let rho = cost.div(Rational.of(units));
    for (const x of sup) {
      rho = cost.sub(fixed).div(Rational.of(units));
      if (left[x.g].div(Rational.of(x.u)).lte(rho)) {
        fixed = fixed.add(left[x.g].mulInt(e.groups[x.g].weight));
        units -= e.groups[x.g].weight * x.u;
      } else break;
    }
    if (units > 0) rho = cost.sub(fixed).div(Rational.of(units));
    for (const x of sup) {
      const want = rho.mulInt(x.u);
      const pay = left[x.g].lt(want) ? left[x.g] : want;
      left[x.g] = left[x.g].sub(pay);
      paid[x.g].push({ project: e.projects[p].id, amount: pay });
    }
  }
  return {
    spending: e.groups.map((g, gi) => ({ group: gi, weight: g.weight, payments: paid[gi], left: left[gi] })),
    completion,
  };
}
