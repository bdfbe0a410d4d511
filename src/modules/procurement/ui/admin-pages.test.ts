import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { createIngest, finishIngest, listIngests } from '../store/release-writes.js';
import { listProcesses } from '../store/releases.js';
import { findSourceByName, listSources } from '../store/sources.js';
import { createIngestSummary } from '../commands/ingest-releases.js';

const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ocds = path.join(root, 'ocds');

type Client = ReturnType<typeof createClient>;

/** A multipart form post with the CSRF field, like a browser without JavaScript. */
function multipart(c: Client, pagePath: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array | string }) {
  const body = new FormData();
  body.set('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file)
    body.set('file', new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], { type: 'application/json' }), file.name);
  return c.request(pagePath, { method: 'POST', body });
}

/** The text of the error shown next to field `name` (inside its `.field` wrapper), or null. */
function fieldError(html: string, name: string): string | null {
  const at = html.indexOf(`id="field-${name}"`);
  if (at < 0) return null;
  const start = html.lastIndexOf('<div class="field', at);
  const m = /<p class="error"[^>]*>([^<]*)<\/p>/.exec(html.slice(start, at));
  return m ? m[1] : null;
}

const processCount = async (t: TestContext) => (await listProcesses(t.deps.db, t.site.id, {}, { limit: 1000 })).items.length;

