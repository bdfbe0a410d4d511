import type { Deps, ModuleManifest } from '../db/context.js';
import { claimJob, completeJob, extendLease, failJob, type JobRow } from '../db/jobs.js';
import { newToken } from '../kernel/ids.js';

const LEASE_MS = 60_000;

type Handler = (deps: Deps, job: JobRow) => Promise<void>;

/** The job handlers of all manifests by kind. */
export function collectJobHandlers(manifests: ModuleManifest[]): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const m of manifests) for (const [kind, h] of Object.entries(m.jobs ?? {})) handlers.set(kind, h);
  return handlers;
}

/** Runs one claimed job; a throw or an unknown kind is recorded as a failure and retried later. */
async function runJob(deps: Deps, handlers: Map<string, Handler>, job: JobRow, workerId: string): Promise<void> {
  const heartbeat = setInterval(() => void extendLease(deps.db, deps.clock, job.id, workerId, LEASE_MS).catch(() => {}), LEASE_MS / 3);
  try {
    const handler = handlers.get(job.kind);
    if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
    await handler(deps, job);
    await completeJob(deps.db, deps.clock, job.id, workerId);
  } catch (error) {
    deps.log.warn('job failed', { jobId: job.id, kind: job.kind, attempts: job.attempts, err: error });
    await failJob(deps.db, deps.clock, job, workerId, error instanceof Error ? error.message : String(error));
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs due jobs until none is left; returns how many ran. Tests use it to drain the queue. */
export async function runDueJobs(deps: Deps, manifests: ModuleManifest[], max = 1000): Promise<number> {
  const handlers = collectJobHandlers(manifests);
  const workerId = `drain-${newToken(6)}`;
  let n = 0;
  for (; n < max; n++) {
    const job = await claimJob(deps.db, deps.clock, workerId, LEASE_MS);
    if (!job) break;
    await runJob(deps, handlers, job, workerId);
  }
  return n;
}

/** A polling worker; `stop()` lets the current job finish, then resolves. */
export function startWorker(deps: Deps, manifests: ModuleManifest[], pollMs = deps.env.WORKER_POLL_MS): { stop(): Promise<void> } {
  const handlers = collectJobHandlers(manifests);
  const workerId = `worker-${process.pid}-${newToken(6)}`;
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopping) {
      let job: JobRow | null = null;
      try {
        job = await claimJob(deps.db, deps.clock, workerId, LEASE_MS);
      } catch (error) {
        deps.log.error('worker could not claim a job', { err: error });
      }
      if (job) {
        await runJob(deps, handlers, job, workerId);
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  })();
  deps.log.info('worker started', { workerId });
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
