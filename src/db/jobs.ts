import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { rowsOf, type Db } from './connection.js';
import { jobs } from './tables.js';

export type JobRow = typeof jobs.$inferSelect;

/** Puts a job on the queue, to run at `runAt` (now by default). */
export async function enqueueJob(
  db: Db,
  clock: Clock,
  job: { kind: string; siteId?: string | null; payload?: Record<string, unknown>; runAt?: Date; maxAttempts?: number },
): Promise<string> {
  const [id] = await enqueueJobs(db, clock, [job]);
  return id;
}

/** Queues several jobs in one statement (one round trip, e.g. inside a busy transaction); returns their ids in order. */
export async function enqueueJobs(
  db: Db,
  clock: Clock,
  list: { kind: string; siteId?: string | null; payload?: Record<string, unknown>; runAt?: Date; maxAttempts?: number }[],
): Promise<string[]> {
  if (list.length === 0) return [];
  const now = clock.now();
  const rows = list.map((job) => ({
    id: newId(),
    siteId: job.siteId ?? null,
    kind: job.kind,
    payload: job.payload ?? {},
    status: 'queued' as const,
    runAt: job.runAt ?? now,
    maxAttempts: job.maxAttempts ?? 8,
    createdAt: now,
  }));
  await db.insert(jobs).values(rows);
  return rows.map((r) => r.id);
}

/**
 * Claims the next due job for `workerId` with a lease of `leaseMs`. A running job whose lease has
 * run out (its worker died) is due again. SKIP LOCKED lets many workers poll without waiting on
 * each other.
 */
export async function claimJob(db: Db, clock: Clock, workerId: string, leaseMs: number): Promise<JobRow | null> {
  const now = clock.now();
  const until = new Date(now.getTime() + leaseMs);
  const rows = await db.execute(sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${workerId}, locked_until = ${until.toISOString()}
    WHERE id = (
      SELECT id FROM jobs
      WHERE (status = 'queued' AND run_at <= ${now.toISOString()})
         OR (status = 'running' AND locked_until < ${now.toISOString()})
      ORDER BY run_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  const id = rowsOf<{ id: string }>(rows)[0]?.id;
  if (!id) return null;
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** Extends the lease of a job this worker holds, so a long job is not taken by another worker. */
export async function extendLease(db: Db, clock: Clock, jobId: string, workerId: string, leaseMs: number): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: new Date(clock.now().getTime() + leaseMs) })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
}

/** Marks a job done. */
export async function completeJob(db: Db, clock: Clock, jobId: string, workerId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: clock.now(), lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId)));
}

/** Back-off before attempt n+1: 2^n seconds, capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 1000 * 2 ** attempts);
}

/** Records a failure: requeued with back-off, or failed for good after its last attempt. */
export async function failJob(db: Db, clock: Clock, job: JobRow, workerId: string, error: string): Promise<void> {
  const dead = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: dead ? 'failed' : 'queued',
      runAt: new Date(clock.now().getTime() + retryDelayMs(job.attempts)),
      lastError: error.slice(0, 4000),
      lockedBy: null,
      lockedUntil: null,
      finishedAt: dead ? clock.now() : null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}
