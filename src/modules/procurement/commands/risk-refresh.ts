import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { startAssessmentRun, type ProcessAssessment } from '../core/risk-process.js';
import { bucketRiskScore, computeRiskScore } from '../core/risk-score.js';
import { resolveRiskSettings, toProzorroRuleSettings, type RiskSettings } from '../core/risk-settings.js';
import { listCompiledReleases } from '../store/releases.js';
import { getRiskRun, getRiskSettingsRow, listStoredFlags, writeRiskAssessments } from '../store/risk.js';
import type { RiskAssessmentRow } from '../store/risk-tables.js';

/** What a risk run did. */
export interface RiskRefreshResult {
  /** False when neither a process nor the settings changed since the last run (nothing recomputed). */
  ran: boolean;
  processes: number;
  flagged: number;
  /** Assessments written (new, changed flags, or their process changed); all of them after a settings change. */
  written: number;
}

const PAGE = 1000;

function sameFlags(a: Record<string, number> | undefined, b: Record<string, number>): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** The row of one assessment under the site's settings. */
export function toAssessmentRow(a: ProcessAssessment, settings: RiskSettings, assessedAt: Date): Omit<RiskAssessmentRow, 'siteId'> {
  const { ocid, flags, ...summary } = a;
  const score = computeRiskScore(Object.keys(flags), settings.weights);
  return {
    ocid,
    summary: { ocid, ...summary },
    flags: flags as Record<string, number>,
    flagCount: Object.keys(flags).length,
    buyerId: summary.buyer?.id ?? null,
    region: summary.region,
    value: summary.value,
    currency: summary.currency,
    date: summary.date,
    score,
    bucket: bucketRiskScore(score, settings.buckets),
    supplierIds: summary.suppliers.map((s) => s.id),
    tendererIds: summary.tenderers.map((t) => t.id),
    assessedAt,
  };
}

/**
 * Recomputes the flags (Cardinal's indicators and the ProZorro-derived rules, with the site's
 * thresholds), scores and buckets (the site's weights and cut-offs) when a process or the site's
 * settings changed since the last run (or `force`). The computation reads every compiled release of
 * the site, a page at a time, because fences (R024, R025, R038, R048, R058) and splitting (PZ06)
 * compare processes with each other; it writes only the assessments that changed: processes
 * changed since the last run and processes whose flags moved (a fence shifted), or every one after a
 * settings change. Runs as the RISK_REFRESH_JOB queued by ingests and settings changes.
 */
export async function refreshRiskAssessments(deps: Deps, siteId: string, opts: { force?: boolean } = {}): Promise<RiskRefreshResult> {
  const [run, stored] = await Promise.all([getRiskRun(deps.db, siteId), getRiskSettingsRow(deps.db, siteId)]);
  const settingsVersion = stored?.version ?? 0;
  const settingsChanged = !run || run.settingsVersion !== settingsVersion;
  if (run && !opts.force && !settingsChanged) {
    const changed = await listCompiledReleases(deps.db, siteId, { after: run.lastChangeSeq, limit: 1 });
    if (changed.length === 0) return { ran: false, processes: run.processes, flagged: run.flagged, written: 0 };
  }
  const settings = resolveRiskSettings(stored?.settings);
  const assessment = startAssessmentRun({ rules: toProzorroRuleSettings(settings) });
  const touched = new Set<string>();
  let last = 0;
  for (;;) {
    const page = await listCompiledReleases(deps.db, siteId, { after: last === 0 ? undefined : last, limit: PAGE });
    for (const item of page) {
      assessment.add(item.compiled);
      if (!run || item.changeSeq > run.lastChangeSeq) touched.add(item.ocid);
    }
    if (page.length > 0) last = page[page.length - 1].changeSeq;
    if (page.length < PAGE) break;
  }
  if (run && last === 0) last = run.lastChangeSeq;
  const assessedAt = deps.clock.now();
  const assessed = assessment.finish();
  // One writer per site at a time: a concurrent run waits here, then compares with what the first wrote.
  return inTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'procurement-risk:' + siteId}))`);
    // A run that read more (it started later) has already written: this one's view is older, keep that one's.
    const latest = await getRiskRun(tx, siteId);
    if (latest && (latest.lastChangeSeq > last || latest.settingsVersion > settingsVersion))
      return { ran: false, processes: latest.processes, flagged: latest.flagged, written: 0 };
    const before = await listStoredFlags(tx, siteId);
    const rewriteAll = settingsChanged || opts.force === true;
    const rows = assessed
      .filter((a) => rewriteAll || touched.has(a.ocid) || !sameFlags(before.get(a.ocid), a.flags as Record<string, number>))
      .map((a) => toAssessmentRow(a, settings, assessedAt));
    const present = new Set(assessed.map((a) => a.ocid));
    const removed = [...before.keys()].filter((ocid) => !present.has(ocid));
    const totals = await writeRiskAssessments(tx, siteId, rows, removed, { lastChangeSeq: last, settingsVersion, assessedAt });
    return { ran: true, ...totals, written: rows.length };
  });
}
