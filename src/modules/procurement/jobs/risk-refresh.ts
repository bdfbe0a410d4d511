import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { enqueueJob, type JobRow } from '../../../db/jobs.js';
import { jobs } from '../../../db/tables.js';
import type { Clock } from '../../../kernel/clock.js';
import { refreshRiskAssessments } from '../commands/risk-refresh.js';

/** The job kind that re-assesses a site's processes after an ingest or a settings change; no payload. */
export const RISK_REFRESH_JOB = 'procurement.risk.refresh';

/**
 * Queues a re-assessment of the site (call in the transaction that changed its processes or
 * settings, so the job exists exactly when the change does). A job already waiting covers this
 * change too (it reads every change made before it runs), so none is added then.
 */
export async function scheduleRiskRefresh(db: Db, clock: Clock, siteId: string): Promise<void> {
  const [waiting] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, RISK_REFRESH_JOB), eq(jobs.siteId, siteId), eq(jobs.status, 'queued')))
    .limit(1);
  if (!waiting) await enqueueJob(db, clock, { kind: RISK_REFRESH_JOB, siteId, maxAttempts: 5 });
}

/** The job: refreshes the site's risk assessments (a no-op when nothing changed since the last run). */
export async function runRiskRefreshJob(deps: Deps, job: JobRow): Promise<void> {
  if (!job.siteId) throw new Error('risk refresh job without siteId');
  await refreshRiskAssessments(deps, job.siteId);
}