describe.each(testDatabases())('procurement admin pages without JavaScript (%s)', (kind) => {
  let t: TestContext;
  let admin: Awaited<ReturnType<typeof signedInClient>>;
  let feed: Server;
  let feedUrl = '';
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    admin = await signedInClient(t, 'admin');
    const body = readFileSync(path.join(ocds, 'ukraine-prozorro-2016-2017/compiled.jsonl'));
    feed = createServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson', etag: '"v1"' });
      res.end(body);
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/compiled.jsonl`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((r) => feed?.close(() => r()));
    await t?.close();
  });

  it('keeps both pages to admins', async () => {
    for (const p of ['/procurement/admin/ingests', '/procurement/admin/sources']) {
      expect((await createClient(t).get(p)).status).toBe(302);
      expect((await (await signedInClient(t, 'auditor')).get(p)).status).toBe(403);
      expect((await createClient(t).form(p, { intent: 'create', name: 'x', kind: 'upload' })).status).toBe(302);
    }
    expect(await listSources(t.deps.db, t.site.id)).toEqual([]);
  });

  it('uploads a file through a multipart form, lists the run with its counts, and refuses bad files naming the line with nothing stored', async () => {
    const page = await admin.get('/procurement/admin/ingests');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('Nothing has been ingested yet.');

    const noFile = await multipart(admin, '/procurement/admin/ingests', { source: '' });
    expect(noFile.status).toBe(400);
    expect(fieldError(await noFile.text(), 'file')).toBe('Fill this in');

    const badSource = await multipart(admin, '/procurement/admin/ingests', { source: 'not-a-source' }, { name: 'x.json', bytes: '[]' });
    expect(badSource.status).toBe(400);
    const badSourceHtml = await badSource.text();
    expect(fieldError(badSourceHtml, 'source')).toBe('Choose one of the options');
    expect(badSourceHtml).toContain('>Source: Choose one of the options</a>');

    // A document broken on its third line: the error names the line; no process is stored.
    const broken = await multipart(
      admin,
      '/procurement/admin/ingests',
      {},
      { name: 'broken.json', bytes: '{"releases": [\n{"ocid": "ocds-x-1", "id": "1"},\n]]]\n' },
    );
    expect(broken.status).toBe(400);
    const brokenHtml = await broken.text();
    expect(fieldError(brokenHtml, 'file')).toMatch(/^The file cannot be read: line 3: /);
    expect(brokenHtml).toContain('Nothing was stored from broken.json');
    expect(brokenHtml).toContain('class="error-summary"');
    expect(await processCount(t)).toBe(0);

    const empty = await multipart(admin, '/procurement/admin/ingests', {}, { name: 'empty.json', bytes: '[]' });
    expect(empty.status).toBe(400);
    expect(fieldError(await empty.text(), 'file')).toMatch(/no OCDS release/);
    expect(await processCount(t)).toBe(0);

    const file = readFileSync(path.join(ocds, 'armenia-armeps-2018/release-package.json'));
    const ok = await multipart(admin, '/procurement/admin/ingests', {}, { name: 'armenia.json', bytes: file });
    expect(ok.status).toBe(302);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(/^\/procurement\/admin\/ingests\?done=[0-9a-f-]{36}$/);
    const done = await (await admin.get(location)).text();
    expect(done).toMatch(/armenia\.json(<!-- -->)? is stored: (<!-- -->)?100(<!-- -->)? releases, (<!-- -->)?100(<!-- -->)? new/);
    expect(done).toMatch(/<tr data-status="done"><th scope="row">armenia\.json<\/th>/);
    expect(done).toMatch(/<tr data-status="failed"><th scope="row">broken\.json<\/th>/);
    expect(await processCount(t)).toBeGreaterThan(0);

    // JSON lines with a malformed line: refused whole by default, naming the line, the box ticked again as sent;
    // with "store the valid lines" ticked, the good lines are stored and the bad one is reported by its line.
    const lines = '{"ocid":"ocds-x-1","id":"r1","date":"2020-01-01T00:00:00Z","tag":["tender"]}\n{"ocid": nope}\n';
    const before = await processCount(t);
    const refused = await multipart(admin, '/procurement/admin/ingests', {}, { name: 'lines.jsonl', bytes: lines });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(fieldError(refusedHtml, 'file')).toMatch(/^1 item was refused; the first: line 2: invalid JSON/);
    expect(refusedHtml).toMatch(/<input type="checkbox" aria-describedby="keep-going-hint" name="keepGoing"\/>/);
    expect(await processCount(t)).toBe(before);
    const partial = await multipart(admin, '/procurement/admin/ingests', { keepGoing: 'on' }, { name: 'lines.jsonl', bytes: lines });
    expect(partial.status).toBe(302);
    const partialHtml = await (await admin.get(partial.headers.get('location')!)).text();
    expect(partialHtml).toMatch(/Refused and not stored: (<!-- -->)?1/);
    expect(partialHtml).toMatch(/Line (<!-- -->)?2(<!-- -->)?, (<!-- -->)?\/(<!-- -->)?: (<!-- -->)?invalid JSON/);
    expect(await processCount(t)).toBe(before + 1);

    // A running ingest shows as running and the page refreshes itself until it ends.
    const running = await createIngest(t.deps.db, t.site.id, { sourceId: null, label: 'big.json', now: t.clock.now() });
    t.deps.memo.set(`procurement.ingest.${running}`, {
      ingestId: running,
      bytes: 1234,
      items: 7,
      releases: 7,
      inserted: 5,
      duplicates: 0,
      issues: 0,
    });
    const runningHtml = await (await admin.get('/procurement/admin/ingests')).text();
    expect(runningHtml).toMatch(/\((<!-- -->)?1234(<!-- -->)? bytes read, (<!-- -->)?7(<!-- -->)? releases so far\)/);
    t.deps.memo.delete(`procurement.ingest.${running}`);
    expect(runningHtml).toContain('<meta http-equiv="refresh" content="5"/>');
    expect(runningHtml).toMatch(/<tr data-status="running"><th scope="row">big\.json<\/th>/);
    await finishIngest(t.deps.db, t.site.id, running, { status: 'done', bytes: 0, summary: createIngestSummary(), now: t.clock.now() });
    expect(await (await admin.get('/procurement/admin/ingests')).text()).not.toContain('http-equiv="refresh"');
    expect((await listIngests(t.deps.db, t.site.id)).length).toBeGreaterThanOrEqual(5);
  });

  it('creates, edits, runs and deletes sources through forms, with errors next to the field and values kept', async () => {
    const P = '/procurement/admin/sources';
    const page = await admin.get(P);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No source yet.');

    const noUrl = await admin.form(P, { intent: 'create', name: 'ukraine', kind: 'url', url: '', intervalSeconds: '60', enabled: 'on' });
    expect(noUrl.status).toBe(400);
    const noUrlHtml = await noUrl.text();
    expect(fieldError(noUrlHtml, 'url')).toBe('Fill this in');
    expect(noUrlHtml).toContain('>URL: Fill this in</a>');
    expect(noUrlHtml).toContain('value="ukraine"');
    expect(noUrlHtml).toContain('value="60"');

    const badSettings = await admin.form(P, { intent: 'create', name: 'files', kind: 'upload', settings: '[R003]\nthreshold = soon\n' });
    expect(badSettings.status).toBe(400);
    const badSettingsHtml = await badSettings.text();
    expect(fieldError(badSettingsHtml, 'settings')).toBeTruthy();
    expect(badSettingsHtml).toContain('threshold = soon');
    const badInterval = await admin.form(P, { intent: 'create', name: 'x', kind: 'url', url: feedUrl, intervalSeconds: '0', enabled: 'on' });
    expect(fieldError(await badInterval.text(), 'intervalSeconds')).toBeTruthy();
    expect(await listSources(t.deps.db, t.site.id)).toEqual([]);

    const created = await admin.form(P, { intent: 'create', name: 'ukraine', kind: 'url', url: feedUrl, intervalSeconds: '60', enabled: 'on' });
    expect(created.headers.get('location')).toBe(`${P}?done=created`);
    const dup = await admin.form(P, { intent: 'create', name: 'ukraine', kind: 'upload' });
    expect(fieldError(await dup.text(), 'name')).toMatch(/already in use/);
    await t.drainJobs();
    const source = (await findSourceByName(t.deps.db, t.site.id, 'ukraine'))!;
    const list = await (await admin.get(P)).text();
    expect(list).toContain('ETag &quot;v1&quot;');
    expect(list).toMatch(/Succeeded on /);
    expect(list).toContain('Every 60 s');

    const edit = await (await admin.get(`${P}?edit=${source.id}`)).text();
    expect(edit).toContain('Edit ukraine');
    expect(edit).toContain(`value="${feedUrl}"`);
    const badEdit = await admin.form(P, {
      intent: 'update',
      id: source.id,
      name: 'ukraine 2',
      url: 'ftp://example.org/x',
      intervalSeconds: '60',
      enabled: 'on',
    });
    expect(badEdit.status).toBe(400);
    const badEditHtml = await badEdit.text();
    expect(fieldError(badEditHtml, 'url')).toMatch(/http/);
    expect(badEditHtml).toContain('value="ukraine 2"');
    expect(badEditHtml).toContain('value="ftp://example.org/x"');
    expect((await findSourceByName(t.deps.db, t.site.id, 'ukraine'))?.url).toBe(feedUrl);

    const saved = await admin.form(P, { intent: 'update', id: source.id, name: 'ukraine 2', url: feedUrl, intervalSeconds: '120', enabled: 'on' });
    expect(saved.headers.get('location')).toBe(`${P}?done=updated`);
    expect(await findSourceByName(t.deps.db, t.site.id, 'ukraine 2')).toMatchObject({ intervalSeconds: 120, enabled: true, url: feedUrl });

    const ran = await admin.form(P, { intent: 'run', id: source.id });
    expect(ran.headers.get('location')).toBe(`${P}?done=queued`);
    await t.drainJobs();
    expect((await findSourceByName(t.deps.db, t.site.id, 'ukraine 2'))?.state.runs).toBe(2);

    const paused = await admin.form(P, { intent: 'update', id: source.id, name: 'ukraine 2', url: feedUrl, intervalSeconds: '120' });
    expect(paused.status).toBe(302);
    expect((await findSourceByName(t.deps.db, t.site.id, 'ukraine 2'))?.enabled).toBe(false);
    const notRunning = await admin.form(P, { intent: 'run', id: source.id });
    expect(notRunning.status).toBe(400);
    expect(await notRunning.text()).toContain('>Fetch on schedule: The source is switched off: switch it on first</a>');

    expect((await admin.form(P, { intent: 'delete', id: source.id })).headers.get('location')).toBe(`${P}?done=deleted`);
    expect(await listSources(t.deps.db, t.site.id)).toEqual([]);
    expect((await admin.form(P, { intent: 'delete', id: source.id })).status).toBe(404);
    expect((await admin.form(P, { intent: 'delete', id: 'nope' })).status).toBe(404);
    expect((await admin.form(P, { intent: 'explode', id: source.id })).status).toBe(400);
  });
});
