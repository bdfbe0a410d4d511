import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv, ModuleManifest } from '../db/context.js';
import { newToken } from '../kernel/ids.js';
import pageRoutes from '../web/routes.js';
import { CSRF_COOKIE, LOCALE_COOKIE } from './app.js';
import { loadPageHandler } from './pages.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from './testing.js';
import { SESSION_COOKIE } from '../modules/accounts/index.js';

/**
 * The one input rule, walked over every route of every manifest: a NUL byte (`%00`) in a path
 * parameter, a query parameter or a JSON/form/multipart field gets 400 `invalid_input` naming
 * where it was, never a 500, for a visitor and for a signed-in admin with a valid CSRF token.
 */

interface Route {
  method: string;
  path: string;
  kind: 'api' | 'root' | 'page';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The routes a manifest registers (`api` under /api/v1, `routes` at the root), read from a fresh app. */
function registered(manifest: ModuleManifest, part: 'api' | 'routes'): Route[] {
  const register = manifest[part];
  if (!register) return [];
  const app = new OpenAPIHono<AppEnv>();
  register(app);
  return app.routes
    .filter((r) => r.method !== 'ALL') // middleware, not routes
    .map((r) => ({ method: r.method, path: (part === 'api' ? '/api/v1' : '') + r.path, kind: part === 'api' ? 'api' : 'root' }));
}

/** Every page route of src/web/routes.ts, with GET and (for actions) POST. */
function pages(): Route[] {
  return (pageRoutes as { path?: string; index?: boolean }[]).flatMap((r) => {
    const path = r.index ? '/' : `/${r.path}`;
    return [
      { method: 'GET', path, kind: 'page' as const },
      { method: 'POST', path, kind: 'page' as const },
    ];
  });
}

/** Fills each `:param` (with or without a pattern) and `*` of a route with `value`. */
function fill(path: string, value: string): string {
  return path.replace(/:[A-Za-z0-9_]+(\{(?:[^{}]|\{[^}]*\})*\})?\??/g, value).replace(/\*/g, value);
}

