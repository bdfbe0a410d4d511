import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { notFound } from '../../../kernel/errors.js';
import { isAllowed } from '../../../kernel/policy.js';
import type { ProcessSummary } from '../core/risk-process.js';
import { computePartyProfile, computeRiskDashboard, type PartyProfile, type RiskDashboard } from '../core/risk-profile.js';
import { bucketRiskScore, computeRiskScore, type RiskBucket } from '../core/risk-score.js';
import { getProcessHistory } from '../store/releases.js';
import { getRiskAssessment, getTriage, listFeedback, listRiskAssessments, listTriageEvents } from '../store/risk.js';
import type { RiskFeedbackRow, RiskTriageEventRow, RiskTriageRow } from '../store/risk-tables.js';
import { refreshRiskAssessments } from './risk-refresh.js';
import { TRIAGE_PERMISSION } from './risk-triage.js';
import { getRiskWeights } from './risk-weights.js';

/** The risk dashboard (public): buckets, flags by indicator and month, top buyers. */
export async function getRiskDashboard(deps: Deps, siteId: string): Promise<RiskDashboard> {
  await refreshRiskAssessments(deps, siteId);
  const [rows, weights] = await Promise.all([listRiskAssessments(deps.db, siteId), getRiskWeights(deps, siteId)]);
  return computeRiskDashboard(
    rows.map((r) => ({ ...r.summary, flags: r.flags })),
    weights,
  );
}

/** A process as its public page shows it; triage and its history only for auditors. */
export interface ProcessRiskView {
  summary: ProcessSummary;
  flags: Record<string, number>;
  score: number;
  bucket: RiskBucket;
  feedback: RiskFeedbackRow[];
  triage: RiskTriageRow | null;
  events: RiskTriageEventRow[];
  canTriage: boolean;
  /** Auditors: each later version of the compiled release and the fields it changed (version 1, the first release, is left out). */
  history: { version: number; releaseDate: string | null; changes: { path: string; before?: unknown; after?: unknown }[] }[];
}

/** One process with its flags, score, published feedback and (auditors) its triage. */
export async function getProcessRiskView(deps: Deps, siteId: string, actor: Actor, ocid: string): Promise<ProcessRiskView> {
  await refreshRiskAssessments(deps, siteId);
  const row = await getRiskAssessment(deps.db, siteId, ocid);
  if (!row) throw notFound('Contracting process');
  const weights = await getRiskWeights(deps, siteId);
  const score = computeRiskScore(Object.keys(row.flags), weights);
  const canTriage = isAllowed(deps.permissions, actor, TRIAGE_PERMISSION);
  const [feedback, triage, events, processHistory] = await Promise.all([
    listFeedback(deps.db, siteId, { ocid, status: 'published' }),
    canTriage ? getTriage(deps.db, siteId, ocid) : null,
    canTriage ? listTriageEvents(deps.db, siteId, ocid) : [],
    canTriage ? getProcessHistory(deps.db, siteId, ocid) : null,
  ]);
  const history = (processHistory?.versions ?? [])
    .filter((v) => v.version > 1)
    .map((v) => ({ version: v.version, releaseDate: v.releaseDate, changes: v.changes }));
  return { summary: row.summary, flags: row.flags, score, bucket: bucketRiskScore(score), feedback, triage, events, canTriage, history };
}

/** A buyer's or supplier's public profile over the site's processes; not found when it takes part in none. */
export async function getPartyProfile(deps: Deps, siteId: string, role: 'buyer' | 'supplier', id: string): Promise<PartyProfile> {
  await refreshRiskAssessments(deps, siteId);
  const rows = await listRiskAssessments(deps.db, siteId);
  const profile = computePartyProfile(
    rows.map((r) => ({ ...r.summary, flags: r.flags })),
    id,
    role,
  );
  if (!profile) throw notFound(role === 'buyer' ? 'Buyer' : 'Supplier');
  return profile;
}
