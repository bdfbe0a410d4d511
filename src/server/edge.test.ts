import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../db/context.js';
import { createConversation } from '../modules/conversations/index.js';
import { resolveSiteMemoized, SITE_MEMO_MAX_HOSTS, siteMemoSize } from '../modules/sites/index.js';
import { createApp } from './app.js';
import { loadPageHandler } from './pages.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from './testing.js';
import type { PageHandler } from './app.js';

const MiB = 1024 * 1024;

/** A body of `total` bytes in 64 KiB chunks with no Content-Length, counting what was pulled from it. */
function chunkedBody(total: number, head: Uint8Array = new Uint8Array(0), fill = 0x20) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(fill);
  let sent = 0;
  let headSent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!headSent && head.length) {
          headSent = true;
          state.pulled += head.length;
          return controller.enqueue(head);
        }
        if (sent >= total) return controller.close();
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        state.pulled += n;
        controller.enqueue(chunk.subarray(0, n));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** A PDF-looking file (kept as it is by the upload pipeline) of `size` bytes. */
function pdf(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
  return bytes;
}

describe.each(testDatabases())('the HTTP edge on %s', (kind) => {
  let t: TestContext;
  let pages: PageHandler;
  beforeAll(async () => {
    const handler = await loadPageHandler();
    if (!handler) throw new Error('The pages are not built: run `npm run build` (npm test does it first).');
    pages = handler;
    t = await createTestContext(kind, { pages });
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a malformed Origin as cross-site (403), not with a 500', async () => {
    const c = createClient(t);
    for (const origin of ['http://[', 'not a url', 'http://exa mple.org']) {
      const api = await c.request('/api/v1/organisations', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', 'x-csrf-token': c.csrf },
        body: '{}',
      });
      expect(api.status, origin).toBe(403);
      expect((await api.json()).error.code).toBe('csrf_failed');
      const form = await c.request('/sign-in', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${c.csrf}&email=a%40b.org`,
      });
      expect(form.status, origin).toBe(403);
    }
  });

  describe('body limits by route kind', () => {
    const tooLarge = async (res: Response, limit: number) => {
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      const body = await res.json();
      expect(body.error.code).toBe('payload_too_large');
      expect(body.error.fields.body).toContain(`${limit} bytes`);
    };

    it('refuses JSON over JSON_MAX_BYTES, declared or chunked, after reading no more than the limit', async () => {
      const c = createClient(t);
      const headers = { 'content-type': 'application/json', 'x-csrf-token': c.csrf };
      const declared = chunkedBody(2 * MiB);
      await tooLarge(
        await c.request('/api/v1/auth/sign-in', {
          method: 'POST',
          headers: { ...headers, 'content-length': String(2 * MiB) },
          body: declared.stream,
          duplex: 'half',
        } as RequestInit),
        MiB,
      );
      expect(declared.state.pulled).toBe(0);
      const chunked = chunkedBody(50 * MiB);
      await tooLarge(await c.request('/api/v1/auth/sign-in', { method: 'POST', headers, body: chunked.stream, duplex: 'half' } as RequestInit), MiB);
      expect(chunked.state.pulled).toBeLessThan(MiB + 128 * 1024);
      // Under the limit, the route reads it as ever.
      const ok = await c.api('POST', '/auth/sign-in', { email: 'nobody@example.org', password: 'x'.repeat(100) });
      expect(ok.status).toBe(401);
    });

    it('refuses a form page’s body over FORM_MAX_BYTES, declared or chunked', async () => {
      const c = createClient(t);
      const head = new TextEncoder().encode(`_csrf=${c.csrf}&email=`);
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      await tooLarge(
        await c.request('/sign-in', {
          method: 'POST',
          headers: { ...headers, 'content-length': String(3 * MiB) },
          body: chunkedBody(3 * MiB, head, 0x61).stream,
          duplex: 'half',
        } as RequestInit),
        MiB,
      );
      const chunked = chunkedBody(30 * MiB, head, 0x61);
      await tooLarge(await c.request('/sign-in', { method: 'POST', headers, body: chunked.stream, duplex: 'half' } as RequestInit), MiB);
      expect(chunked.state.pulled).toBeLessThan(MiB + 128 * 1024);
      // A form of ordinary size still reaches the page.
      const page = await c.form('/sign-in', { email: 'nobody@example.org', password: 'wrong-password' });
      expect(page.status).toBeLessThan(500);
      expect(page.headers.get('content-type')).toMatch(/html/);
    });

    it('takes an upload under UPLOAD_MAX_BYTES and refuses one over it, declared or chunked', async () => {
      const admin = await signedInClient(t, 'admin');
      const limit = t.deps.env.UPLOAD_MAX_BYTES;
      const upload = (bytes: Uint8Array) => {
        const body = new FormData();
        body.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'report.pdf');
        return admin.request('/api/v1/library/uploads', { method: 'POST', headers: { 'x-csrf-token': admin.csrf }, body });
      };
      const big = await upload(pdf(limit - 64 * 1024));
      expect(big.status).toBe(201);
      expect((await big.json()).url).toMatch(/^\/library\/files\//);

      const routeLimit = limit + t.deps.env.FORM_MAX_BYTES;
      await tooLarge(await upload(pdf(routeLimit + 1)), routeLimit);
      const boundary = 'polity-test-boundary';
      const head = new TextEncoder().encode(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n`,
      );
      const chunked = chunkedBody(4 * routeLimit, head);
      const res = await admin.request('/api/v1/library/uploads', {
        method: 'POST',
        headers: { 'x-csrf-token': admin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: chunked.stream,
        duplex: 'half',
      } as RequestInit);
      await tooLarge(res, routeLimit);
      expect(chunked.state.pulled).toBeLessThan(routeLimit + 128 * 1024);
    });

    it('refuses a forged multipart form from its first part, without reading the rest', async () => {
      const c = createClient(t);
      const boundary = 'forged';
      const head = new TextEncoder().encode(
        `--${boundary}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\nnot-the-token\r\n--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n`,
      );
      const body = chunkedBody(12 * MiB, head);
      const res = await c.request('/service-requests/new', {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: body.stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('csrf_failed');
      expect(body.state.pulled).toBeLessThan(256 * 1024);
    });
  });

  it('takes the client address from the right-most untrusted X-Forwarded-For entry', async () => {
    const probe: ModuleManifest = { id: 'probe', api: (app) => app.get('/probe/ip', (c) => c.json({ ip: c.get('ctx').clientIp })) };
    const ipWith = async (env: Record<string, unknown>, forwarded: string) => {
      const app = createApp({ deps: { ...t.deps, env: { ...t.deps.env, ...env } }, manifests: [...t.manifests, probe] });
      const res = await app.request('http://test.localhost/api/v1/probe/ip', { headers: { host: 'test.localhost', 'x-forwarded-for': forwarded } });
      return (await res.json()).ip as string;
    };
    // One proxy (the default): what it saw, whatever the client wrote before it.
    expect(await ipWith({ TRUST_PROXY: true }, '198.51.100.9')).toBe('198.51.100.9');
    expect(await ipWith({ TRUST_PROXY: true }, '1.2.3.4, 198.51.100.9')).toBe('198.51.100.9');
    expect(await ipWith({ TRUST_PROXY: true }, `${Math.random()}, 198.51.100.9`)).toBe('198.51.100.9');
    // Two proxies: the address the outer one saw.
    expect(await ipWith({ TRUST_PROXY: true, TRUST_PROXY_HOPS: 2 }, 'forged, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
    expect(await ipWith({ TRUST_PROXY: true, TRUST_PROXY_HOPS: 2 }, '203.0.113.7')).toBe('203.0.113.7');
    // Without a trusted proxy the header is ignored (in-process requests have no socket).
    expect(await ipWith({ TRUST_PROXY: false }, '1.2.3.4')).toBe('unknown');
  });

  it('keeps the site memo bounded whatever Host headers arrive, and keeps serving the real site', async () => {
    const before = siteMemoSize(t.deps);
    const c = createClient(t);
    expect((await c.api('GET', '/site')).status).toBe(200);
    for (let i = 0; i < SITE_MEMO_MAX_HOSTS * 2 + 100; i++) {
      const res = await t.app.request(`http://h${i}.example.org/api/v1/site`, { headers: { host: `h${i}.example.org` } });
      expect(res.status).toBe(404);
    }
    expect(siteMemoSize(t.deps)).toBeLessThanOrEqual(SITE_MEMO_MAX_HOSTS + 1);
    expect(t.deps.memo.size).toBeLessThan(50);
    expect(before).toBeLessThan(SITE_MEMO_MAX_HOSTS);
    // Unknown hosts are kept apart, so the flood did not push out the site being served.
    expect((await c.api('GET', '/site')).status).toBe(200);
  }, 120_000);

  it('drops the least recently used hosts first', async () => {
    const deps = { ...t.deps, memo: new Map<string, unknown>() };
    await resolveSiteMemoized(deps, 'test.localhost', 2);
    await resolveSiteMemoized(deps, 'localhost', 2);
    await resolveSiteMemoized(deps, 'test.localhost', 2); // used again
    await resolveSiteMemoized(deps, 'test.localhost:3000', 2);
    await resolveSiteMemoized(deps, 'a.example.org', 2);
    await resolveSiteMemoized(deps, 'b.example.org', 2);
    await resolveSiteMemoized(deps, 'c.example.org', 2);
    expect(siteMemoSize(deps)).toBe(4);
  });

  it('caps event streams per client (429) and per process (503), with Retry-After, and counts them down as they close', async () => {
    await createConversation(t.deps, t.site.id, { slug: 'live-caps', topic: 'Live' } as never, null);
    const app = createApp({
      deps: { ...t.deps, env: { ...t.deps.env, TRUST_PROXY: true, MAX_EVENT_STREAMS: 3, MAX_EVENT_STREAMS_PER_CLIENT: 2 } },
      manifests: t.manifests,
    });
    const open = (client: string, accept = 'text/event-stream') =>
      app.request('http://test.localhost/conversations/live-caps/events', { headers: { host: 'test.localhost', accept, 'x-forwarded-for': client } });
    const a1 = await open('192.0.2.1');
    const a2 = await open('192.0.2.1');
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a1.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const a3 = await open('192.0.2.1');
    expect(a3.status).toBe(429);
    expect(a3.headers.get('retry-after')).toMatch(/^\d+$/);
    const b1 = await open('192.0.2.2');
    expect(b1.status).toBe(200);
    const c1 = await open('192.0.2.3');
    expect(c1.status).toBe(503);
    expect(c1.headers.get('retry-after')).toMatch(/^\d+$/);
    // A client that did not say it wants a stream is refused once the route answers one.
    const quiet = await open('192.0.2.4', '*/*');
    expect(quiet.status).toBe(503);
    await a1.body!.cancel();
    const c2 = await open('192.0.2.3');
    expect(c2.status).toBe(200);
    for (const r of [a2, b1, c2]) await r.body!.cancel();
    const again = await open('192.0.2.1');
    expect(again.status).toBe(200);
    await again.body!.cancel();
  });
});
