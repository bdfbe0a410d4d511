import { serve, type ServerType } from '@hono/node-server';
import type { Deps, ModuleManifest } from '../db/context.js';
import type { Env } from '../kernel/env.js';
import { createApp } from './app.js';
import { createLimitedServer } from './connection-limits.js';
import { buildDeps } from './deps.js';
import { loadPageHandler } from './pages.js';
import { ensureDemoSite } from './seed.js';
import { mountStaticAssets } from './static.js';
import { startWorker } from './worker.js';

export interface RunningServer {
  port: number;
  deps: Deps;
  stop(): Promise<void>;
}

/**
 * Starts Polity: migrations, optional demo content, the HTTP server and (for the one-machine
 * setup) an in-process worker. SIGINT/SIGTERM stop it gracefully: /readyz turns 503, the server
 * stops accepting, in-flight requests and the current job finish, then the database closes.
 */
export async function startServer(
  env: Env,
  manifests: ModuleManifest[],
  opts: { demo?: boolean; worker?: boolean; handleSignals?: boolean; deps?: Awaited<ReturnType<typeof buildDeps>> } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const built = opts.deps ?? (await buildDeps(env, manifests));
  const { deps } = built;
  let ready = false;
  let worker: ReturnType<typeof startWorker> | null = null;
  let server: ServerType;
  try {
    if (opts.demo) await ensureDemoSite(deps, manifests);
    const pages = await loadPageHandler();
    if (!pages) deps.log.warn('pages are not built: run `npm run build` (the API works without them)');
    const app = createApp({ deps, manifests, pages: pages ?? undefined, assets: mountStaticAssets, isReady: () => ready });
    worker = opts.worker ? startWorker(deps, manifests) : null;
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST, createServer: createLimitedServer(env) as never }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    // A server that cannot start (port taken, demo seed failing) closes its database, which
    // releases the data folder's lock for the next attempt.
    await worker?.stop();
    if (!opts.deps) await built.close();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  ready = true;
  deps.log.info('polity ready', { url: `http://localhost:${port}`, database: built.database.kind, ms: Math.round(performance.now() - started) });

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      ready = false;
      deps.log.info('shutting down');
      const timer = setTimeout(() => {
        deps.log.warn('shutdown timed out; closing connections');
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }, env.SHUTDOWN_TIMEOUT_MS);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await worker?.stop();
      clearTimeout(timer);
      await built.close();
      deps.log.info('stopped');
    })());
  if (opts.handleSignals) {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop().then(() => process.exit(0)));
  }
  return { port, deps, stop };
}
