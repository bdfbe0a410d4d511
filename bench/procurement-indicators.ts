import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ingestReleaseStream } from '../src/modules/procurement/commands/ingest-releases.js';
import { INDICATOR_CODES, type IndicatorOutput } from '../src/modules/procurement/core/types.js';
import { readJsonLines } from '../src/modules/procurement/formats/json-lines.js';
import { computeIndicatorsFromFile, createDefaultIndicatorSettings } from '../src/modules/procurement/indicators-command.js';
import { writeCompiledReleases } from '../src/modules/procurement/seed/compiled-releases.js';
import { createTestContext } from '../src/server/testing.js';
import { ms, report } from './lib.js';

const RELEASES = Number(process.env.BENCH_RELEASES ?? 1_000_000);
const INGEST = Number(process.env.BENCH_INGEST_RELEASES ?? 20_000);
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 1));
const SELF = fileURLToPath(import.meta.url);

/** What one measured phase reports from its own process. */
interface PhaseResult {
  releases: number;
  ms: number;
  /** CPU time (user + system) of the phase, ms: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Peak resident memory of the whole process (`maxRSS`), MiB. */
  peakMb: number;
  /** Indicators only: flags per indicator (any group), and the malformed-line / type issues. */
  flags?: Record<string, number>;
  issues?: number;
}

function countFlags(output: IndicatorOutput): Record<string, number> {
  const flags: Record<string, number> = {};
  for (const group of ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const) {
    for (const codes of Object.values(output[group] ?? {})) for (const code of Object.keys(codes)) flags[code] = (flags[code] ?? 0) + 1;
  }
  return flags;
}

/** Runs one phase in this process (the child side). */
async function runPhase(phase: string, file: string): Promise<PhaseResult> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuMs = () => {
    const u = process.cpuUsage(cpu0);
    return (u.user + u.system) / 1000;
  };
  if (phase === 'parse') {
    // The bare baseline: the same line reader, JSON.parse of every line, nothing else.
    let releases = 0;
    for await (const line of readJsonLines(file, () => {})) if (line.value !== undefined) releases += 1;
    return { releases, ms: performance.now() - started, cpuMs: cpuMs(), peakMb: process.resourceUsage().maxRSS / 1024 };
  }
  if (phase === 'indicators') {
    // The code path of `polity procurement indicators FILE`: Cardinal's eleven with defaults, plus R044.
    const settings = { ...createDefaultIndicatorSettings(), R044: {} };
    const { output, issues, lines } = await computeIndicatorsFromFile(file, settings);
    const t = performance.now() - started;
    return {
      releases: lines,
      ms: t,
      cpuMs: cpuMs(),
      peakMb: process.resourceUsage().maxRSS / 1024,
      flags: countFlags(output),
      issues: issues.length,
    };
  }
  if (phase === 'ingest') {
    const t = await createTestContext('postgres');
    try {
      const begun = performance.now();
      const cpu1 = process.cpuUsage();
      const { summary } = await ingestReleaseStream(t.deps, t.site.id, createReadStream(file), { label: 'bench' });
      const took = performance.now() - begun;
      if (summary.skipped > 0 || summary.issues.length > 0)
        throw new Error(`ingest reported ${summary.skipped} skipped, ${summary.issues.length} issues`);
      const u = process.cpuUsage(cpu1);
      return { releases: summary.inserted, ms: took, cpuMs: (u.user + u.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024 };
    } finally {
      await t.close();
    }
  }
  throw new Error(`unknown phase ${phase}`);
}

