import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps, ModuleManifest, RequestContext } from '../db/context.js';
import { AppError, httpStatusOf, presentError } from '../kernel/errors.js';
import { isLocale, negotiateLocale } from '../kernel/i18n.js';
import { newId, newToken } from '../kernel/ids.js';
import { fieldErrorsOf } from '../kernel/validation.js';
import { escapeXml } from '../kernel/xml.js';
import { resolveActorFromSession, SESSION_COOKIE } from '../modules/accounts/index.js';
import { resolveSiteMemoized } from '../modules/sites/index.js';
import { messageBundle } from '../web/messages.js';
import { forwardedClient } from './client-address.js';
import { createEventStreamGate } from './event-streams.js';
import { bodyLimitsOf, checkCookies, checkUrl, createBodyRules, guardBody } from './input-guard.js';
import { contentSecurityPolicy, csrfTokenFor, newNonce, sameOrigin, verifyCsrfToken } from './security.js';

export const CSRF_COOKIE = 'polity_csrf';
export const LOCALE_COOKIE = 'polity_locale';

/** Handles page requests (the React Router build); absent in API-only tests. */
export type PageHandler = (
  request: Request,
  context: { deps: Deps; ctx: RequestContext; manifests: ModuleManifest[]; openapi: (origin: string) => unknown },
) => Promise<Response>;

