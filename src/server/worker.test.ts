import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../db/context.js';
import { claimJob, enqueueJob, retryDelayMs } from '../db/jobs.js';
import { jobs } from '../db/tables.js';
import { createTestContext, testDatabases, type TestContext } from './testing.js';
import { runDueJobs, startWorker } from './worker.js';

describe.each(testDatabases())('jobs on %s', (kind) => {
  let t: TestContext;
  const ran: string[] = [];
  let failuresLeft = 0;
  const testModule: ModuleManifest = {
    id: 'test-jobs',
    jobs: {
      'test.record': async (_deps, job) => {
        ran.push(String(job.payload.name));
      },
      'test.flaky': async (_deps, job) => {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error('boom');
        }
        ran.push(String(job.payload.name));
      },
      'test.slow': async (_deps, job) => {
        ran.push(`start:${job.payload.name}`);
        await new Promise((r) => setTimeout(r, 150));
        ran.push(`end:${job.payload.name}`);
      },
    },
  };
  beforeAll(async () => {
    t = await createTestContext(kind, { manifests: [testModule] });
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await t.deps.db.select().from(jobs).where(eq(jobs.id, id)))[0];

  it('runs a due job once and marks it done', async () => {
    ran.length = 0;
    const id = await enqueueJob(t.deps.db, t.clock, { kind: 'test.record', payload: { name: 'a' } });
    expect(await runDueJobs(t.deps, t.manifests)).toBe(1);
    expect(await runDueJobs(t.deps, t.manifests)).toBe(0);
    expect(ran).toEqual(['a']);
    expect((await status(id)).status).toBe('done');
  });

  it('does not run a job before its time', async () => {
    ran.length = 0;
    await enqueueJob(t.deps.db, t.clock, { kind: 'test.record', payload: { name: 'later' }, runAt: new Date(t.clock.now().getTime() + 60_000) });
    expect(await runDueJobs(t.deps, t.manifests)).toBe(0);
    t.clock.advance(61_000);
    expect(await runDueJobs(t.deps, t.manifests)).toBe(1);
    expect(ran).toEqual(['later']);
  });

  it('retries a failing job with back-off and never loses it', async () => {
    ran.length = 0;
    failuresLeft = 2;
    const id = await enqueueJob(t.deps.db, t.clock, { kind: 'test.flaky', payload: { name: 'f' } });
    await runDueJobs(t.deps, t.manifests);
    let row = await status(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe('boom');
    expect(row.runAt.getTime() - t.clock.now().getTime()).toBe(retryDelayMs(1));
    t.clock.advance(retryDelayMs(1));
    await runDueJobs(t.deps, t.manifests);
    t.clock.advance(retryDelayMs(2));
    await runDueJobs(t.deps, t.manifests);
    row = await status(id);
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(3);
    expect(ran).toEqual(['f']);
  });

  it('gives up after the last attempt and keeps the job as failed', async () => {
    failuresLeft = 99;
    const id = await enqueueJob(t.deps.db, t.clock, { kind: 'test.flaky', payload: { name: 'x' }, maxAttempts: 2 });
    await runDueJobs(t.deps, t.manifests);
    t.clock.advance(retryDelayMs(1));
    await runDueJobs(t.deps, t.manifests);
    const row = await status(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(2);
    failuresLeft = 0;
  });

  it('gives a crashed worker’s job to another worker only after its lease runs out', async () => {
    const id = await enqueueJob(t.deps.db, t.clock, { kind: 'test.record', payload: { name: 'crash' } });
    const first = await claimJob(t.deps.db, t.clock, 'worker-that-dies', 1000);
    expect(first?.id).toBe(id);
    // While the lease holds, no one else may take it: never run twice concurrently.
    expect(await claimJob(t.deps.db, t.clock, 'other', 1000)).toBeNull();
    t.clock.advance(1001);
    const again = await claimJob(t.deps.db, t.clock, 'other', 1000);
    expect(again?.id).toBe(id);
    expect(again?.attempts).toBe(2);
  });

  it('lets two polling workers share the queue without running a job twice', async () => {
    ran.length = 0;
    for (let i = 0; i < 6; i++) await enqueueJob(t.deps.db, t.clock, { kind: 'test.slow', payload: { name: `s${i}` } });
    const w1 = startWorker(t.deps, t.manifests, 10);
    const w2 = startWorker(t.deps, t.manifests, 10);
    for (let i = 0; i < 100 && ran.filter((r) => r.startsWith('end:')).length < 6; i++) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([w1.stop(), w2.stop()]);
    const starts = ran.filter((r) => r.startsWith('start:'));
    expect(starts).toHaveLength(6);
    expect(new Set(starts).size).toBe(6);
  });
});
