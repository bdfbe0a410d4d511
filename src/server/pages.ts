import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { PageHandler } from './app.js';

/** Where `react-router build` writes the server bundle. */
export const SERVER_BUILD = fileURLToPath(new URL('../../build/server/index.js', import.meta.url));

/** Loads the built pages; null when `npm run build` has not run (the API still works). */
export async function loadPageHandler(): Promise<PageHandler | null> {
  if (!existsSync(SERVER_BUILD)) return null;
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  return (request, context) => handler(request, context);
}
