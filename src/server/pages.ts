import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { PageHandler } from './app.js';

/** Where `react-router build` writes the server bundle. */
export const SERVER_BUILD = fileURLToPath(new URL('../../build/server/index.js', import.meta.url));

/** Where the islands build (vite.islands.config.ts) writes its manifest. */
const ISLANDS_MANIFEST = fileURLToPath(new URL('../../build/client/.vite/islands-manifest.json', import.meta.url));

/** The islands script's URL in the build (`/assets/islands-<hash>.js`), or null when it was not built. */
export function builtIslandsScript(): string | null {
  if (!existsSync(ISLANDS_MANIFEST)) return null;
  const manifest = JSON.parse(readFileSync(ISLANDS_MANIFEST, 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  return entry ? `/${entry.file}` : null;
}

/** Loads the built pages; null when `npm run build` has not run (the API still works). */
export async function loadPageHandler(): Promise<PageHandler | null> {
  if (!existsSync(SERVER_BUILD)) return null;
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  const islands = builtIslandsScript();
  return (request, context) => handler(request, { ...context, islands });
}
