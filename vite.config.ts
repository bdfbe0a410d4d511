import { fileURLToPath } from 'node:url';
import { reactRouter } from '@react-router/dev/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * React Router's package exports only its development build (warnings, invariant messages), and
 * the browser would download it. The client build of a production bundle takes the production
 * build it ships beside it; the server keeps resolving the package normally, so one copy of React
 * Router runs on each side.
 */
function reactRouterProductionClient(): Plugin {
  const dist = (file: string) => fileURLToPath(new URL(`node_modules/react-router/dist/production/${file}`, import.meta.url));
  const targets: Record<string, string> = { 'react-router': dist('index.mjs'), 'react-router/dom': dist('dom-export.mjs') };
  return {
    name: 'polity:react-router-production-client',
    enforce: 'pre',
    apply: 'build',
    resolveId(id, _importer, options) {
      if (options?.ssr) return null;
      return targets[id] ?? null;
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: mode === 'test' ? [] : [reactRouterProductionClient(), reactRouter()],
  build: { target: 'es2022' },
  ssr: { noExternal: [] },
}));
