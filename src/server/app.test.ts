import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createClient, createTestContext, testDatabases, type TestContext } from './testing.js';

describe.each(testDatabases())('HTTP foundation on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('answers health and readiness', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const ready = await t.app.request('/readyz');
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('resolves the site from the host and refuses unknown hosts', async () => {
    const res = await createClient(t).api('GET', '/site');
    expect(res.status).toBe(200);
    expect((await res.json()).slug).toBe('test');
    const other = await createClient(t, 'elsewhere.example.org').api('GET', '/site');
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe('site_not_found');
    const local = await createClient(t, 'localhost:3000').api('GET', '/site');
    expect((await local.json()).slug).toBe('test');
  });

  it('sets security headers with a nonce-based CSP', async () => {
    const res = await createClient(t).api('GET', '/site');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-inline' ");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS only behind TLS when the proxy is trusted', async () => {
    const behindTls = createApp({ deps: { ...t.deps, env: { ...t.deps.env, TRUST_PROXY: true } }, manifests: t.manifests });
    const res = await behindTls.request('http://test.localhost/api/v1/site', { headers: { host: 'test.localhost', 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const plain = await t.app.request('http://test.localhost/api/v1/site', { headers: { host: 'test.localhost', 'x-forwarded-proto': 'https' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves an OpenAPI 3.1 document generated from the routes', async () => {
    const res = await createClient(t).get('/api/v1/openapi.json');
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/site');
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('refuses a state-changing API call that carries cookies but no CSRF token', async () => {
    const client = createClient(t);
    const res = await client.request('/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'x', name: { en: 'X' }, kind: 'agency' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
  });

  it('refuses a cross-origin post', async () => {
    const client = createClient(t);
    const res = await client.request('/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'x-csrf-token': client.csrf },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('asks visitors to sign in before changing settings', async () => {
    const res = await createClient(t).api('PUT', '/site', { name: { en: 'x' }, locales: ['en'], defaultLocale: 'en' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });

  it('answers malformed JSON with a 400 in the one error shape, not a 500', async () => {
    const client = createClient(t);
    const res = await client.request('/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
      body: '{"slug": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.fields).toHaveProperty('body');
  });

  it('names each bad field in the one error shape', async () => {
    const res = await createClient(t).request('/api/v1/organisations?kind=spaceship');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual(['kind']);
  });
});
