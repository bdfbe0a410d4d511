import { index, route, type RouteConfig } from '@react-router/dev/routes';
import { manifests } from '../server/modules.js';

/** Page routes: the shell's own, then each module's, from the manifests. */
export default [
  index('pages/home.tsx'),
  route('developers/api', 'pages/api-reference.tsx'),
  route('set-language', 'pages/set-language.tsx'),
  route('admin', 'pages/admin.tsx'),
  route('open-data', 'pages/open-data.tsx'),
  ...manifests.flatMap((m) => (m.pages ?? []).map((p) => route(p.path, p.file, { id: p.id ?? `${m.id}:${p.path}` }))),
  route('*', 'pages/not-found.tsx'),
] satisfies RouteConfig;