describe.each(testDatabases())('the input rule on every route on %s', (kind) => {
  let t: TestContext;
  let routes: Route[];
  let uploadPaths: RegExp[];
  let streamedPaths: RegExp[];
  beforeAll(async () => {
    const handler = await loadPageHandler();
    if (!handler) throw new Error('The pages are not built: run `npm run build` (npm test does it first).');
    t = await createTestContext(kind, { pages: handler });
    const all = [...t.manifests.flatMap((m) => [...registered(m, 'api'), ...registered(m, 'routes')]), ...pages()];
    // A validated OpenAPI route is listed twice (validator, handler); walk it once.
    routes = [...new Map(all.map((r) => [`${r.method} ${r.path}`, r])).values()];
    const declared = t.manifests.flatMap((m) => m.bodyRoutes ?? []);
    const pattern = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
    uploadPaths = declared.map((r) => pattern(r.path));
    streamedPaths = declared.filter((r) => r.streamed).map((r) => pattern(r.path));
  }, 120_000);
  afterAll(() => t?.close());

  it('finds the routes of every manifest', () => {
    for (const m of t.manifests)
      if (m.api)
        expect(
          routes.some((r) => r.kind === 'api'),
          m.id,
        ).toBe(true);
    expect(routes.filter((r) => r.kind === 'api').length).toBeGreaterThan(100);
    expect(routes.some((r) => r.path === '/open311/v2/requests.:format{json|xml}' || r.path.startsWith('/open311/'))).toBe(true);
    expect(routes.some((r) => r.path === '/service-requests/new' && r.method === 'POST')).toBe(true);
  });

  it('answers a NUL anywhere with a 400 naming where it was, for a visitor and for an admin', async () => {
    const visitor = createClient(t);
    const admin = await signedInClient(t, 'admin');
    const failures: string[] = [];
    let requests = 0;

    const expectField = async (label: string, res: Response, field: string) => {
      requests++;
      const text = await res.text();
      if (res.status !== 400) return void failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
      let fields: Record<string, string> = {};
      try {
        const body = JSON.parse(text) as { error: { code: string; fields: Record<string, string> } } | { code: number; description: string }[];
        // Open311 paths answer in the standard's own shape, one `field: reason` per entry.
        fields = Array.isArray(body)
          ? Object.fromEntries(
              body.map((e) => [e.description.slice(0, e.description.indexOf(': ')), e.description.slice(e.description.indexOf(': ') + 2)]),
            )
          : body.error.fields;
      } catch {
        return void failures.push(`${label}: not the JSON error shape: ${text.slice(0, 120)}`);
      }
      if (!/NUL/.test(fields[field] ?? '')) failures.push(`${label}: fields ${JSON.stringify(fields)} do not name ${field}`);
    };

    for (const [who, c] of [
      ['visitor', visitor],
      ['admin', admin],
    ] as const) {
      const headers = (route: Route, type?: string): Record<string, string> => ({
        ...(type ? { 'content-type': type } : {}),
        ...(UNSAFE.has(route.method) && route.kind === 'api' ? { 'x-csrf-token': c.csrf } : {}),
      });
      const send = (route: Route, path: string, body?: BodyInit, type?: string) =>
        c.request(path, { method: route.method, headers: headers(route, type), body: UNSAFE.has(route.method) ? body : undefined });
      const emptyBody = (route: Route): [string, string] =>
        route.kind === 'api' ? ['{}', 'application/json'] : [`_csrf=${c.csrf}`, 'application/x-www-form-urlencoded'];

      for (const route of routes) {
        const label = `${who} ${route.method} ${route.path}`;
        const valid = fill(route.path, 'demo');
        // In a path parameter.
        if (fill(route.path, 'x') !== route.path) {
          const [body, type] = emptyBody(route);
          await expectField(`${label} (path)`, await send(route, fill(route.path, 'a%00b'), body, type), 'path');
        }
        // In the query string.
        {
          const [body, type] = emptyBody(route);
          await expectField(`${label} (query)`, await send(route, `${valid}?q=a%00b`, body, type), 'q');
        }
        if (!UNSAFE.has(route.method)) continue;
        // In a field of the body, in the form the route takes.
        if (streamedPaths.some((p) => p.test(valid))) {
          // A raw body the route streams itself (an OCDS file): a NUL byte is refused as it passes; a `\u0000` escape inside is the reader's to judge, never a 500.
          // (A visitor is refused before the route reads a byte of it.)
          const raw = await send(route, valid, '{"name":"a\u0000b"}', 'application/json');
          if (who === 'visitor') expect(raw.status, label).toBe(401);
          else await expectField(`${label} (raw)`, raw, 'body');
          const escaped = await send(route, valid, JSON.stringify({ name: 'a\u0000b' }), 'application/json');
          if (escaped.status >= 500) failures.push(`${label} (escaped NUL in a streamed file): ${escaped.status}`);
        } else if (route.kind === 'api') {
          await expectField(`${label} (JSON)`, await send(route, valid, JSON.stringify({ name: 'a\u0000b' }), 'application/json'), 'name');
        } else {
          const form = `_csrf=${encodeURIComponent(c.csrf)}&name=a%00b`;
          await expectField(`${label} (form)`, await send(route, valid, form, 'application/x-www-form-urlencoded'), 'name');
        }
        if (uploadPaths.some((p) => p.test(valid))) {
          const multipart = new FormData();
          multipart.set('_csrf', c.csrf);
          multipart.set('name', 'a\u0000b');
          multipart.set('file', new Blob([new Uint8Array([0, 1, 2, 0])], { type: 'application/octet-stream' }), 'bytes.bin');
          await expectField(`${label} (multipart)`, await send(route, valid, multipart), 'name');
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(400);
  }, 300_000);

  it('answers a NUL in one of Polity’s cookies with a 400 naming the cookie', async () => {
    for (const name of [SESSION_COOKIE, CSRF_COOKIE, LOCALE_COOKIE]) {
      for (const path of ['/api/v1/site', '/sign-in', '/library']) {
        const res = await t.app.request(`http://test.localhost${path}`, {
          headers: { host: 'test.localhost', cookie: `${name}=a%00${newToken(4)}` },
        });
        expect(res.status, `${name} on ${path}`).toBe(400);
        expect((await res.json()).error.fields[name]).toMatch(/NUL/);
      }
    }
  });
});
