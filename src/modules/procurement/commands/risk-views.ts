import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { invalidInput, notFound } from '../../../kernel/errors.js';
import { isAllowed } from '../../../kernel/policy.js';
import { fillPeriods } from '../../../math/periods.js';
import type { ProcessSummary } from '../core/risk-process.js';
import { type PartyProfile, type RiskDashboard } from '../core/risk-profile.js';
import { RISK_BUCKETS, type RiskBucket } from '../core/risk-score.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { getProcessHistory } from '../store/releases.js';
import {
  getRiskAssessment,
  getTriage,
  listFeedback,
  listPartyProcesses,
  listTriageEvents,
  readPartyFigures,
  readRiskDashboardFigures,
} from '../store/risk.js';
import type { RiskFeedbackRow, RiskTriageEventRow, RiskTriageRow } from '../store/risk-tables.js';
import { TRIAGE_PERMISSION } from './risk-triage.js';

/** Buyers shown on the dashboard. */
const TOP_BUYERS = 10;

/**
 * The risk dashboard (public): buckets, flags by indicator and month, top buyers, aggregated in
 * SQL over the stored assessments (scores and buckets as the last risk run left them).
 */
export async function getRiskDashboard(deps: Deps, siteId: string): Promise<RiskDashboard> {
  const f = await readRiskDashboardFigures(deps.db, siteId, TOP_BUYERS);
  const buckets = Object.fromEntries(RISK_BUCKETS.map((b) => [b, 0])) as Record<RiskBucket, number>;
  let processes = 0;
  let flagged = 0;
  for (const b of f.buckets) {
    if ((RISK_BUCKETS as readonly string[]).includes(b.bucket)) buckets[b.bucket as RiskBucket] += b.processes;
    processes += b.processes;
    flagged += b.flagged;
  }
  const months = new Map<string, Record<string, number>>();
  for (const m of f.byMonth) {
    const byCode = months.get(m.month) ?? {};
    byCode[m.code] = m.n;
    months.set(m.month, byCode);
  }
  return {
    processes,
    flagged,
    buckets,
    byIndicator: Object.entries(f.byIndicator)
      .map(([code, n]) => ({ code, processes: n }))
      .sort((a, b) => b.processes - a.processes || (a.code < b.code ? -1 : 1)),
    // Months without flags are shown as zero, not dropped.
    byMonth: fillPeriods(
      [...months].map(([month, byCode]) => ({ month, byCode, total: Object.values(byCode).reduce((sum, n) => sum + n, 0) })),
      { unit: 'month', key: (m) => m.month, empty: (month) => ({ month, byCode: {}, total: 0 }) },
    ),
    topBuyers: f.topBuyers.map((b) => ({ ...b, name: b.name ?? b.id, score: Math.round(b.score * 1e9) / 1e9 })),
  };
}

/** A process as its public page shows it; triage and its history only for auditors. */
export interface ProcessRiskView {
  summary: ProcessSummary;
  flags: Record<string, number>;
  score: number;
  bucket: RiskBucket;
  feedback: RiskFeedbackRow[];
  triage: RiskTriageRow | null;
  /** The audit's outcome once an auditor published it (for everyone); null before. */
  publishedAudit: PublishedAudit | null;
  events: RiskTriageEventRow[];
  canTriage: boolean;
  /** Auditors: each later version of the compiled release and the fields it changed (version 1, the first release, is left out). */
  history: { version: number; releaseDate: string | null; changes: { path: string; before?: unknown; after?: unknown }[] }[];
}

/** What the public learns of an audit once its outcome is published. */
export interface PublishedAudit {
  outcome: 'violation' | 'no_violation';
  note: string | null;
  closedAt: Date | null;
  publishedAt: Date;
}

/** The public part of a triage row: its outcome when published, else nothing (unpublished audit work stays with the auditors). */
export function publicAudit(triage: RiskTriageRow | null): PublishedAudit | null {
  if (!triage?.publishedAt || !triage.outcome) return null;
  return { outcome: triage.outcome, note: triage.note, closedAt: triage.closedAt, publishedAt: triage.publishedAt };
}

/** One process with its flags, score, published feedback, its published audit outcome and (auditors) its triage. */
export async function getProcessRiskView(deps: Deps, siteId: string, actor: Actor, ocid: string): Promise<ProcessRiskView> {
  const row = await getRiskAssessment(deps.db, siteId, ocid);
  if (!row) throw notFound('Contracting process');
  const canTriage = isAllowed(deps.permissions, actor, TRIAGE_PERMISSION);
  const [feedback, triage, events, processHistory] = await Promise.all([
    listFeedback(deps.db, siteId, { ocid, status: 'published' }),
    getTriage(deps.db, siteId, ocid),
    canTriage ? listTriageEvents(deps.db, siteId, ocid) : [],
    canTriage ? getProcessHistory(deps.db, siteId, ocid) : null,
  ]);
  const history = (processHistory?.versions ?? [])
    .filter((v) => v.version > 1)
    .map((v) => ({ version: v.version, releaseDate: v.releaseDate, changes: v.changes }));
  return {
    summary: row.summary,
    flags: row.flags,
    score: row.score,
    bucket: readBucket(row.bucket),
    feedback,
    triage: canTriage ? triage : null,
    publishedAudit: publicAudit(triage),
    events,
    canTriage,
    history,
  };
}

/** A stored bucket (text column) as a bucket. */
export function readBucket(bucket: string): RiskBucket {
  return (RISK_BUCKETS as readonly string[]).includes(bucket) ? (bucket as RiskBucket) : 'low';
}

/** A profile with one page of its processes. */
export interface PartyProfilePage extends PartyProfile {
  /** Cursor of the next page of processes, or null on the last. */
  nextCursor: string | null;
}

/** Processes per profile page; counterparts shown. */
const PROFILE_PAGE = 50;
const PROFILE_COUNTERPARTS = 50;

/**
 * A buyer's or supplier's public profile, aggregated in SQL over the stored assessments (totals,
 * win rate, flags per month, the most frequent counterparts) with one page of its processes, newest
 * first (`cursor` from the previous page). Not found when it takes part in none.
 */
export async function getPartyProfile(
  deps: Deps,
  siteId: string,
  role: 'buyer' | 'supplier',
  id: string,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<PartyProfilePage> {
  const limit = Math.max(1, Math.min(opts.limit ?? PROFILE_PAGE, 200));
  let after: { date: string; ocid: string } | undefined;
  if (opts.cursor) {
    const [date, ocid] = decodeCursor(opts.cursor, 2);
    if (typeof date !== 'string' || typeof ocid !== 'string') throw invalidInput({ cursor: 'not a cursor issued by this API' });
    after = { date, ocid };
  }
  const [figures, rows] = await Promise.all([
    readPartyFigures(deps.db, siteId, role, id, PROFILE_COUNTERPARTS),
    listPartyProcesses(deps.db, siteId, role, id, { after, limit: limit + 1 }),
  ]);
  if (figures.participated === 0 || figures.name === null) throw notFound(role === 'buyer' ? 'Buyer' : 'Supplier');
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    id,
    name: figures.name,
    role,
    processes: page.map((r) => ({ ...r.summary, flags: r.flags })),
    participated: figures.participated,
    wins: figures.wins,
    winRate: figures.wins / figures.participated,
    flagsByMonth: fillPeriods(figures.byMonth, { unit: 'month', key: (m) => m.month, empty: (month) => ({ month, flags: 0, processes: 0 }) }),
    partners: figures.partners,
    competitors: figures.competitors,
    nextCursor: rows.length > limit && last ? encodeCursor([last.date ?? '', last.ocid]) : null,
  };
}
