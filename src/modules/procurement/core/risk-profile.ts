import { fillPeriods } from '../../../math/periods.js';
import type { PartyRef } from './risk-process.js';
import { bucketRiskScore, computeRiskScore, RISK_BUCKETS, type RiskBucket, type RiskWeights } from './risk-score.js';

/** The fields of a process that profiles and the dashboard read. */
export interface ProfileProcess {
  ocid: string;
  title: string;
  buyer: PartyRef | null;
  tenderers: readonly PartyRef[];
  suppliers: readonly PartyRef[];
  value: number | null;
  awardedValue: number | null;
  currency: string | null;
  date: string | null;
  flags: Partial<Record<string, number>>;
}

/** A counterpart of a buyer or supplier and how often they met. */
export interface Counterpart {
  id: string;
  name: string;
  /** Processes shared. */
  processes: number;
  /** Of those, processes the supplier won (for a buyer's suppliers and a supplier's buyers); co-bidders: 0. */
  wins: number;
}

/** A buyer's or supplier's profile. */
export interface PartyProfile {
  id: string;
  name: string;
  role: 'buyer' | 'supplier';
  processes: ProfileProcess[];
  /** Supplier: processes bid on or won. Buyer: processes run. */
  participated: number;
  /** Supplier: processes won. Buyer: processes with at least one active award. */
  wins: number;
  /** wins / participated; null for none. */
  winRate: number | null;
  /** Flags per month (YYYY-MM) and indicator, oldest first. */
  flagsByMonth: { month: string; flags: number; processes: number }[];
  /** Buyer: its suppliers. Supplier: its buyers. Most processes first. */
  partners: Counterpart[];
  /** Supplier only: the other tenderers it met. */
  competitors: Counterpart[];
}

/** `YYYY-MM` of an ISO date (its own calendar month as written), or null. */
export function readMonth(date: string | null): string | null {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null;
}

function countMonths(processes: readonly ProfileProcess[]): PartyProfile['flagsByMonth'] {
  const months = new Map<string, { flags: number; processes: number }>();
  for (const p of processes) {
    const month = readMonth(p.date);
    if (!month) continue;
    const m = months.get(month) ?? { flags: 0, processes: 0 };
    m.flags += Object.keys(p.flags).length;
    m.processes += 1;
    months.set(month, m);
  }
  return [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => ({ month, ...m }));
}

function sortCounterparts(map: Map<string, Counterpart>): Counterpart[] {
  return [...map.values()].sort((a, b) => b.processes - a.processes || b.wins - a.wins || (a.id < b.id ? -1 : 1));
}

function bump(map: Map<string, Counterpart>, party: PartyRef, win: boolean): void {
  const c = map.get(party.id) ?? { id: party.id, name: party.name, processes: 0, wins: 0 };
  c.processes += 1;
  if (win) c.wins += 1;
  map.set(party.id, c);
}

/**
 * The profile of a buyer or a supplier over the processes given (all of a site's, or a page of
 * them): its processes, flags per month, how often it wins (suppliers: won / bid on or won; buyers:
 * processes awarded / run), and with whom (a buyer's suppliers; a supplier's buyers and
 * competitors). Null when the party takes part in none.
 */
export function computePartyProfile(all: readonly ProfileProcess[], id: string, role: 'buyer' | 'supplier'): PartyProfile | null {
  const partners = new Map<string, Counterpart>();
  const competitors = new Map<string, Counterpart>();
  const processes: ProfileProcess[] = [];
  let name: string | null = null;
  let wins = 0;
  for (const p of all) {
    if (role === 'buyer') {
      if (p.buyer?.id !== id) continue;
      name ??= p.buyer.name;
      processes.push(p);
      if (p.suppliers.length > 0) wins++;
      for (const s of p.suppliers) bump(partners, s, true);
    } else {
      const won = p.suppliers.some((s) => s.id === id);
      const self = p.suppliers.find((s) => s.id === id) ?? p.tenderers.find((t) => t.id === id);
      if (!self) continue;
      name ??= self.name;
      processes.push(p);
      if (won) wins++;
      if (p.buyer) bump(partners, p.buyer, won);
      for (const t of p.tenderers) if (t.id !== id) bump(competitors, t, false);
    }
  }
  if (processes.length === 0 || name === null) return null;
  return {
    id,
    name,
    role,
    processes,
    participated: processes.length,
    wins,
    winRate: wins / processes.length,
    flagsByMonth: countMonths(processes),
    partners: sortCounterparts(partners),
    competitors: sortCounterparts(competitors),
  };
}

/** The risk dashboard's figures. */
export interface RiskDashboard {
  processes: number;
  flagged: number;
  buckets: Record<RiskBucket, number>;
  /** Flags per indicator (processes flagged), largest first. */
  byIndicator: { code: string; processes: number }[];
  /** Flags per month and indicator, oldest month first. */
  byMonth: { month: string; total: number; byCode: Record<string, number> }[];
  /** Buyers with the most flagged processes (top 10), with their summed score. */
  topBuyers: { id: string; name: string; flagged: number; processes: number; score: number }[];
}

/** Aggregates processes for the risk dashboard: buckets, flags by indicator, by month, top buyers. */
export function computeRiskDashboard(processes: readonly ProfileProcess[], weights: RiskWeights, top = 10): RiskDashboard {
  const buckets = Object.fromEntries(RISK_BUCKETS.map((b) => [b, 0])) as Record<RiskBucket, number>;
  const byIndicator = new Map<string, number>();
  const byMonth = new Map<string, Record<string, number>>();
  const buyers = new Map<string, { id: string; name: string; flagged: number; processes: number; score: number }>();
  let flagged = 0;
  for (const p of processes) {
    const codes = Object.keys(p.flags);
    const score = computeRiskScore(codes, weights);
    buckets[bucketRiskScore(score)]++;
    if (codes.length > 0) flagged++;
    for (const c of codes) byIndicator.set(c, (byIndicator.get(c) ?? 0) + 1);
    const month = readMonth(p.date);
    if (month && codes.length > 0) {
      const m = byMonth.get(month) ?? {};
      for (const c of codes) m[c] = (m[c] ?? 0) + 1;
      byMonth.set(month, m);
    }
    if (p.buyer) {
      const b = buyers.get(p.buyer.id) ?? { id: p.buyer.id, name: p.buyer.name, flagged: 0, processes: 0, score: 0 };
      b.processes++;
      if (codes.length > 0) b.flagged++;
      b.score = Math.round((b.score + score) * 1e9) / 1e9;
      buyers.set(p.buyer.id, b);
    }
  }
  return {
    processes: processes.length,
    flagged,
    buckets,
    byIndicator: [...byIndicator]
      .map(([code, n]) => ({ code, processes: n }))
      .sort((a, b) => b.processes - a.processes || (a.code < b.code ? -1 : 1)),
    // Months without flags are shown as zero, not dropped.
    byMonth: fillPeriods(
      [...byMonth]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, byCode]) => ({ month, byCode, total: Object.values(byCode).reduce((s, n) => s + n, 0) })),
      { unit: 'month', key: (m) => m.month, empty: (month) => ({ month, byCode: {}, total: 0 }) },
    ),
    topBuyers: [...buyers.values()]
      .filter((b) => b.flagged > 0)
      .sort((a, b) => b.flagged - a.flagged || b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, top),
  };
}
