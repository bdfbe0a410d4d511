import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../src/kernel/env.js';
import { createSite } from '../src/modules/sites/index.js';
import { buildDeps } from '../src/server/deps.js';
import { manifests } from '../src/server/modules.js';
import { ms, report } from './lib.js';

const MB = 2 ** 20;
const BIN = fileURLToPath(new URL('../bin/polity.js', import.meta.url));

/** Writes `head`, then `size` bytes repeating `fill`, then `tail`, streamed (the file is never whole in memory). */
async function writeFile(file: string, head: string, size: number, fill: string, tail: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string | Buffer) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write(head);
  const block = Buffer.from(fill.repeat(Math.ceil(MB / fill.length)).slice(0, MB));
  for (let left = size; left > 0; left -= MB) await write(left >= MB ? block : block.subarray(0, left));
  await write(tail);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** The peak resident memory of a process so far (Linux `VmHWM`), in MiB, or NaN elsewhere. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Runs `polity ARGS` as a user would, with its wall time, peak memory, exit status and last line of output. */
function runPolity(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number; code: number | null; last: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer) => (output = (output + b.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!) || 0)), 25);
    // 'close', not 'exit': the output may still be arriving when the process has exited.
    child.on('close', (code) => {
      clearInterval(timer);
      const last = output.trim().split('\n').at(-1) ?? '';
      resolve({ ms: performance.now() - started, peakMb: peak, code, last });
    });
  });
}

/**
 * The hostile inputs of issue 11 at full size, each given to the command line as a user would (a
 * PGlite data folder, `polity procurement ingest|indicators FILE`), with the time, the peak memory of
 * the process and how it ended: the bound is 60 s and 1 GB each. Also the largest items the default
 * limits accept (8 MiB of dense OCDS; half a million tiny values), which must stay within it too.
 */
export async function benchProcurementHostile(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'polity-bench-hostile-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  try {
    const built = await buildDeps(readEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' }), manifests);
    await createSite(built.deps, {
      slug: 'bench',
      name: { en: 'bench' },
      hosts: ['localhost'],
      isDefault: true,
      locales: ['en'],
      defaultLocale: 'en',
    });
    await built.close();

    const files: [string, string, string[]][] = [];
    const file = async (name: string, what: string, args: string[], make: (p: string) => Promise<void> | void) => {
      const p = path.join(dir, name);
      await make(p);
      files.push([what, p, args]);
    };
    const ingest = ['procurement', 'ingest', '--no-progress'];
    await file('small.jsonl', 'ingest: one small release (the baseline)', ingest, (p) => writeFileSync(p, '{"ocid":"ocds-h-0","id":"1"}\n'));
    await file('line-100mb.jsonl', 'ingest: one 100 MiB JSON line', ingest, (p) =>
      writeFile(p, '{"ocid":"ocds-h-1","id":"1","description":"', 100 * MB, 'abcdefgh', '"}\n'),
    );
    files.push(['indicators: the same 100 MiB line', files[1][1], ['procurement', 'indicators']]);
    await file('package-100mb-release.json', 'ingest: a package holding one 100 MiB release', ingest, (p) =>
      writeFile(p, '{"version":"1.1","releases":[\n{"ocid":"ocds-h-2","id":"1","description":"', 100 * MB, 'abcdefgh', '"}\n]}\n'),
    );
    await file('empties.json', 'ingest: 500k concatenated {} (no line break)', ingest, (p) => writeFileSync(p, '{}'.repeat(500_000)));
    await file('releases-concatenated.json', 'ingest: 500k concatenated releases (no line break)', ingest, (p) =>
      writeFileSync(p, Array.from({ length: 500_000 }, (_, i) => `{"ocid":"ocds-h-c${i}","id":"1"}`).join('')),
    );
    await file('empties.jsonl', 'ingest: 500k {} one per line (all refused)', ingest, (p) => writeFileSync(p, '{}\n'.repeat(500_000)));
    await file('deep.json', 'ingest: 100k nested brackets', ingest, (p) => writeFileSync(p, `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`));
    await file('deep-open.json', 'ingest: 50M opening brackets, never closed', ingest, (p) => writeFileSync(p, '['.repeat(50 * MB)));
    await file('tiny-values.jsonl', 'ingest: 2.8M empty arrays in one 8 MiB line', ingest, (p) =>
      writeFileSync(p, `{"ocid":"ocds-h-t","id":"1","x":[${'[],'.repeat(2_800_000)}[]]}\n`),
    );
    await file('dense-8mb.jsonl', 'ingest: a release of 8 MiB dense OCDS (accepted: the largest by default)', ingest, (p) => {
      const documents: Record<string, string>[] = [];
      let size = 0;
      while (size < 8 * MB - 4096) {
        const i = documents.length;
        const d = {
          id: `doc-${i}`,
          title: `Document ${i}`,
          url: `https://example.test/d/${i}`,
          datePublished: '2021-01-01T00:00:00Z',
          format: 'application/pdf',
        };
        size += JSON.stringify(d).length + 1;
        documents.push(d);
      }
      writeFileSync(p, JSON.stringify({ ocid: 'ocds-h-d', id: '1', tender: { documents } }) + '\n');
    });
    await file('many-values.jsonl', 'ingest: a release of 500k tiny values (accepted: just under the value limit)', ingest, (p) =>
      writeFileSync(p, `{"ocid":"ocds-h-v","id":"1","x":[${'0,'.repeat(499_990)}0]}\n`),
    );

    const rows: [string, string][] = [];
    for (const [what, p, args] of files) {
      const r = await runPolity([...args, p], env);
      rows.push([what, `${ms(r.ms)}, peak RSS ${r.peakMb.toFixed(0)} MiB, exit ${r.code}: ${r.last.slice(0, 120)}`]);
    }
    report('Procurement readers on hostile input, as `polity procurement ...` on PGlite (bound: 60 s and 1 GB each)', rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
