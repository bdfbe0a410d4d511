import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestReleaseStream } from '../src/modules/procurement/commands/ingest-releases.js';
import { extractReleases, readOcdsItems } from '../src/modules/procurement/formats/ocds-stream.js';
import { listCompiledReleases } from '../src/modules/procurement/store/releases.js';
import { createTestContext } from '../src/server/testing.js';
import { ms, report } from './lib.js';

const COPIES = Number(process.env.BENCH_OCDS_COPIES ?? 100);
const DATASETS = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const SOURCE = path.join(DATASETS, 'ocds/armenia-armeps-2018/release-package.json');

/**
 * Writes a release package made of `copies` copies of the largest shared file (Armenia's 100
 * releases), each copy with its own ocids and release ids, pretty-printed as the original is.
 */
async function writeBigPackage(file: string, copies: number): Promise<number> {
  const pkg = JSON.parse(readFileSync(SOURCE, 'utf8')) as { releases: Record<string, unknown>[] } & Record<string, unknown>;
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  const { releases, ...meta } = pkg;
  await write(JSON.stringify(meta, null, 2).replace(/\n}$/, ',\n  "releases": [\n'));
  let n = 0;
  for (let c = 0; c < copies; c++) {
    for (const r of releases) {
      const copy = { ...r, ocid: `${r.ocid as string}-c${c}`, id: `${r.id as string}-c${c}` };
      await write((n === 0 ? '' : ',\n') + JSON.stringify(copy, null, 2));
      n += 1;
    }
  }
  await write('\n  ]\n}\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return n;
}

/** Peak resident memory while `fn` runs (sampled every 20 ms), and its time. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - started, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const rate = (n: number, t: number) => `${((n / t) * 1000).toFixed(0)} releases/s`;

/** Ingest throughput: the largest shared file, copied to a bigger package, streamed into PGlite and PostgreSQL. */
export async function benchProcurement(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'polity-bench-ocds-'));
  try {
    const file = path.join(dir, 'package.json');
    const count = await writeBigPackage(file, COPIES);
    const mb = statSync(file).size / 2 ** 20;
    const rows: [string, string][] = [
      [`input: ${COPIES} copies of armenia-armeps-2018/release-package.json`, `${count} releases, ${mb.toFixed(1)} MiB`],
    ];
    const parsed = await measure(async () => {
      let n = 0;
      for await (const item of readOcdsItems(createReadStream(file), () => {})) n += extractReleases(item.value, item.line, () => {}).length;
      return n;
    });
    rows.push(['stream + parse only (no database)', `${ms(parsed.ms)}, ${rate(parsed.value, parsed.ms)}, peak RSS ${parsed.peakMb.toFixed(0)} MiB`]);
    // PostgreSQL first: PGlite's in-memory database stays in this process's memory afterwards.
    const kinds: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
    for (const kind of kinds) {
      const t = await createTestContext(kind);
      try {
        const first = await measure(() => ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label: 'bench' }));
        if (first.value.summary.inserted !== count) throw new Error(`${kind}: inserted ${first.value.summary.inserted} of ${count}`);
        rows.push([`ingest into ${kind} (new)`, `${ms(first.ms)}, ${rate(count, first.ms)}, peak RSS ${first.peakMb.toFixed(0)} MiB`]);
        const again = await measure(() => ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label: 'bench again' }));
        if (again.value.summary.inserted !== 0) throw new Error(`${kind}: re-ingest inserted ${again.value.summary.inserted}`);
        rows.push([`re-ingest into ${kind} (all already stored)`, `${ms(again.ms)}, ${rate(count, again.ms)}`]);
        const stored = await listCompiledReleases(t.deps.db, t.site.id, { limit: 10_000 });
        if (stored.length !== Math.min(count, 10_000)) throw new Error(`${kind}: ${stored.length} processes stored`);
      } finally {
        await t.close();
      }
    }
    report('Procurement ingest (streamed release package into the database, one transaction per file)', rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
