import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestReleaseStream } from '../src/modules/procurement/commands/ingest-releases.js';
import { computeIndicatorsFromFile, createDefaultIndicatorSettings } from '../src/modules/procurement/indicators-command.js';
import { createTestContext } from '../src/server/testing.js';
import { ms, report } from './lib.js';
import { measure } from './procurement.js';

const MB = 2 ** 20;

/** Writes `head`, then `size` bytes of `fill`, then `tail`, streamed (the file is never whole in memory). */
async function writeFile(file: string, head: string, size: number, fill: string, tail: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string | Buffer) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write(head);
  const block = Buffer.from(fill.repeat(Math.ceil(MB / fill.length)).slice(0, MB));
  for (let left = size; left > 0; left -= MB) await write(left >= MB ? block : block.subarray(0, left));
  await write(tail);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** How a run ended, in a few words. */
function outcome(run: () => Promise<unknown>): () => Promise<string> {
  return () =>
    run().then(
      (r) => `finished ${JSON.stringify(r).slice(0, 80)}`,
      (e: unknown) => `refused: ${(e instanceof Error ? e.message : String(e)).slice(0, 110)}`,
    );
}

/**
 * The hostile inputs of issue 11 at full size, each run to its end (finished or refused) with its
 * time and peak memory (RSS, this process): the bound is 60 s and 1 GB each. Also one accepted item
 * just under the default 32 MiB item limit, to show the largest accepted item stays within it.
 */
export async function benchProcurementHostile(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'polity-bench-hostile-'));
  const t = await createTestContext('pglite');
  try {
    const rows: [string, string][] = [];
    const ingest = (file: string, label: string) =>
      outcome(() => ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label }).then((r) => r.summary));
    const cases: [string, string, () => Promise<string>][] = [];

    const line100 = path.join(dir, 'line-100mb.jsonl');
    await writeFile(line100, '{"ocid":"ocds-h-1","id":"1","description":"', 100 * MB, 'abcdefgh', '"}\n');
    cases.push(['ingest: one 100 MiB JSON line', line100, ingest(line100, '100 MiB line')]);
    cases.push([
      'indicators: the same 100 MiB line',
      line100,
      outcome(() => computeIndicatorsFromFile(line100, createDefaultIndicatorSettings()).then((r) => r.lines)),
    ]);

    const pkg100 = path.join(dir, 'package-100mb-release.json');
    await writeFile(pkg100, '{"version":"1.1","releases":[\n{"ocid":"ocds-h-2","id":"1","description":"', 100 * MB, 'abcdefgh', '"}\n]}\n');
    cases.push(['ingest: a package holding one 100 MiB release', pkg100, ingest(pkg100, '100 MiB release')]);

    const empties = path.join(dir, 'empties.json');
    writeFileSync(empties, '{}'.repeat(500_000));
    cases.push(['ingest: 500k concatenated {} (no line break)', empties, ingest(empties, '500k {}')]);

    const concatenated = path.join(dir, 'releases-concatenated.json');
    writeFileSync(concatenated, Array.from({ length: 500_000 }, (_, i) => `{"ocid":"ocds-h-c${i}","id":"1"}`).join(''));
    cases.push(['ingest: 500k concatenated releases (no line break)', concatenated, ingest(concatenated, '500k releases')]);

    const emptiesLines = path.join(dir, 'empties.jsonl');
    writeFileSync(emptiesLines, '{}\n'.repeat(500_000));
    cases.push(['ingest: 500k {} one per line (all refused)', emptiesLines, ingest(emptiesLines, '500k {} lines')]);

    const deep = path.join(dir, 'deep.json');
    writeFileSync(deep, `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`);
    cases.push(['ingest: 100k nested brackets', deep, ingest(deep, 'deep')]);
    const deepOpen = path.join(dir, 'deep-open.json');
    writeFileSync(deepOpen, '['.repeat(50 * MB));
    cases.push(['ingest: 50M opening brackets, never closed', deepOpen, ingest(deepOpen, 'deep open')]);

    const near = path.join(dir, 'near-limit.json');
    await writeFile(near, '{"ocid":"ocds-h-3","id":"1","description":"', 30 * MB, 'abcdefgh', '"}\n');
    cases.push(['ingest: one 30 MiB release (accepted, under the 32 MiB default)', near, ingest(near, 'near limit')]);

    for (const [name, , run] of cases) {
      const r = await measure(run);
      rows.push([name, `${ms(r.ms)}, peak RSS ${r.peakMb.toFixed(0)} MiB — ${r.value}`]);
    }
    report('Procurement readers on hostile input (bound: 60 s and 1 GB each)', rows);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
