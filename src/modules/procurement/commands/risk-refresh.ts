import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { assessProcesses } from '../core/risk-process.js';
import { listCompiledReleases } from '../store/releases.js';
import { getRiskRun, replaceRiskAssessments } from '../store/risk.js';

/** What a risk run did. */
export interface RiskRefreshResult {
  /** False when no process changed since the last run (nothing recomputed). */
  ran: boolean;
  processes: number;
  flagged: number;
}

const PAGE = 1000;

/**
 * Recomputes every process's flags (Cardinal's indicators and the ProZorro-derived rules) over the
 * site's compiled releases when any process changed since the last run (or `force`). The run is
 * whole-site because fences (R024, R025, R038, R048, R058) and splitting (PZ06) read every process.
 * Replaces the assessments in one transaction.
 */
export async function refreshRiskAssessments(deps: Deps, siteId: string, opts: { force?: boolean } = {}): Promise<RiskRefreshResult> {
  const run = await getRiskRun(deps.db, siteId);
  if (run && !opts.force) {
    const changed = await listCompiledReleases(deps.db, siteId, { after: run.lastChangeSeq, limit: 1 });
    if (changed.length === 0) return { ran: false, processes: run.processes, flagged: run.flagged };
  }
  const releases: Record<string, unknown>[] = [];
  let last = 0;
  for (;;) {
    const page = await listCompiledReleases(deps.db, siteId, { after: last === 0 ? undefined : last, limit: PAGE });
    for (const item of page) releases.push(item.compiled);
    if (page.length < PAGE) {
      if (page.length > 0) last = page[page.length - 1].changeSeq;
      break;
    }
    last = page[page.length - 1].changeSeq;
  }
  if (run && last === 0) last = run.lastChangeSeq;
  const assessedAt = deps.clock.now();
  const rows = assessProcesses(releases).map((a) => {
    const { ocid, flags, ...summary } = a;
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
      assessedAt,
    };
  });
  // One writer per site at a time: a concurrent run waits here, then replaces the rows again.
  await inTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'procurement-risk:' + siteId}))`);
    await replaceRiskAssessments(tx, siteId, rows, { lastChangeSeq: last, assessedAt });
  });
  return { ran: true, processes: rows.length, flagged: rows.filter((r) => r.flagCount > 0).length };
}
