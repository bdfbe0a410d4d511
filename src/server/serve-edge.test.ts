import { request as httpRequest, get, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import { readEnv } from '../kernel/env.js';
import { createConversation } from '../modules/conversations/index.js';
import { createSite } from '../modules/sites/index.js';
import { CSRF_COOKIE } from './app.js';
import { buildDeps } from './deps.js';
import { manifests } from './modules.js';
import { loadPageHandler } from './pages.js';
import { csrfTokenFor } from './security.js';
import { startServer, type RunningServer } from './serve.js';

/**
 * The edge under load on a real server (sockets, Node's HTTP parser, @hono/node-server): memory
 * stays flat while a client pushes 200 MB at a JSON route, and the server stays responsive with
 * 1,500 idle event streams open.
 */

const MiB = 1024 * 1024;
const STREAMS = 1500;
const dir = mkdtempSync(join(tmpdir(), 'polity-edge-'));

/** Pushes up to `total` bytes at a route (chunked, or with a declared length) until the server closes the connection; reports the answer, the bytes it took and how much the process's memory grew. */
async function push(port: number, path: string, total: number, declared: boolean) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  chunk.write('{"email":"', 0);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: 'localhost' };
  if (declared) headers['content-length'] = String(total);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  let sent = 0;
  let answer: IncomingMessage | null = null;
  let closed = false;
  const req: ClientRequest = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false });
  const answered = new Promise<IncomingMessage | null>((resolve) => {
    req.on('response', (res) => {
      answer = res;
      res.resume();
    });
    req.on('error', () => {
      closed = true;
      resolve(answer);
    });
    req.on('close', () => {
      closed = true;
      resolve(answer);
    });
  });
  // A hostile client keeps sending after the answer; the server must stop taking it in.
  while (sent < total && !closed) {
    const n = Math.min(chunk.length, total - sent);
    sent += n;
    if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ['drain', 'close']) req.off(event, done);
          resolve();
        };
        for (const event of ['drain', 'close']) req.once(event, done);
      });
    }
  }
  if (!closed) req.end();
  const res = await answered;
  clearInterval(sampler);
  req.destroy();
  return { status: res?.statusCode ?? 0, sent, grewBy: peak - baseline };
}

/** Opens an idle event stream; resolves once its headers have arrived. */
function openStream(port: number, path: string): Promise<{ status: number; retryAfter?: string; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, headers: { accept: 'text/event-stream', host: 'localhost' } }, (res) => {
      res.on('data', () => {});
      res.on('error', () => {});
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

/** The median time of `n` requests to a path, in milliseconds, checking each answers 200. */
async function medianMs(port: number, path: string, n = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { host: 'localhost' } });
    await res.arrayBuffer();
    expect(res.status, path).toBe(200);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

describe('a running server at its edge', () => {
  let server: RunningServer;
  beforeAll(async () => {
    if (!(await loadPageHandler())) throw new Error('The pages are not built: run `npm run build` (npm test does it first).');
    const env = readEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      MAX_CONNECTIONS_PER_CLIENT: String(STREAMS + 100),
      MAX_EVENT_STREAMS: String(STREAMS),
      MAX_EVENT_STREAMS_PER_CLIENT: String(STREAMS),
    });
    const built = await buildDeps(env, manifests, { database: await openDatabase({ kind: 'pglite', dataDir: null }) });
    const site = await createSite(built.deps, {
      slug: 'edge',
      name: { en: 'Edge' },
      hosts: ['edge.localhost'],
      isDefault: true,
      locales: ['en'],
      defaultLocale: 'en',
    });
    await createConversation(built.deps, site.id, { slug: 'live', topic: 'Live' } as never, null);
    server = await startServer(env, manifests, { deps: built });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps memory flat while 200 MB are pushed at a JSON route, chunked or declared', async () => {
    // Warm up the route so its first-use allocations do not count.
    expect((await push(server.port, '/api/v1/auth/sign-in', 1024, false)).status).toBeLessThan(500);
    const chunked = await push(server.port, '/api/v1/auth/sign-in', 200 * MiB, false);
    expect(chunked.status).toBe(413);
    expect(chunked.grewBy).toBeLessThan(100 * MiB);
    expect(chunked.sent).toBeLessThan(100 * MiB);
    const declared = await push(server.port, '/api/v1/auth/sign-in', 200 * MiB, true);
    expect(declared.status).toBe(413);
    expect(declared.grewBy).toBeLessThan(100 * MiB);
    // The server closed the connection rather than take in the rest.
    expect(declared.sent).toBeLessThan(100 * MiB);
  }, 120_000);

  it('still passes ordinary forms and multipart bodies on to the pages over real sockets', async () => {
    const cookie = 'edge-test-cookie-value';
    const headers = { host: 'localhost', cookie: `${CSRF_COOKIE}=${cookie}` };
    const token = csrfTokenFor(server.deps.secret, cookie);
    const form = await fetch(`http://127.0.0.1:${server.port}/sign-in`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, email: 'nobody@example.org', password: 'not-the-password' }),
    });
    // Wrong password: the sign-in page answers it, having read the form.
    expect(form.status).toBe(401);
    expect(await form.text()).toContain('<html');
    const multipart = new FormData();
    multipart.set('_csrf', token);
    multipart.set('topic', 'Imported');
    const page = await fetch(`http://127.0.0.1:${server.port}/conversations/import`, { method: 'POST', headers, body: multipart });
    // Visitors may not import: the page says so, having read the body without trouble.
    expect(page.status).toBeLessThan(500);
    expect(page.status).not.toBe(413);
  });

  it(`stays responsive with ${STREAMS} idle event streams open, and refuses the next one with 503 and Retry-After`, async () => {
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    try {
      for (let i = 0; i < STREAMS; i += 100) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(100, STREAMS - i) }, () => openStream(server.port, '/conversations/live/events')),
        );
        streams.push(...batch);
      }
      expect(streams.filter((s) => s.status === 200)).toHaveLength(STREAMS);
      expect(await medianMs(server.port, '/readyz')).toBeLessThan(200);
      expect(await medianMs(server.port, '/conversations')).toBeLessThan(200);
      const extra = await openStream(server.port, '/conversations/live/events');
      streams.push(extra);
      expect(extra.status).toBe(503);
      expect(extra.retryAfter).toMatch(/^\d+$/);
    } finally {
      for (const s of streams) s.close();
    }
    // Closed streams are counted out: a new one is taken again.
    await new Promise((r) => setTimeout(r, 200));
    const again = await openStream(server.port, '/conversations/live/events');
    again.close();
    expect(again.status).toBe(200);
  }, 180_000);
});