/** Runs a phase in a fresh Node process (same flags), so each figure has its own peak RSS and no JIT or heap left over. */
async function inChild(phase: string, file: string): Promise<PhaseResult> {
  const child = spawn(process.execPath, [...process.execArgv, SELF, '--phase', phase, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench phase ${phase} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as PhaseResult;
}

/** Copies the first `n` lines of `from` to `to`. */
async function sliceLines(from: string, to: string, n: number): Promise<void> {
  const out = createWriteStream(to);
  let k = 0;
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    if (k++ >= n) break;
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const rate = (n: number, t: number) => `${Math.round((n / t) * 1000).toLocaleString('en')} releases/s`;

/**
 * Procurement indicators over one million generated compiled releases (JSON lines): the bare
 * line reading + `JSON.parse`, then `polity procurement indicators` (all twelve), each in its own
 * process, with their ratio (the issue aims at 1.5 at most); then ingest of a slice into PostgreSQL.
 * BENCH_RELEASES (default 1,000,000), BENCH_INGEST_RELEASES (default 20,000: ingest is far slower
 * than reading) and BENCH_REPEATS (best of n, default 1) change the sizes.
 */
export async function benchProcurementIndicators(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'polity-bench-indicators-'));
  try {
    const file = path.join(dir, 'compiled.jsonl');
    const genStarted = performance.now();
    const bytes = await writeCompiledReleases(file, RELEASES);
    const genMs = performance.now() - genStarted;
    const rows: [string, string][] = [
      [
        'input: generated compiled releases (seed 6)',
        `${RELEASES.toLocaleString('en')} releases, ${(bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(bytes / RELEASES)} B each), written in ${ms(genMs)}`,
      ],
    ];
    let parse: PhaseResult | undefined;
    let indicators: PhaseResult | undefined;
    for (let r = 0; r < REPEATS; r++) {
      const p = await inChild('parse', file);
      const i = await inChild('indicators', file);
      if (p.releases !== RELEASES || i.releases !== RELEASES) throw new Error(`read ${p.releases} / ${i.releases} of ${RELEASES} releases`);
      if (i.issues !== 0) throw new Error(`indicators reported ${i.issues} issues on generated data`);
      if (!parse || p.ms < parse.ms) parse = p;
      if (!indicators || i.ms < indicators.ms) indicators = i;
    }
    const flags = indicators!.flags ?? {};
    if (Object.keys(flags).length === 0) throw new Error('no indicator flagged anything');
    rows.push(
      [
        `(a) read lines + JSON.parse only${REPEATS > 1 ? ` (best of ${REPEATS})` : ''}`,
        `${ms(parse!.ms)}, ${rate(RELEASES, parse!.ms)}, peak RSS ${parse!.peakMb.toFixed(0)} MiB`,
      ],
      [
        '(b) `procurement indicators` (11 + R044, defaults)',
        `${ms(indicators!.ms)}, ${rate(RELEASES, indicators!.ms)}, peak RSS ${indicators!.peakMb.toFixed(0)} MiB`,
      ],
      [
        '(b) / (a) (aim: at most 1.5)',
        `${(indicators!.ms / parse!.ms).toFixed(2)} wall time, ${(indicators!.cpuMs / parse!.cpuMs).toFixed(2)} CPU time`,
      ],
      ['flags (ids flagged, any group)', INDICATOR_CODES.map((c) => `${c} ${flags[c] ?? 0}`).join(', ')],
    );
    if (process.env.TEST_DATABASE_URL && INGEST > 0) {
      const slice = path.join(dir, 'slice.jsonl');
      const n = Math.min(INGEST, RELEASES);
      await sliceLines(file, slice, n);
      const ingest = await inChild('ingest', slice);
      if (ingest.releases !== n) throw new Error(`ingest inserted ${ingest.releases} of ${n}`);
      rows.push([
        `(c) ingest ${n.toLocaleString('en')} into PostgreSQL (one transaction)`,
        `${ms(ingest.ms)}, ${rate(n, ingest.ms)}, peak RSS ${ingest.peakMb.toFixed(0)} MiB`,
      ]);
    } else {
      rows.push(['(c) ingest into PostgreSQL', 'skipped: set TEST_DATABASE_URL']);
    }
    report('Procurement indicators over generated compiled releases (JSON lines, each phase in its own process)', rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--phase' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPhase(process.argv[3], process.argv[4]).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`bench phase failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
