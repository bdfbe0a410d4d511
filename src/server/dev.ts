import { createServer as createHttpServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { ModuleManifest } from '../db/context.js';
import type { Env } from '../kernel/env.js';
import { createApp } from './app.js';
import { buildDeps } from './deps.js';
import { ensureDemoSite } from './seed.js';
import { startWorker } from './worker.js';

/**
 * `npm run dev`: the same Hono app, with pages served through Vite in middleware mode so page
 * code reloads on change (hot module replacement) without a build.
 */
export async function startDevServer(env: Env, manifests: ModuleManifest[]): Promise<void> {
  const { createServer } = await import('vite');
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom' });
  const { deps } = await buildDeps(env, manifests);
  await ensureDemoSite(deps, manifests);
  const app = createApp({
    deps,
    manifests,
    pages: async (request, context) => {
      const build = (await vite.ssrLoadModule('virtual:react-router/server-build')) as ServerBuild;
      // Vite serves the islands script from its source, transformed on request.
      return createRequestHandler(build, 'development')(request, { ...context, islands: '/src/web/islands/entry.ts' });
    },
  });
  startWorker(deps, manifests);
  const listener = getRequestListener(app.fetch);
  const server = createHttpServer((req, res) => vite.middlewares(req, res, () => void listener(req, res)));
  server.listen(env.PORT, env.HOST, () => deps.log.info('polity dev server ready', { url: `http://localhost:${env.PORT}` }));
}
