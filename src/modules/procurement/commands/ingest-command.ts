import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { resolveSiteForHost } from '../../sites/index.js';
import { fetchWithBackoff } from '../jobs/http-fetch.js';
import { findSourceByName } from '../store/sources.js';
import { ingestReleaseStream, type IngestProgress } from './ingest-releases.js';
import { createSource } from './source-commands.js';

/** Opens the database and the rest of `Deps` for a command (given by the CLI layer, which may reach the server's wiring). */
export type OpenDeps = () => Promise<{ deps: Deps; close(): Promise<void> }>;

/** Where an ingest reads from: a local file (its size known) or an http(s) URL (its Content-Length, when sent). */
async function openInput(target: string): Promise<{ input: AsyncIterable<string | Uint8Array>; total: number | null }> {
  if (/^https?:\/\//i.test(target)) {
    const res = await fetchWithBackoff(target, { headers: { accept: 'application/json, application/x-ndjson, */*' } });
    if (!res.body) throw new AppError('invalid_input', `${target} sent no body`, { fields: { file: 'empty answer' } });
    const length = Number(res.headers.get('content-length'));
    return { input: res.body as unknown as AsyncIterable<Uint8Array>, total: Number.isFinite(length) && length > 0 ? length : null };
  }
  let size: number;
  try {
    const stat = statSync(target);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (e) {
    throw new AppError('invalid_input', `cannot read ${target}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
  }
  return { input: createReadStream(target), total: size };
}

/**
 * Ingests FILE|URL into the site at `--site` (default: the default site) as source `--source`
 * (created as an upload source with `--settings` when it does not exist; its `prepare` settings
 * apply). Prints a progress bar on a terminal (bytes read, releases, new ones) and a summary;
 * issues go to standard error with their line and JSON path.
 */
export async function runIngestCommand(
  deps: Deps,
  target: string,
  opts: { site?: string; source?: string; settings?: string; progress?: boolean },
  out: { stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<{ inserted: number; issues: number }> {
  const site = await resolveSiteForHost(deps.db, opts.site ?? 'localhost');
  if (!site) throw new AppError('invalid_input', `no site answers to ${opts.site ?? 'localhost'}`, { fields: { site: 'unknown host' } });
  let sourceId: string | null = null;
  let settings = '';
  if (opts.source) {
    const source =
      (await findSourceByName(deps.db, site.id, opts.source)) ??
      (await createSource(deps, site.id, { name: opts.source, kind: 'upload', settings: opts.settings ?? '' }));
    sourceId = source.id;
    settings = source.settings;
  } else if (opts.settings) {
    throw new AppError('invalid_input', '--settings needs --source (settings belong to a source)', { fields: { settings: 'needs --source' } });
  }
  const { input, total } = await openInput(target);
  const bar =
    opts.progress === false
      ? null
      : new cliProgress.SingleBar(
          {
            format: total
              ? 'ingest |{bar}| {percentage}% | {value}/{total} bytes | {releases} releases, {inserted} new'
              : 'ingest | {value} bytes | {releases} releases, {inserted} new',
            hideCursor: true,
            noTTYOutput: false,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
  bar?.start(total ?? 0, 0, { releases: 0, inserted: 0 });
  const tick = (p: IngestProgress) => bar?.update(p.bytes, { releases: p.releases, inserted: p.inserted });
  try {
    const { summary, bytes } = await ingestReleaseStream(deps, site.id, input, { sourceId, settings, label: target, onProgress: tick });
    bar?.update(bytes, { releases: summary.releases, inserted: summary.inserted });
    bar?.stop();
    for (const issue of summary.issues) out.stderr(`line ${issue.line}${issue.path ? ` ${issue.path}` : ''}: ${issue.error}\n`);
    out.stdout(
      `${summary.releases} releases read (${summary.items} items), ${summary.inserted} new, ${summary.duplicates} already stored, ` +
        `${summary.processesChanged} processes updated, ${summary.corrections} corrections, ${summary.skipped} skipped` +
        (summary.processesChanged > 0 ? '; their risk assessment is queued for the job worker\n' : '\n'),
    );
    return { inserted: summary.inserted, issues: summary.issues.length };
  } catch (e) {
    bar?.stop();
    throw e;
  }
}

/** Adds `polity procurement ingest FILE|URL [--site HOST] [--source NAME] [--settings FILE.ini] [--no-progress]`. */
export function registerIngestCommand(procurement: Command, openDeps: OpenDeps): void {
  procurement
    .command('ingest')
    .description('load OCDS release packages, record packages, JSON arrays or JSON lines into the database (streamed; re-ingesting changes nothing)')
    .argument('<file>', 'a file or an http(s) URL')
    .option('--site <host>', 'the site (a host name) to load into; default: the default site')
    .option('--source <name>', 'the source to attribute the releases to (created as an upload source if new); its prepare settings apply')
    .option('--settings <file>', "Cardinal's INI settings for a new --source (prepare sections)")
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, opts: { site?: string; source?: string; settings?: string; progress: boolean }) => {
      let settings: string | undefined;
      if (opts.settings) {
        const { readFileSync } = await import('node:fs');
        try {
          settings = readFileSync(opts.settings, 'utf8');
        } catch (e) {
          throw new AppError('invalid_input', `cannot read settings file ${opts.settings}: ${(e as Error).message}`, {
            fields: { settings: 'unreadable' },
          });
        }
      }
      const opened = await openDeps();
      try {
        await runIngestCommand(
          opened.deps,
          file,
          { ...opts, settings, progress: opts.progress && process.stderr.isTTY },
          {
            stdout: (t) => void process.stdout.write(t),
            stderr: (t) => void process.stderr.write(t),
          },
        );
      } finally {
        await opened.close();
      }
    });
}
