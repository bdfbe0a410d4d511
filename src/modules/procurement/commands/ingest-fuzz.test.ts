import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '../../../db/connection.js';
import { readEnv } from '../../../kernel/env.js';
import { buildDeps } from '../../../server/deps.js';
import { manifests } from '../../../server/modules.js';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { createSite } from '../../sites/index.js';
import { listIngests } from '../store/release-writes.js';
import { ingestReleaseStream, MAX_ISSUES, type IngestOptions } from './ingest-releases.js';

// A fuzz suite for the OCDS ingest (issue 11): hostile files of every kind the issue lists, each
// asserting a clear error (line, JSON path, reason), and that nothing of the file was stored.

async function* chunksOf(data: string | Uint8Array, size = 4096): AsyncGenerator<string | Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield typeof data === 'string' ? data.slice(i, i + size) : data.subarray(i, i + size);
}

/** A deterministic pseudo-random source (xorshift), so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

let ocidCounter = 0;
/** A small valid release with its own ocid (so cases never share processes). */
function release(extra: Record<string, unknown> = {}): Record<string, unknown> {
  ocidCounter += 1;
  return {
    ocid: `ocds-fz-${ocidCounter}`,
    id: `r-${ocidCounter}`,
    date: '2021-03-04T05:06:07Z',
    tag: ['tender'],
    tender: { id: 't', status: 'active', value: { amount: 1000, currency: 'UAH' }, tenderPeriod: { startDate: '2021-03-04T05:06:07Z' } },
    ...extra,
  };
}