export interface AppOptions {
  deps: Deps;
  manifests: ModuleManifest[];
  pages?: PageHandler;
  /** Answers /readyz: false while starting or shutting down. */
  isReady?: () => boolean;
  /** Mounts static assets (served before any site lookup). */
  assets?: (app: Hono<AppEnv>) => void;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the whole HTTP app from the explicit list of module manifests. */
export function createApp({ deps, manifests, pages, assets, isReady = () => true }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const requestDeps: Deps = { ...deps, manifests };
  const bodyRule = createBodyRules(
    manifests.flatMap((m) => m.bodyRoutes ?? []),
    bodyLimitsOf(deps.env),
  );
  const eventStreams = createEventStreamGate({ max: deps.env.MAX_EVENT_STREAMS, perClient: deps.env.MAX_EVENT_STREAMS_PER_CLIENT });

  const errorShapes = manifests.flatMap((m) => m.errorShapes ?? []);
  app.onError((error, c) => {
    if (error instanceof AppError) {
      // A standard's own error shape where a module speaks one (Open311), even for the edge's refusals.
      const shape = errorShapes.find((s) => c.req.path.startsWith(s.prefix));
      if (shape) return shape.present(error, c.req.path);
      if (typeof error.details.retryAfterSeconds === 'number') c.header('Retry-After', String(error.details.retryAfterSeconds));
      // The rest of a refused body is not read: the connection closes rather than carry it.
      if (error.code === 'payload_too_large') c.header('Connection', 'close');
      return c.json(presentError(error), httpStatusOf(error.code) as 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // The framework's own refusals (malformed JSON, a body too large) in the one error shape.
      const code = error.status === 413 ? 'payload_too_large' : error.status === 415 ? 'unsupported_media_type' : 'bad_request';
      const field: Record<string, string> = /json/i.test(error.message) ? { body: 'is not valid JSON' } : {};
      return c.json(presentError(new AppError(code, error.message || 'The request could not be read.', { fields: field })), error.status);
    }
    deps.log.error('unhandled error', { err: error, path: c.req.path, requestId: c.get('requestId') });
    return c.json(presentError(new AppError('internal', 'Something went wrong on our side.')), 500);
  });
  app.notFound((c) => c.json(presentError(new AppError('not_found', 'Nothing is here.')), 404));

  // Request id, access log, security headers.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || newId();
    c.set('requestId', requestId);
    c.set('deps', requestDeps);
    await next();
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.header('Content-Security-Policy', contentSecurityPolicy(c.var.ctx?.nonce ?? newNonce(), deps.env.FRAME_ANCESTORS, deps.env.MAP_TILES_URL));
    }
    if (isHttps(c.req.raw, deps.env.TRUST_PROXY)) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    deps.log.debug('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      requestId,
    });
  });

  // One input rule for every route: the URL and Polity's cookies hold UTF-8 text without NUL bytes.
  app.use('*', async (c, next) => {
    checkUrl(new URL(c.req.url));
    checkCookies(c.req.header('cookie'), [SESSION_COOKIE, CSRF_COOKIE, LOCALE_COOKIE]);
    await next();
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (!isReady()) return c.json({ status: 'starting or stopping' }, 503);
    try {
      await deps.db.execute('select 1' as never);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  assets?.(app);

  // Each locale's UI messages as a script, cached for a year under its content hash.
  app.get('/i18n/:file{[a-z]{2,3}\\.js}', (c) => {
    const locale = c.req.param('file').replace(/\.js$/, '');
    if (!isLocale(locale)) throw new AppError('not_found', 'No such language.');
    const bundle = messageBundle(deps, manifests, locale);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', c.req.query('v') === bundle.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(bundle.script);
  });

  // Site, actor, locale, CSRF.
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const host = (deps.env.TRUST_PROXY && c.req.header('x-forwarded-host')) || c.req.header('host') || url.host;
    const site = await resolveSiteMemoized(deps, host);
    if (!site) throw new AppError('site_not_found', `No site is served at ${host}.`);

    const token = getCookie(c, SESSION_COOKIE);
    const { actor, sessionId } = token
      ? await resolveActorFromSession(deps.db, site.id, token, deps.clock.now())
      : { actor: { kind: 'anonymous' as const }, sessionId: null };

    let csrfCookie = getCookie(c, CSRF_COOKIE);
    const hadCsrfCookie = !!csrfCookie;
    if (!csrfCookie) csrfCookie = newToken(18);
    const cookiesToSet: [string, string, number | undefined, boolean][] = [];
    if (!hadCsrfCookie) cookiesToSet.push([CSRF_COOKIE, csrfCookie, undefined, true]);

    const asked = url.searchParams.get('lang');
    const cookieLocale = getCookie(c, LOCALE_COOKIE);
    let locale: string;
    if (asked && isLocale(asked) && site.locales.includes(asked)) {
      locale = asked;
      cookiesToSet.push([LOCALE_COOKIE, asked, 365 * 86400, false]);
    } else if (cookieLocale && site.locales.includes(cookieLocale)) {
      locale = cookieLocale;
    } else {
      locale = negotiateLocale(c.req.header('accept-language'), site.locales, site.defaultLocale);
    }

    const proto = isHttps(c.req.raw, deps.env.TRUST_PROXY) ? 'https:' : url.protocol;
    const ctx: RequestContext = {
      site,
      actor,
      sessionId,
      locale,
      origin: `${proto}//${host}`,
      clientIp: clientAddress(c, deps.env.TRUST_PROXY, deps.env.TRUST_PROXY_HOPS),
      csrfToken: csrfTokenFor(deps.secret, csrfCookie),
      nonce: newNonce(),
    };
    c.set('ctx', ctx);

    // Every body is limited by its route's kind and checked against the text rule before a route reads it.
    const rule = bodyRule(url.pathname, c.req.header('content-type'));
    let guarded = false;
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && !sameOrigin(origin, host)) {
        throw new AppError('csrf_failed', 'This request came from another site.');
      }
      const carriesCookies = hadCsrfCookie || !!token;
      const isApi = url.pathname.startsWith('/api/');
      // Pages under `/embed` are made to be framed by other sites, where browsers send no cookies.
      const isEmbed = url.pathname.endsWith('/embed');
      // Open311 POSTs are authorised by their api_key and never read the session, so cookies lend them nothing.
      const isOpen311 = url.pathname.startsWith('/open311/');
      // Forms always need the token (this also stops login CSRF); API calls and embedded forms need
      // it whenever the browser sent cookies, since cookies are what a forged request would borrow.
      if (!isOpen311 && (!(isApi || isEmbed) || carriesCookies)) {
        const check = (submitted: string | null) => {
          if (!hadCsrfCookie || !verifyCsrfToken(deps.secret, csrfCookie, submitted)) {
            throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
          }
        };
        const header = c.req.header('x-csrf-token') ?? null;
        if (header || !hadCsrfCookie || (rule.mode !== 'urlencoded' && rule.mode !== 'multipart')) check(header);
        else {
          // A form's token is read from its body under the body's limit (a multipart body's first part), never by buffering it whole first.
          c.req.raw = await guardBody(c.req.raw, rule, { onCsrfToken: check });
          guarded = true;
        }
      }
    }
    if (!guarded && c.req.method !== 'GET' && c.req.method !== 'HEAD') c.req.raw = await guardBody(c.req.raw, rule);
    await next();
    // Set after the handler so the cookies join whatever response it produced.
    for (const [name, value, maxAge, httpOnly] of cookiesToSet) {
      setCookie(c, name, value, { httpOnly, secure: deps.env.COOKIE_SECURE, sameSite: 'Lax', path: '/', maxAge });
    }
  });

  app.use('*', eventStreams.middleware);

  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('invalid_input', 'Some fields are not valid.', { fields: fieldErrorsOf(result.error) });
    },
  });
  for (const m of manifests) m.api?.(api);
  const docConfig = (origin: string) => ({
    openapi: '3.1.0',
    info: {
      title: 'Polity API',
      version: '1',
      description:
        'JSON API of Polity. Errors share one shape: `{error:{code,message,fields}}`. Lists are cursor-paginated: pass the `nextCursor` of one page as `cursor` to get the next. Calls made with the session cookie must send the `X-CSRF-Token` header.',
    },
    servers: [{ url: `${origin}/api/v1` }],
  });
  api.doc31('/openapi.json', (c) => docConfig(c.get('ctx').origin));
  const openapi = (origin: string) => api.getOpenAPI31Document(docConfig(origin));
  api.notFound((c) => c.json(presentError(new AppError('not_found', 'No such API route.')), 404));
  app.route('/api/v1', api);

  // The sitemap gathers every module's public URLs for the current site.
  app.get('/sitemap.xml', async (c) => {
    const { site, origin } = c.get('ctx');
    const urls = (await Promise.all(manifests.map((m) => m.sitemap?.(deps, site.id) ?? []))).flat();
    const body = urls
      .map((u) => `  <url><loc>${escapeXml(origin + u.path)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ''}</url>`)
      .join('\n');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  const rootRoutes = new OpenAPIHono<AppEnv>();
  for (const m of manifests) m.routes?.(rootRoutes);
  app.route('/', rootRoutes);

  if (pages) {
    app.all('*', async (c) => {
      const res = await pages(c.req.raw, { deps, ctx: c.get('ctx'), manifests, openapi });
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', contentSecurityPolicy(c.get('ctx').nonce, deps.env.FRAME_ANCESTORS, deps.env.MAP_TILES_URL));
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    });
  }
  return app;
}

/**
 * The client's address: behind trusted proxies, the X-Forwarded-For entry the farthest of them
 * appended (never an entry the client wrote itself); else the socket's peer.
 */
function clientAddress(c: Context<AppEnv>, trustProxy: boolean, hops: number): string {
  const forwarded = trustProxy ? forwardedClient(c.req.header('x-forwarded-for'), hops) : null;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // requests made in-process (tests) have no socket
  }
}

function isHttps(req: Request, trustProxy: boolean): boolean {
  if (new URL(req.url).protocol === 'https:') return true;
  return trustProxy && req.headers.get('x-forwarded-proto') === 'https';
}
