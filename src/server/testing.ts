import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { Hono } from 'hono';
import type { AppEnv, Deps, ModuleManifest } from '../db/context.js';
import { openDatabase, type Database } from '../db/connection.js';
import { fixedClock } from '../kernel/clock.js';
import { readEnv } from '../kernel/env.js';
import { newToken } from '../kernel/ids.js';
import { silentLogger } from '../kernel/log.js';
import type { Mailer } from '../kernel/mail.js';
import type { Site } from '../kernel/site.js';
import type { Role } from '../kernel/auth.js';
import { createUser, grantRole } from '../modules/accounts/index.js';
import { createSite, resolveSiteForHost } from '../modules/sites/index.js';
import { createApp, CSRF_COOKIE, type PageHandler } from './app.js';
import { buildDeps } from './deps.js';
import { manifests as allManifests } from './modules.js';
import { loadPageHandler } from './pages.js';
import { csrfTokenFor } from './security.js';
import { runDueJobs } from './worker.js';

/** Which databases the module tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
/** The built pages for page tests, with a clear error when `npm run build` has not run (npm test builds first). */
export async function builtPages(): Promise<PageHandler> {
  const pages = await loadPageHandler();
  if (!pages) throw new Error('The pages are not built: run `npm run build` (npm test does it first).');
  return pages;
}

export function testDatabases(): ('pglite' | 'postgres')[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of the given kind: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function openTestDatabase(kind: 'pglite' | 'postgres', poolSize = 5): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: null });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `polity_test_${newToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
  return {
    ...database,
    async close() {
      await database.close();
      const again = new pg.Client({ connectionString: base });
      await again.connect();
      // Wait for the pool's connections to finish closing: forcing them closed makes their
      // clients raise "terminating connection" errors after the test file is done.
      for (let attempt = 0; ; attempt++) {
        try {
          await again.query(`DROP DATABASE IF EXISTS ${name}${attempt < 30 ? '' : ' WITH (FORCE)'}`);
          break;
        } catch (e) {
          if (attempt >= 30 || (e as { code?: string }).code !== '55006') throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await again.end();
    },
  };
}

export interface TestContext {
  deps: Deps;
  database: Database;
  app: Hono<AppEnv>;
  clock: ReturnType<typeof fixedClock>;
  site: Site;
  manifests: ModuleManifest[];
  /** Makes a second site on `host`. */
  addSite(slug: string, host: string): Promise<Site>;
  /** Runs queued jobs (mail delivery and others) now. */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A whole Polity for a test: a fresh database, a fixed clock, every module, and a site at
 * `test.localhost`. Mail lands in the outbox table unless a transport is given.
 */
export async function createTestContext(
  kind: 'pglite' | 'postgres' = 'pglite',
  opts: { transport?: Mailer; pages?: PageHandler; manifests?: ModuleManifest[]; env?: Record<string, string>; poolSize?: number } = {},
): Promise<TestContext> {
  const manifests = opts.manifests ?? allManifests;
  const clock = fixedClock('2026-03-02T10:00:00Z');
  const database = await openTestDatabase(kind, opts.poolSize);
  const env = readEnv({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', ...opts.env });
  const built = await buildDeps(env, manifests, {
    database,
    clock,
    log: silentLogger,
    transport: opts.transport,
    secret: 'test-secret-'.padEnd(40, 'x'),
  });
  const deps = built.deps;
  const site = await createSite(deps, {
    slug: 'test',
    name: { en: 'Test city' },
    hosts: ['test.localhost'],
    isDefault: true,
    locales: ['en', 'es', 'fr', 'pt', 'uk'],
    defaultLocale: 'en',
  });
  const app = createApp({ deps, manifests, pages: opts.pages });
  return {
    deps,
    database,
    app,
    clock,
    site,
    manifests,
    addSite: (slug, host) => createSite(deps, { slug, name: { en: slug }, hosts: [host], locales: ['en'], defaultLocale: 'en' }),
    drainJobs: () => runDueJobs(deps, manifests),
    close: () => built.close(),
  };
}

/**
 * A cookie-keeping client for the app, like a browser: it stores Set-Cookie, sends the CSRF
 * header on API calls and the `_csrf` field on forms.
 */
export function createClient(ctx: TestContext, host = 'test.localhost') {
  const jar = new Map<string, string>();
  const csrfCookie = newToken(18);
  jar.set(CSRF_COOKIE, csrfCookie);
  const csrf = csrfTokenFor(ctx.deps.secret, csrfCookie);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const store = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return res;
  };
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('host', host);
    if (jar.size) headers.set('cookie', cookieHeader());
    return store(await ctx.app.request(`http://${host}${path}`, { ...init, headers }));
  };
  return {
    jar,
    csrf,
    request,
    get: (path: string) => request(path),
    /** A JSON API call with the CSRF header. */
    api: (method: string, path: string, body?: unknown) =>
      request(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    /** A form post with the `_csrf` field. */
    form: (path: string, fields: Record<string, string>) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
  };
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives (for mail tests and browser journeys). */
export async function startMailbox(): Promise<{
  port: number;
  mails: Mail[];
  waitFor(to: string, subject: RegExp): Promise<Mail>;
  close(): Promise<void>;
}> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
          mails.push({ to, subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    mails,
    async waitFor(to, subject) {
      for (let i = 0; i < 200; i++) {
        const found = mails.find((m) => m.to.includes(to) && subject.test(m.subject));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`No mail to ${to} matching ${subject}; got: ${mails.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A client signed in (through the real sign-in API) as a new person holding `role` on the
 * test site (or no role for a plain resident).
 */
export async function signedInClient(t: TestContext, role: Role | null, opts: { email?: string; agencyId?: string; host?: string } = {}) {
  const email = opts.email ?? `${role ?? 'resident'}-${newToken(4).toLowerCase()}@example.org`;
  const password = 'correct horse battery';
  const siteHost = opts.host ?? 'test.localhost';
  const site = siteHost === 'test.localhost' ? t.site : await resolveSiteForHost(t.deps.db, siteHost);
  if (!site) throw new Error(`no site at ${siteHost}`);
  const user = await createUser(t.deps, site.id, { email, name: role ?? 'Resident', password, confirmed: true });
  if (role) await grantRole(t.deps, site.id, { userId: user.id, role, agencyId: opts.agencyId ?? null });
  const client = createClient(t, siteHost);
  const res = await client.api('POST', '/auth/sign-in', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return Object.assign(client, { userId: user.id, email });
}
