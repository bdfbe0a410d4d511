import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../db/context.js';

const CLIENT_DIR = fileURLToPath(new URL('../../build/client', import.meta.url));

/** Serves the built client assets; hashed files under /assets are cached for a year. */
export function mountStaticAssets(app: Hono<AppEnv>): void {
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root: CLIENT_DIR }));
  app.use('/favicon.svg', serveStatic({ root: CLIENT_DIR }));
}
