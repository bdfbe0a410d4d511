import type { Deps } from '../../../db/context.js';
import { enqueueJob, type JobRow } from '../../../db/jobs.js';
import { findSource, updateSource } from '../store/sources.js';
import { crawlProzorro, type CrawlOptions } from './prozorro-source.js';
import { DEFAULT_RETRY, type RetryPolicy } from './http-fetch.js';
import { pollUrlSource } from './url-source.js';

/** The job kind that polls one live source; payload `{sourceId}`. */
export const POLL_SOURCE_JOB = 'procurement.source.poll';

/** Back-off after `failures` failed runs in a row: 30 s doubled per failure, never longer than the source's interval. */
export function sourceBackoffMs(failures: number, intervalSeconds: number): number {
  return Math.min(intervalSeconds * 1000, 30_000 * 2 ** Math.max(0, failures - 1));
}

/** Queues a poll of the source at `runAt` and makes that job the source's owner (earlier queued polls become no-ops). */
export async function schedulePoll(deps: Deps, siteId: string, sourceId: string, runAt?: Date): Promise<string> {
  const jobId = await enqueueJob(deps.db, deps.clock, { kind: POLL_SOURCE_JOB, siteId, payload: { sourceId }, runAt });
  const source = await findSource(deps.db, siteId, sourceId);
  if (source) await updateSource(deps.db, siteId, sourceId, { state: { ...source.state, jobId } });
  return jobId;
}

/** Overrides for tests and benchmarks: pages per run and the retry policy. */
export interface PollOptions extends CrawlOptions {
  retry?: RetryPolicy;
}

/**
 * The job: runs one poll of a live source (a URL, or ProZorro's feed) and queues the next one, soon
 * when more pages wait, else after the source's interval, or after a growing back-off when the run
 * failed (the error is kept on the source). A job that is not the source's current owner (the source
 * was re-scheduled, disabled or deleted since) does nothing. The source's cursor lives in the
 * database, so a job taken over after a crash (its lease ran out) goes on where the last page ended.
 */
export async function runPollSourceJob(deps: Deps, job: JobRow, opts: PollOptions = {}): Promise<void> {
  const siteId = job.siteId;
  const sourceId = (job.payload as { sourceId?: unknown }).sourceId;
  if (!siteId || typeof sourceId !== 'string') throw new Error('poll job without siteId or sourceId');
  const source = await findSource(deps.db, siteId, sourceId);
  if (!source || !source.enabled || source.kind === 'upload') return;
  if (source.state.jobId && source.state.jobId !== job.id) return;
  let delayMs = source.intervalSeconds * 1000;
  let error: string | null = null;
  try {
    if (source.kind === 'url') await pollUrlSource(deps, siteId, sourceId, opts.retry ?? DEFAULT_RETRY);
    else {
      const r = await crawlProzorro(deps, siteId, sourceId, opts);
      if (r.more) delayMs = 0;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    deps.log.warn('procurement source poll failed', { sourceId, err: e });
  }
  const latest = await findSource(deps.db, siteId, sourceId);
  if (!latest) return;
  const failures = error === null ? 0 : (latest.state.failures ?? 0) + 1;
  if (error !== null) delayMs = sourceBackoffMs(failures, latest.intervalSeconds);
  const now = deps.clock.now();
  const nextJob = await enqueueJob(deps.db, deps.clock, {
    kind: POLL_SOURCE_JOB,
    siteId,
    payload: { sourceId },
    runAt: new Date(now.getTime() + delayMs),
  });
  await updateSource(deps.db, siteId, sourceId, {
    state: { ...latest.state, jobId: nextJob, failures },
    lastError: error,
    lastRunAt: now,
    updatedAt: now,
  });
}
