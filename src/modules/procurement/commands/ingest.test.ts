import { listRiskAssessments } from '../store/risk.js';
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { getProcessHistory, listCompiledReleases, listProcesses } from '../store/releases.js';
import { runIngestCommand } from './ingest-command.js';
import { ingestReleaseStream, readIngestProgress, type IngestProgress } from './ingest-releases.js';

const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ocds = path.join(root, 'ocds');

const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));

describe('polity procurement ingest', () => {
  it('is wired into the command line with its options', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'procurement', 'ingest', '--help']);
    for (const option of ['--site <host>', '--source <name>', '--settings <file>', '--keep-going', '--max-item-size <MiB>', '--no-progress'])
      expect(stdout).toContain(option);
    expect(stdout).toMatch(/A file is stored ALL OR NOTHING/);
    expect(stdout).toMatch(/Exit status: 0 all stored; 1 nothing stored; 2 \(--keep-going\) stored except the refused items/);
  });
});

async function* chunksOf(text: string, size = 4096) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe.each(testDatabases())('ingest into the database (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    expect(existsSync(ocds), `OCDS data not found at ${ocds}: set POLITY_DATASETS`).toBe(true);
    t = await createTestContext(kind);
  });
  afterAll(() => t?.close());

  it('ingests a release package streamed from disk, and ingesting it again (or its JSON-lines copy) changes nothing', async () => {
    const file = path.join(ocds, 'armenia-armeps-2018/release-package.json');
    const first = await ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label: 'armenia' });
    expect(first.summary).toMatchObject({ releases: 100, inserted: 100, duplicates: 0, processesChanged: 100 });
    expect(first.bytes).toBe(readFileSync(file).byteLength);
    const before = await listCompiledReleases(t.deps.db, t.site.id, { limit: 1000 });
    expect(before).toHaveLength(100);
    const again = await ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label: 'armenia again' });
    expect(again.summary).toMatchObject({ releases: 100, inserted: 0, duplicates: 100, processesChanged: 0 });
    const lines = await ingestReleaseStream(t.deps, t.site.id, createReadStream(path.join(ocds, 'armenia-armeps-2018/releases.jsonl')), {
      label: 'armenia lines',
    });
    expect(lines.summary).toMatchObject({ releases: 100, inserted: 0, duplicates: 100 });
    const after = await listCompiledReleases(t.deps.db, t.site.id, { limit: 1000 });
    expect(after.map((r) => [r.ocid, r.changeSeq])).toEqual(before.map((r) => [r.ocid, r.changeSeq]));
    // Reading on from the last change gives nothing new.
    expect(await listCompiledReleases(t.deps.db, t.site.id, { after: before.at(-1)!.changeSeq })).toEqual([]);
  });

  it('keeps each process’s version history: which fields each release changed, when, and from which release', async () => {
    const dir = path.join(ocds, 'ukraine-prozorro-2016-2017/records');
    const file = 'ocds-be6bcu-UA-2016-06-02-000468-c.json';
    const record = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      compiledRelease: { ocid: string };
      releases: { id: string; date: string }[];
    };
    const { releases } = record;
    const ocid = record.compiledRelease.ocid;
    const { summary } = await ingestReleaseStream(t.deps, t.site.id, createReadStream(path.join(dir, file)), { label: file });
    expect(summary.inserted).toBe(releases.length);
    const history = await getProcessHistory(t.deps.db, t.site.id, ocid);
    expect(history).not.toBeNull();
    expect(history!.versions).toHaveLength(releases.length);
    expect(history!.versions[0].changes).toEqual([]);
    const sorted = [...releases].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    expect(history!.versions.map((v) => v.releaseId)).toEqual(sorted.map((r) => r.id));
    // Every later version names the fields it changed; `date` changes with every later-dated release.
    const later = history!.versions.slice(1).filter((v, i) => v.releaseDate !== sorted[i].date);
    for (const v of later) expect(v.changes.map((c) => c.path)).toContain('/date');
    expect(history!.process.version).toBe(releases.length);
    expect(history!.releases).toHaveLength(releases.length);
  });

  it('ingests every real data set (packages, records, JSON lines) without error', async () => {
    const site = await t.addSite('all', 'all.localhost');
    const files = [
      'armenia-armeps-2018/release-package.json',
      'portugal-base-2019/collection_file.json',
      'moldova-mtender/compiled.jsonl',
      'ukraine-prozorro-2016-2017/compiled.jsonl',
      ...readdirSync(path.join(ocds, 'moldova-mtender/records')).map((f) => `moldova-mtender/records/${f}`),
      ...readdirSync(path.join(ocds, 'ukraine-prozorro-2016-2017/releases')).map((f) => `ukraine-prozorro-2016-2017/releases/${f}`),
    ];
    let inserted = 0;
    for (const f of files) {
      const { summary } = await ingestReleaseStream(t.deps, site.id, createReadStream(path.join(ocds, f)), { label: f });
      expect(summary.skipped, f).toBe(0);
      inserted += summary.inserted;
    }
    expect(inserted).toBeGreaterThan(250);
    const page = await listProcesses(t.deps.db, site.id, {}, { limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).not.toBeNull();
    // The other site sees none of it.
    expect((await listProcesses(t.deps.db, t.site.id, { q: 'ocds-b3wdp1' }, { limit: 5 })).items).toEqual([]);
  });

  it('applies the source’s prepare corrections and logs each one per field', async () => {
    const site = await t.addSite('prep', 'prep.localhost');
    const settings = '[codelists.bid_status]\nqualified = valid\nnot-qualified = disqualified\n';
    const { summary } = await ingestReleaseStream(t.deps, site.id, createReadStream(path.join(ocds, 'armenia-armeps-2018/releases.jsonl')), {
      label: 'armenia',
      settings,
    });
    expect(summary.corrections).toBe(36);
    const rows = await listCompiledReleases(t.deps.db, site.id, { limit: 1000 });
    const statuses = rows.flatMap((r) => ((r.compiled.bids as { details?: { status?: string }[] } | undefined)?.details ?? []).map((d) => d.status));
    expect(statuses.filter((s) => s === 'valid')).toHaveLength(33);
    expect(statuses.filter((s) => s === 'disqualified')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'qualified' || s === 'not-qualified')).toHaveLength(0);
    const withBids = rows.find((r) => JSON.stringify(r.compiled).includes('"disqualified"'))!;
    const history = await getProcessHistory(t.deps.db, site.id, withBids.ocid);
    const corrections = history!.corrections.filter((c) => c.kind === 'correction');
    expect(corrections.length).toBeGreaterThan(0);
    expect(corrections.every((c) => c.path === '/bids/details[]/status')).toBe(true);
    expect(corrections.map((c) => c.value)).toContain('not-qualified');
  });

  it('refuses a file with a malformed line or a wrong value whole by default; --keep-going stores the valid lines and names each refused one', async () => {
    const site = await t.addSite('bad', 'bad.localhost');
    const text = [
      '{"ocid":"ocds-x-1","id":"1","date":"2020-01-01T00:00:00Z","bids":{"details":[{"value":{"amount":"ten"}}]}}',
      '{"ocid":"ocds-x-2", oops',
      '{"id":"3"}',
      '{"ocid":"ocds-x-3","id":"3","date":"2020-01-02T00:00:00Z"}',
      `{"ocid":"ocds-${'x'.repeat(600)}","id":"4"}`,
      '{"ocid":"ocds-x-5","id":"5","tender":{"title":"nul\\u0000 here, kept \\\\u0000"}}',
    ].join('\n');
    const expected = [
      { line: 1, path: 'bids.details[0].value.amount', error: 'must be a non-negative number, not the string "ten"' },
      { line: 2, error: expect.stringMatching(/invalid JSON/) as unknown },
      { line: 3, path: 'ocid', error: 'must be a non-empty string (every release has an ocid)' },
      { line: 5, path: 'ocid', error: 'longer than 500 characters' },
    ];
    const seen: unknown[] = [];
    await expect(
      ingestReleaseStream(t.deps, site.id, chunksOf(text, 10), { label: 'bad.jsonl', batchSize: 1, onIssue: (i) => seen.push(i) }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Nothing was stored from bad.jsonl: 4 items were refused \(first: line 1 bids.details\[0\].value.amount: must be/,
      ) as unknown,
      fields: { file: 'line 1 bids.details[0].value.amount: must be a non-negative number, not the string "ten"' },
    });
    expect(seen).toEqual(expected);
    expect(await listCompiledReleases(t.deps.db, site.id)).toEqual([]);
    const { summary } = await ingestReleaseStream(t.deps, site.id, chunksOf(text, 10), { label: 'bad.jsonl', keepGoing: true });
    expect(summary).toMatchObject({ items: 5, inserted: 2, skipped: 4 });
    expect(summary.issues).toEqual(expected);
    // U+0000 cannot be stored in jsonb: it is dropped; an escaped backslash before "u0000" is text and stays.
    const nul = await getProcessHistory(t.deps.db, site.id, 'ocds-x-5');
    expect((nul!.process.compiled.tender as { title: string }).title).toBe('nul here, kept \\u0000');
    const broken = '{\n"releases": [\n{"ocid":"ocds-y-1","id":"1"},\n{"ocid":"ocds-y-2","id":"2"}\n';
    await expect(
      ingestReleaseStream(t.deps, site.id, chunksOf(broken, 5), { label: 'broken.json', batchSize: 1, keepGoing: true }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Nothing was stored from broken.json: line 5: the input ends inside a JSON value (a file cut short?)',
    });
    const all = await listCompiledReleases(t.deps.db, site.id);
    expect(all.map((r) => r.ocid).sort()).toEqual(['ocds-x-3', 'ocds-x-5']);
  });

  it('reports progress while it runs (bytes, releases, new ones), readable by id until it ends, and gives the same report every time', async () => {
    const file = path.join(ocds, 'moldova-mtender/compiled.jsonl');
    const reports = [];
    for (const host of ['p1.localhost', 'p2.localhost']) {
      const site = await t.addSite(host.split('.')[0], host);
      const seen: IngestProgress[] = [];
      const r = await ingestReleaseStream(t.deps, site.id, createReadStream(file, { highWaterMark: 4096 }), {
        label: 'moldova',
        batchSize: 10,
        onProgress: (p) => {
          expect(readIngestProgress(t.deps, p.ingestId)).toMatchObject({ releases: p.releases });
          seen.push(p);
        },
      });
      expect(seen.length).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
        expect(seen[i].inserted).toBeGreaterThan(seen[i - 1].inserted);
      }
      expect(seen.at(-1)!.inserted).toBe(51);
      expect(readIngestProgress(t.deps, r.ingestId)).toBeUndefined();
      reports.push(r.summary);
    }
    expect(reports[1]).toEqual(reports[0]);
  });

  it('runs the ingest command for a site and a named source (created with its settings), refusing an unknown site or file', async () => {
    const site = await t.addSite('cli', 'cli.localhost');
    const out: string[] = [];
    const err: string[] = [];
    const sinks = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    const file = path.join(ocds, 'armenia-armeps-2018/releases.jsonl');
    const r = await runIngestCommand(
      t.deps,
      file,
      { site: 'cli.localhost', source: 'armenia', settings: '[codelists.bid_status]\nqualified = valid\n', progress: false },
      sinks,
    );
    expect(r).toMatchObject({ inserted: 100, status: 0 });
    expect(out.join('')).toMatch(
      /^100 releases read \(100 items\), 100 new, 0 already stored, 100 processes updated, 33 corrections, 0 items refused; their risk assessment is queued/,
    );
    // The command queued the refresh job; the worker's run assesses the 100 processes.
    expect(await listRiskAssessments(t.deps.db, site.id)).toHaveLength(0);
    await t.drainJobs();
    expect(await listRiskAssessments(t.deps.db, site.id)).toHaveLength(100);
    const again = await runIngestCommand(t.deps, file, { site: 'cli.localhost', source: 'armenia', progress: false }, sinks);
    expect(again.inserted).toBe(0);
    expect((await listProcesses(t.deps.db, site.id, {}, { limit: 100 })).items).toHaveLength(100);
    await expect(runIngestCommand(t.deps, file, { site: 'nowhere.example', progress: false }, sinks)).rejects.toMatchObject({
      fields: { site: 'unknown host' },
    });
    await expect(runIngestCommand(t.deps, '/nonexistent.json', { site: 'cli.localhost', progress: false }, sinks)).rejects.toMatchObject({
      fields: { file: 'unreadable' },
    });
    await expect(runIngestCommand(t.deps, file, { site: 'cli.localhost', settings: '[x]', progress: false }, sinks)).rejects.toMatchObject({
      fields: { settings: 'needs --source' },
    });
  });

  it('serialises concurrent ingests of one process, so its versions are numbered once each', async () => {
    const site = await t.addSite('conc', 'conc.localhost');
    const release = (n: number) =>
      JSON.stringify({ ocid: 'ocds-c-1', id: String(n), date: `2020-01-0${n}T00:00:00Z`, tender: { status: n < 4 ? 'active' : 'complete' } });
    const results = await Promise.all([1, 2, 3, 4].map((n) => ingestReleaseStream(t.deps, site.id, chunksOf(release(n)), { label: `r${n}` })));
    expect(results.map((r) => r.summary.inserted)).toEqual([1, 1, 1, 1]);
    const history = await getProcessHistory(t.deps.db, site.id, 'ocds-c-1');
    expect(history!.versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(history!.process.version).toBe(4);
    expect((history!.process.compiled.tender as { status: string }).status).toBe('complete');
  });
});
