import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';

const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ocds = path.join(root, 'ocds');

type Json = Record<string, unknown>;

describe.each(testDatabases())('procurement ingest and sources API (%s)', (kind) => {
  let t: TestContext;
  let admin: Awaited<ReturnType<typeof signedInClient>>;
  let feed: Server;
  let feedUrl = '';
  let feedHits = 0;
  beforeAll(async () => {
    t = await createTestContext(kind);
    admin = await signedInClient(t, 'admin');
    // A URL source: the Ukrainian compiled releases as JSON lines, with an ETag.
    const body = readFileSync(path.join(ocds, 'ukraine-prozorro-2016-2017/compiled.jsonl'));
    feed = createServer((req, res) => {
      feedHits += 1;
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson', etag: '"v1"' });
      res.end(body);
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/compiled.jsonl`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => feed?.close(() => r()));
    await t?.close();
  });

  const upload = (client: ReturnType<typeof createClient>, body: string | Uint8Array, type = 'application/json', query = '') =>
    client.request(`/api/v1/procurement/ingests${query}`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-csrf-token': client.csrf, 'x-file-name': 'upload.json' },
      body: body as BodyInit,
    });

  it('lets only admins upload; an upload streams in, lists processes with cursor pagination and filters, and shows each process with its history', async () => {
    const anonymous = createClient(t);
    expect((await upload(anonymous, '[]')).status).toBe(401);
    const auditor = await signedInClient(t, 'auditor');
    expect((await upload(auditor, '[]')).status).toBe(403);

    const file = readFileSync(path.join(ocds, 'armenia-armeps-2018/release-package.json'));
    const res = await upload(admin, file);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { ingestId: string; summary: Json; bytes: number };
    expect(body.summary).toMatchObject({ releases: 100, inserted: 100 });
    expect(body.bytes).toBe(file.byteLength);
    // Asking for JSON lines gives progress as the file streams in, then the outcome; the same file again stores nothing.
    const streamed = await admin.request('/api/v1/procurement/ingests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', 'x-csrf-token': admin.csrf },
      body: file as unknown as BodyInit,
    });
    expect(streamed.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const events = (await streamed.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(events.at(-1)).toMatchObject({ type: 'done', summary: { releases: 100, inserted: 0, duplicates: 100 } });
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(1);
    const failed = await admin.request('/api/v1/procurement/ingests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', 'x-csrf-token': admin.csrf },
      body: '[{"ocid":"ocds-q-1","id":"1"}',
    });
    const last = JSON.parse((await failed.text()).trim().split('\n').at(-1)!) as { type: string; error: { code: string; fields: Json } };
    expect(last).toMatchObject({ type: 'error', error: { code: 'invalid_input' } });
    expect(last.error.fields.file).toMatch(/ends inside a JSON value/);
    const ingest = (await (await admin.api('GET', `/procurement/ingests/${body.ingestId}`)).json()) as Json;
    expect(ingest).toMatchObject({ status: 'done', label: 'upload.json', bytes: file.byteLength, progress: null });

    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await (await anonymous.get(`/api/v1/procurement/processes?limit=30${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
        items: { ocid: string; date: string }[];
        nextCursor: string | null;
      };
      for (const p of page.items) seen.add(p.ocid);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen.size).toBe(100);
    expect(pages).toBe(4);

    const one = (await (await anonymous.get('/api/v1/procurement/processes?limit=1')).json()) as { items: Json[] };
    const buyerId = one.items[0].buyerId as string;
    const byBuyer = (await (await anonymous.get(`/api/v1/procurement/processes?buyerId=${encodeURIComponent(buyerId)}&limit=100`)).json()) as {
      items: Json[];
    };
    expect(byBuyer.items.length).toBeGreaterThan(0);
    expect(byBuyer.items.every((p) => p.buyerId === buyerId)).toBe(true);

    const ocid = one.items[0].ocid as string;
    const detail = await anonymous.get(`/api/v1/procurement/processes/${encodeURIComponent(ocid)}`);
    expect(detail.status).toBe(200);
    const history = (await detail.json()) as { process: { compiled: Json }; versions: Json[]; releases: Json[] };
    expect(history.process.compiled.ocid).toBe(ocid);
    expect(history.versions).toHaveLength(1);
    expect(history.releases).toHaveLength(1);
    expect((await anonymous.get('/api/v1/procurement/processes/ocds-nope')).status).toBe(404);
  });

  it('refuses bad input with 4xx naming the field: broken files (nothing stored), bad filters and cursors, unknown media types', async () => {
    const before = ((await (await admin.api('GET', '/procurement/processes?limit=100')).json()) as { items: unknown[] }).items.length;
    const broken = await upload(admin, '{\n"releases": [\n{"ocid":"ocds-zz-1","id":"1"},\n');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { fields: Json } }).error.fields.file).toMatch(/line 4/);
    const after = ((await (await admin.api('GET', '/procurement/processes?limit=100')).json()) as { items: unknown[] }).items.length;
    expect(after).toBe(before);
    // A file is all or nothing: one bad line refuses it (400, naming the line); keepGoing=true stores the others.
    const lines = await upload(admin, '{"ocid":"ocds-zz-2","id":"1"}\nnot json\n', 'application/x-ndjson');
    expect(lines.status).toBe(400);
    expect(((await lines.json()) as { error: { fields: Json } }).error.fields.file).toMatch(/^line 2: invalid JSON/);
    expect((await admin.api('GET', '/procurement/processes/ocds-zz-2')).status).toBe(404);
    const kept = await upload(admin, '{"ocid":"ocds-zz-2","id":"1"}\nnot json\n', 'application/x-ndjson', '?keepGoing=true');
    expect(kept.status).toBe(201);
    expect(((await kept.json()) as { summary: { skipped: number; issues: Json[] } }).summary).toMatchObject({
      skipped: 1,
      issues: [{ line: 2, error: expect.stringMatching(/invalid JSON/) }],
    });
    expect((await admin.api('GET', '/procurement/processes/ocds-zz-2')).status).toBe(200);
    const badDate = await upload(admin, '{"ocid":"ocds-zz-4","id":"1","date":"2023-02-30T00:00:00Z"}\n', 'application/x-ndjson');
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as { error: { fields: Json } }).error.fields.file).toBe(
      'line 1 date: "2023-02-30T00:00:00Z" is not a day of the calendar',
    );
    // A form without JavaScript sends multipart/form-data with a `file` field, attributed to a source whose prepare settings apply.
    const src = (await (
      await admin.api('POST', '/procurement/sources', { name: 'form uploads', kind: 'upload', settings: '[defaults]\ncurrency = AMD\n' })
    ).json()) as { id: string };
    const form = new FormData();
    form.set('file', new Blob(['{"ocid":"ocds-zz-3","id":"1","tender":{"value":{"amount":5}}}\n'], { type: 'application/x-ndjson' }), 'form.jsonl');
    const multipart = await admin.request(`/api/v1/procurement/ingests?source=${src.id}`, {
      method: 'POST',
      headers: { 'x-csrf-token': admin.csrf },
      body: form,
    });
    expect(multipart.status).toBe(201);
    const viaForm = (await (await admin.api('GET', '/procurement/processes/ocds-zz-3')).json()) as { process: { sourceId: string } };
    expect(viaForm.process.sourceId).toBe(src.id);
    const emptyForm = new FormData();
    emptyForm.set('note', 'no file');
    const noFile = await admin.request('/api/v1/procurement/ingests', { method: 'POST', headers: { 'x-csrf-token': admin.csrf }, body: emptyForm });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { fields: Json } }).error.fields.file).toBe('a file is required');
    expect((await upload(admin, 'x', 'image/png')).status).toBe(415);
    expect((await upload(admin, '', 'application/json')).status).toBe(400);
    const badSource = await upload(admin, '[]', 'application/json', '?source=00000000-0000-4000-8000-000000000000');
    expect(((await badSource.json()) as { error: { fields: Json } }).error.fields.source).toBeDefined();
    const badCursor = await admin.api('GET', '/procurement/processes?cursor=nope');
    expect(badCursor.status).toBe(400);
    expect(((await badCursor.json()) as { error: { fields: Json } }).error.fields.cursor).toBeDefined();
    expect((await admin.api('GET', '/procurement/processes?dateFrom=yesterday')).status).toBe(400);
    expect((await admin.api('GET', '/procurement/processes?limit=1000')).status).toBe(400);
  });

  it('manages sources (admins only), validates them, and polls a URL source as a job: conditional GET, nothing twice', async () => {
    const auditor = await signedInClient(t, 'auditor');
    expect((await auditor.api('GET', '/procurement/sources')).status).toBe(403);
    const missingUrl = await admin.api('POST', '/procurement/sources', { name: 'x', kind: 'url' });
    expect(missingUrl.status).toBe(400);
    expect(((await missingUrl.json()) as { error: { fields: Json } }).error.fields.url).toMatch(/required/);
    const badUrl = await admin.api('POST', '/procurement/sources', { name: 'x', kind: 'url', url: 'ftp://example.org/x' });
    expect(((await badUrl.json()) as { error: { fields: Json } }).error.fields.url).toMatch(/http/);
    const badKind = await admin.api('POST', '/procurement/sources', { name: 'x', kind: 'carrier-pigeon', url: feedUrl });
    expect(((await badKind.json()) as { error: { fields: Json } }).error.fields.kind).toBeDefined();
    const badSettings = await admin.api('POST', '/procurement/sources', { name: 'x', kind: 'upload', settings: '[R003]\nthreshold = soon\n' });
    expect(badSettings.status).toBe(400);
    expect(((await badSettings.json()) as { error: { fields: Json } }).error.fields.settings).toBeDefined();

    const created = await admin.api('POST', '/procurement/sources', { name: 'ukraine', kind: 'url', url: feedUrl, intervalSeconds: 60 });
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: string };
    expect((await admin.api('POST', '/procurement/sources', { name: 'ukraine', kind: 'upload' })).status).toBe(400);
    await t.drainJobs();
    let got = (await (await admin.api('GET', `/procurement/sources/${source.id}`)).json()) as { state: Json; lastError: string | null };
    expect(got.lastError).toBeNull();
    expect(got.state.etag).toBe('"v1"');
    const ua = (await (await admin.api('GET', `/procurement/processes?sourceId=${source.id}&limit=100`)).json()) as { items: unknown[] };
    expect(ua.items).toHaveLength(11);
    // The next poll (after the interval) gets 304 and stores nothing.
    t.clock.advance(61_000);
    const hits = feedHits;
    await t.drainJobs();
    expect(feedHits).toBe(hits + 1);
    got = (await (await admin.api('GET', `/procurement/sources/${source.id}`)).json()) as { state: Json; lastError: string | null };
    expect(got.state.runs).toBe(2);
    // Run now, disable, delete.
    expect((await admin.api('POST', `/procurement/sources/${source.id}/run`)).status).toBe(202);
    const patched = await admin.api('PATCH', `/procurement/sources/${source.id}`, { enabled: false, intervalSeconds: 0 });
    expect(patched.status).toBe(400);
    expect((await admin.api('PATCH', `/procurement/sources/${source.id}`, { enabled: false })).status).toBe(200);
    const hitsBefore = feedHits;
    await t.drainJobs();
    expect(feedHits).toBe(hitsBefore);
    expect((await admin.api('DELETE', `/procurement/sources/${source.id}`)).status).toBe(204);
    expect((await admin.api('DELETE', `/procurement/sources/${source.id}`)).status).toBe(404);
    const list = (await (await admin.api('GET', '/procurement/sources')).json()) as { items: { name: string }[] };
    expect(list.items.map((x) => x.name)).not.toContain('ukraine');
  });

  it('keeps a failing URL source’s error and backs off before the next poll, without failing the job queue', async () => {
    const created = await admin.api('POST', '/procurement/sources', {
      name: 'missing',
      kind: 'url',
      url: `${feedUrl.replace('/compiled.jsonl', '')}/missing`,
      intervalSeconds: 3600,
    });
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: string };
    const failing = createServer((_req, res) => {
      res.writeHead(404);
      res.end('gone');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/gone.json`;
    try {
      expect((await admin.api('PATCH', `/procurement/sources/${source.id}`, { url })).status).toBe(200);
      await t.drainJobs();
      const got = (await (await admin.api('GET', `/procurement/sources/${source.id}`)).json()) as { state: Json; lastError: string };
      expect(got.lastError).toMatch(/HTTP 404/);
      expect(got.state.failures).toBe(1);
      // The next poll waits 30 s (the first back-off), not the hour of the interval, and not zero.
      t.clock.advance(29_000);
      expect(await t.drainJobs()).toBe(0);
      t.clock.advance(2_000);
      await t.drainJobs();
      const again = (await (await admin.api('GET', `/procurement/sources/${source.id}`)).json()) as { state: Json };
      expect(again.state.failures).toBe(2);
    } finally {
      await new Promise<void>((r) => failing.close(() => r()));
    }
  });
});