const lines = (...values: unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n';
const pkg = (...releases: unknown[]) =>
  `{\n  "uri": "https://example.test/p.json",\n  "version": "1.1",\n  "releases": [\n${releases.map((r) => '    ' + JSON.stringify(r)).join(',\n')}\n  ]\n}\n`;

async function countRows(db: Db, siteId: string): Promise<{ releases: number; processes: number; versions: number }> {
  const count = async (table: string) =>
    Number(rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from ${sql.raw(table)} where site_id = ${siteId}::uuid`))[0].n);
  return {
    releases: await count('procurement_releases'),
    processes: await count('procurement_processes'),
    versions: await count('procurement_versions'),
  };
}

interface Case {
  name: string;
  input: () => string | Uint8Array;
  /** The message must match; `issue` is the first refused item's line, JSON path and reason when items were refused. */
  message: RegExp;
  issue?: { line: number; path?: string; error: RegExp };
  opts?: Partial<IngestOptions>;
}

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

const CASES: Case[] = [
  {
    name: 'JSON lines cut mid-line (the valid lines before it are not stored)',
    input: () => {
      const text = lines(release(), release(), release());
      return text.slice(0, text.length - 20);
    },
    message: /1 item was refused \(first: line 3: invalid JSON/,
    issue: { line: 3, error: /^invalid JSON/ },
  },
  {
    name: 'a release package cut inside its releases',
    input: () => {
      const text = pkg(release(), release(), release());
      return text.slice(0, text.lastIndexOf('}', text.length - 10));
    },
    message: /line \d+: the input ends inside a JSON value \(a file cut short\?\)/,
  },
  {
    name: 'a file whose every line is refused',
    input: () => lines('{"ocid": 1}', '{"id": "x"}', '[1,2]', 'null'),
    message: /4 items were refused/,
    issue: { line: 1, path: 'ocid', error: /^must be a non-empty string \(every release has an ocid\)$/ },
  },
  {
    name: 'Latin-1 text',
    input: () => Buffer.from(lines(release(), { ...release(), title: 'Ukrzaliznytsia, département "Équipement"' }), 'latin1'),
    message: /line 2: not UTF-8 text \(byte 0xE9 at offset \d+; Latin-1 or another encoding\?\); convert the file to UTF-8/,
  },
  {
    name: 'UTF-16 with a byte-order mark',
    input: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines(release()), 'utf16le')]),
    message: /line 1: a UTF-16 byte-order mark \(FF FE\): this is not UTF-8 text/,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    input: () => Buffer.from(pkg(release()), 'utf16le'),
    message: /line 1: a NUL character: this is not UTF-8 text \(UTF-16 or binary\?\)/,
  },
  {
    name: 'random bytes',
    input: () => {
      const next = prng(7);
      return Uint8Array.from({ length: 20_000 }, () => Math.floor(next() * 256));
    },
    message: /not UTF-8 text/,
  },
  {
    name: 'a huge field on a JSON line (limit lowered to 64 KiB)',
    input: () => lines(release(), release({ description: 'x'.repeat(200_000) }), release()),
    opts: { limits: { maxItemChars: 65536 } },
    message: /1 item was refused/,
    issue: { line: 2, error: /this line is 195\.\d KiB long, over the limit of 64 KiB per line or item \(--max-item-size\)/ },
  },
  {
    name: 'a huge release in a package (limit lowered to 64 KiB)',
    input: () => pkg(release(), release({ description: 'x'.repeat(200_000) })),
    opts: { limits: { maxItemChars: 65536 } },
    message: /1 item was refused/,
    issue: { line: 6, path: 'releases[1]', error: /this item is 195\.\d KiB long, over the limit of 64 KiB/ },
  },
  {
    name: 'deep nesting on a JSON line',
    input: () => lines(release(), `{"ocid":"ocds-deep","id":"1","tender":${deep(10_000)}}`),
    message: /1 item was refused/,
    issue: { line: 2, error: /nested deeper than 64 levels/ },
  },
  {
    name: 'deep nesting in a package (100k brackets)',
    input: () => pkg(release()).replace('\n  ]', `,\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n  ]`),
    message: /1 item was refused/,
    issue: { line: 6, path: 'releases[1]', error: /nested deeper than 64 levels/ },
  },
  {
    name: 'many tiny values on a JSON line (limit lowered to 64 KiB: 4,096 values)',
    input: () => lines(release(), `{"ocid":"ocds-tiny","id":"1","x":[${'[],'.repeat(5000)}[]]}`),
    opts: { limits: { maxItemChars: 65536 } },
    message: /1 item was refused/,
    issue: { line: 2, error: /^holds more than 4,096 JSON values, over the limit for 64 KiB items/ },
  },
  {
    name: 'many tiny values in a package release (limit lowered to 64 KiB)',
    input: () => pkg(release(), release({ x: Array.from({ length: 5000 }, () => []) })),
    opts: { limits: { maxItemChars: 65536 } },
    message: /1 item was refused/,
    issue: { line: 6, path: 'releases[1]', error: /^holds more than 4,096 JSON values/ },
  },
  {
    name: 'NaN and Infinity literals (not JSON)',
    input: () => lines(release(), JSON.stringify(release()).replace('1000', 'NaN'), JSON.stringify(release()).replace('1000', 'Infinity')),
    message: /2 items were refused/,
    issue: { line: 2, error: /^invalid JSON/ },
  },
  {
    name: 'an amount too large to represent (1e999 reads as Infinity)',
    input: () => pkg(release(), release()).replace(/"amount":1000/, '"amount":1e999'),
    message: /1 item was refused/,
    issue: {
      line: 5,
      path: 'releases[0].tender.value.amount',
      error: /must be a non-negative number, not a number too large to represent \(Infinity\)/,
    },
  },
  {
    name: 'a negative price in a package on one JSON line',
    input: () => JSON.stringify({ version: '1.1', releases: [release({ tender: { value: { amount: -5, currency: 'UAH' } } })] }) + '\n',
    message: /first: line 1 releases\[0\]\.tender\.value\.amount: must be a non-negative number, not -5\)/,
    issue: { line: 1, path: 'releases[0].tender.value.amount', error: /^must be a non-negative number, not -5$/ },
  },
  {
    name: 'non-numeric and absurd amounts',
    input: () => lines(release({ awards: [{ id: 'a', value: { amount: 'NaN' } }] }), release({ contracts: [{ id: 'c', value: { amount: 1e300 } }] })),
    message: /2 items were refused/,
    issue: { line: 1, path: 'awards[0].value.amount', error: /must be a non-negative number, not the string "NaN"/ },
  },
  {
    name: 'an impossible date',
    input: () => lines(release(), release({ date: '2023-02-30T10:00:00Z' })),
    message: /1 item was refused/,
    issue: { line: 2, path: 'date', error: /"2023-02-30T10:00:00Z" is not a day of the calendar/ },
  },
  {
    name: 'years 0 and 99999, and an unparseable date',
    input: () =>
      pkg(
        release({ awards: [{ id: 'a', date: '0000-01-01T00:00:00Z' }] }),
        release({ tender: { tenderPeriod: { endDate: '99999-01-01T00:00:00Z' } } }),
        release({ contracts: [{ id: 'c', dateSigned: 'last Tuesday' }] }),
      ),
    message: /3 items were refused/,
    issue: { line: 5, path: 'releases[0].awards[0].date', error: /year 0000, outside 1900–2200/ },
  },
  {
    name: 'wrong types',
    input: () => lines(release({ tender: { numberOfTenderers: 'three' } }), release({ buyer: 'City council' })),
    message: /2 items were refused/,
    issue: { line: 1, path: 'tender.numberOfTenderers', error: /^must be an integer, not a string$/ },
  },
  {
    name: 'a release id given twice with different content (in one batch)',
    input: () => {
      const r = release();
      return lines(r, { ...r, tag: ['award'] });
    },
    message: /1 item was refused/,
    issue: { line: 2, path: 'id', error: /release id "r-\d+" of ocid "ocds-fz-\d+" is given at line 1 too, with different content/ },
  },
  {
    name: 'a release id given twice with different content (in two batches)',
    input: () => {
      const r = release();
      return pkg(r, release(), { ...r, date: '2021-03-05T00:00:00Z' });
    },
    opts: { batchSize: 1 },
    message: /1 item was refused/,
    issue: { line: 7, path: 'releases[2].id', error: /is given earlier in this file with different content/ },
  },
  {
    name: 'concatenated small objects with no line break',
    input: () => '{}'.repeat(50_000),
    message: /line 1: a second JSON document starts on the line where the previous one ends/,
  },
  {
    name: 'concatenated releases with no line break',
    input: () => JSON.stringify(release()) + JSON.stringify(release()),
    message: /line 1: a second JSON document starts/,
  },
];

describe.each(testDatabases())('OCDS ingest fuzz suite (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t?.close());

  it.each(CASES)('refuses $name whole, naming the problem, and stores nothing', async (c) => {
    const site = await t.addSite(`fz${CASES.indexOf(c)}`, `fz${CASES.indexOf(c)}.localhost`);
    // Something stored before, which must stay exactly as it was.
    await ingestReleaseStream(t.deps, site.id, chunksOf(lines(release())), { label: 'before' });
    const before = await countRows(t.deps.db, site.id);
    const seen: { line: number; path?: string; error: string }[] = [];
    const label = `case-${CASES.indexOf(c)}.json`;
    const error = await ingestReleaseStream(t.deps, site.id, chunksOf(c.input(), 1000), {
      label,
      onIssue: (i) => seen.push(i),
      ...c.opts,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'the file must be refused').toMatchObject({ code: 'invalid_input' });
    const message = (error as Error).message;
    expect(message.startsWith(`Nothing was stored from ${label}: `), message).toBe(true);
    expect(message).toMatch(c.message);
    if (c.issue) {
      expect(seen[0]).toEqual({ line: c.issue.line, ...(c.issue.path ? { path: c.issue.path } : {}), error: expect.stringMatching(c.issue.error) });
      expect(message).toContain('fix the file, or store only its valid items (--keep-going');
    }
    expect(await countRows(t.deps.db, site.id)).toEqual(before);
    const run = (await listIngests(t.deps.db, site.id)).find((r) => r.label === label)!;
    expect(run).toMatchObject({ label, status: 'failed' });
    if (c.issue) expect(run.summary?.issues.length).toBeGreaterThan(0);
  });

  it('with keepGoing stores every valid item of a mixed file, reports each refused one, and counts them', async () => {
    const site = await t.addSite('kg', 'kg.localhost');
    const good = [release(), release(), release()];
    const text = lines(good[0], release({ date: '2023-02-30' }), good[1], '{"ocid": broken', good[2], release({ tender: { value: { amount: -1 } } }));
    const seen: unknown[] = [];
    const { summary } = await ingestReleaseStream(t.deps, site.id, chunksOf(text, 100), {
      label: 'mixed',
      keepGoing: true,
      batchSize: 2,
      onIssue: (i) => seen.push(i),
    });
    expect(summary).toMatchObject({ items: 5, inserted: 3, skipped: 3 });
    expect(seen.map((i) => (i as { line: number }).line)).toEqual([2, 4, 6]);
    expect(await countRows(t.deps.db, site.id)).toEqual({ releases: 3, processes: 3, versions: 3 });
  });

  it('accepts what OCDS allows: a negative budget or transaction, empty-string dates, a release given twice alike', async () => {
    const site = await t.addSite('ok', 'ok.localhost');
    const r = release({
      planning: { budget: { amount: { amount: -2500, currency: 'UAH' } } },
      contracts: [{ id: 'c', implementation: { transactions: [{ id: 'x', value: { amount: -20, currency: 'UAH' } }] } }],
      awards: [{ id: 'a', date: '', value: { amount: '' } }],
    });
    const { summary } = await ingestReleaseStream(t.deps, site.id, chunksOf(pkg(r, r)), { label: 'ok' });
    expect(summary).toMatchObject({ releases: 2, inserted: 1, duplicates: 1, skipped: 0, issues: [] });
  });

  it('stops reading a refused file after MAX_ISSUES problems, and says where', async () => {
    const site = await t.addSite('many', 'many.localhost');
    const text = Array.from({ length: MAX_ISSUES + 500 }, () => '{"id":"x"}').join('\n');
    await expect(ingestReleaseStream(t.deps, site.id, chunksOf(text, 65536), { label: 'many' })).rejects.toThrow(
      new RegExp(`${MAX_ISSUES} items were refused .*reading stopped at line ${MAX_ISSUES} after ${MAX_ISSUES} problems`),
    );
  });

  // Property: whatever prefix of a valid file arrives (a download cut short), it is stored whole when
  // it happens to end between two JSON lines (or after the whole package), and refused otherwise.
  it('stores all or nothing of a file cut at random places', async () => {
    const site = await t.addSite('cut', 'cut.localhost');
    const next = prng(2026);
    for (let round = 0; round < 12; round++) {
      const layoutPkg = round % 2 === 0;
      const releases = Array.from({ length: 5 }, () => release());
      const text = layoutPkg ? pkg(...releases) : lines(...releases);
      // Round 1 cuts JSON lines right after a line break, round 2 drops only a package's last line break.
      const cut = round === 1 ? text.indexOf('\n', text.length / 2) + 1 : round === 2 ? text.length - 1 : Math.floor(next() * text.length);
      const before = await countRows(t.deps.db, site.id);
      const ok = await ingestReleaseStream(t.deps, site.id, chunksOf(text.slice(0, cut), 97), { label: `cut-${round}`, batchSize: 2 }).then(
        (r) => r.summary.inserted,
        () => null,
      );
      const after = await countRows(t.deps.db, site.id);
      const prefix = text.slice(0, cut);
      const complete = layoutPkg ? prefix.trim() === text.trim() : prefix === '' || prefix.endsWith('\n');
      const whole = layoutPkg ? releases.length : prefix.split('\n').length - 1;
      expect(ok, `round ${round}, cut at ${cut} of ${text.length}`).toBe(complete ? whole : null);
      expect(after.releases - before.releases, `round ${round}, cut at ${cut}`).toBe(ok ?? 0);
    }
  });
});

const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));
const run = promisify(execFile);

describe('polity procurement ingest and indicators in a child process (PGlite data folder)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'polity-ocds-fuzz-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const polity = (...args: string[]) =>
    run(process.execPath, [BIN, ...args], { env, maxBuffer: 1 << 24 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const file = (name: string, data: string | Uint8Array) => {
    const p = path.join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  beforeAll(async () => {
    const built = await buildDeps(readEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' }), manifests);
    try {
      await createSite(built.deps, {
        slug: 'cli',
        name: { en: 'cli' },
        hosts: ['localhost'],
        isDefault: true,
        locales: ['en'],
        defaultLocale: 'en',
      });
    } finally {
      await built.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each child process costs seconds (it loads the whole CLI), so only the exit statuses are checked
  // here; the refusals themselves are covered in-process above.
  it('exits 1 storing nothing for a cut file, 2 with --keep-going storing the valid lines', async () => {
    const [a, b] = [release(), release()];
    const cut = lines(a, b, release());
    const truncated = await polity('procurement', 'ingest', '--no-progress', file('cut.jsonl', cut.slice(0, -15)));
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/^line 3: invalid JSON/m);
    expect(truncated.stderr).toMatch(/polity: Nothing was stored from .*cut\.jsonl: 1 item was refused/);
    // The same two complete lines again, around a refused one: both are new, so the cut file stored nothing.
    const mixed = lines(a, release({ tender: { value: { amount: -3 } } }), b);
    const kept = await polity('procurement', 'ingest', '--no-progress', '--keep-going', file('mixed.jsonl', mixed));
    expect(kept.code).toBe(2);
    expect(kept.stderr).toMatch(/^line 2 tender\.value\.amount: must be a non-negative number, not -3$/m);
    expect(kept.stdout).toMatch(/^3 releases read \(3 items\), 2 new, 0 already stored, 2 processes updated, .*1 items refused/);
  }, 180_000);

  it('indicators refuses random bytes with a message and exit status 1', async () => {
    const next = prng(11);
    const random = await polity(
      'procurement',
      'indicators',
      file(
        'random.bin',
        Uint8Array.from({ length: 5000 }, () => Math.floor(next() * 256)),
      ),
    );
    expect(random).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/random\.bin: line \d+: (a NUL character: this is )?not UTF-8 text/) as unknown,
    });
  }, 60_000);
});
