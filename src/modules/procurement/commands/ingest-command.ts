import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { resolveSiteForHost } from '../../sites/index.js';
import { fetchWithBackoff } from '../jobs/http-fetch.js';
import { findSourceByName } from '../store/sources.js';
import { DEFAULT_MAX_ITEM_MIB, readLimitsOption } from '../formats/text-input.js';
import { describeIssue, ingestReleaseStream, type IngestProgress } from './ingest-releases.js';
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

/** What `polity procurement ingest --help` says of the policy (the one place it is written for people). */
export const INGEST_POLICY_HELP = `
A file is stored ALL OR NOTHING: its releases are written in one transaction, and if any item (a JSON
line, or a release or record of a package) is refused, nothing of the file is stored and the command
exits with status 1. An item is refused when it is not valid JSON, is longer than --max-item-size or
nested deeper than 64 levels, has no ocid or release id, repeats a release id with other content, or
holds a value that cannot be read faithfully: a date that is not ISO 8601, does not exist (2023-02-30)
or is outside the years 1900-2200; an amount that is not a finite number or is beyond 2^53; a negative
price (tender, lot, award, contract, bid or unit value; OCDS allows negative budget and transaction
amounts); a field the indicators read with the wrong type. Each refused item is reported on standard
error as "line N PATH: reason", e.g. "line 17 releases[0].tender.value.amount: must be a non-negative
number, not -5". Empty strings and null count as missing values.
With --keep-going the valid items are stored, the refused ones reported and left out, and the command
exits with status 2 if any was refused. Input that is not UTF-8 (Latin-1, UTF-16, random bytes), a
broken document, or a file cut short inside a document is always refused whole (status 1).
Exit status: 0 all stored; 1 nothing stored; 2 (--keep-going) stored except the refused items.`;

/**
 * Ingests FILE|URL into the site at `--site` (default: the default site) as source `--source`
 * (created as an upload source with `--settings` when it does not exist; its `prepare` settings
 * apply), all or nothing unless `keepGoing` (see {@link INGEST_POLICY_HELP}). Prints a progress bar
 * on a terminal (bytes read, releases, new ones) and a summary; each refused item goes to standard
 * error with its line and JSON path as it is found. Returns the exit status: 0, or 2 when items were
 * refused under `keepGoing`; a refused file throws `invalid_input` (nothing stored).
 */
export async function runIngestCommand(
  deps: Deps,
  target: string,
  opts: { site?: string; source?: string; settings?: string; progress?: boolean; keepGoing?: boolean; maxItemSize?: string },
  out: { stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<{ inserted: number; issues: number; refused: number; status: 0 | 2 }> {
  const limits = readLimitsOption(opts.maxItemSize);
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
  // A refused item is reported at once, above the bar (which redraws below it).
  const onIssue = (issue: { line: number; path?: string; error: string }) => {
    if (bar) process.stderr.write('\r\x1b[K');
    out.stderr(describeIssue(issue) + '\n');
  };
  try {
    const { summary, bytes } = await ingestReleaseStream(deps, site.id, input, {
      sourceId,
      settings,
      label: target,
      onProgress: tick,
      onIssue,
      keepGoing: opts.keepGoing,
      limits,
    });
    bar?.update(bytes, { releases: summary.releases, inserted: summary.inserted });
    bar?.stop();
    if (summary.items === 0 && summary.skipped === 0)
      throw new AppError('invalid_input', `${target} holds no OCDS release, record or package`, { fields: { file: 'no releases' } });
    out.stdout(
      `${summary.releases} releases read (${summary.items} items), ${summary.inserted} new, ${summary.duplicates} already stored, ` +
        `${summary.processesChanged} processes updated, ${summary.corrections} corrections, ${summary.skipped} items refused` +
        (summary.processesChanged > 0 ? '; their risk assessment is queued for the job worker\n' : '\n'),
    );
    if (summary.skipped > 0) out.stderr(`${summary.skipped} items refused and not stored (--keep-going); the other items are stored\n`);
    return { inserted: summary.inserted, issues: summary.issues.length, refused: summary.skipped, status: summary.skipped > 0 ? 2 : 0 };
  } catch (e) {
    bar?.stop();
    throw e;
  }
}

/** Adds `polity procurement ingest FILE|URL [--site HOST] [--source NAME] [--settings FILE.ini] [--keep-going] [--max-item-size MIB] [--no-progress]`. */
export function registerIngestCommand(procurement: Command, openDeps: OpenDeps): void {
  procurement
    .command('ingest')
    .description(
      'load OCDS release packages, record packages, JSON arrays or JSON lines into the database ' +
        '(streamed; all or nothing unless --keep-going; re-ingesting changes nothing)',
    )
    .argument('<file>', 'a file or an http(s) URL')
    .option('--site <host>', 'the site (a host name) to load into; default: the default site')
    .option('--source <name>', 'the source to attribute the releases to (created as an upload source if new); its prepare settings apply')
    .option('--settings <file>', "Cardinal's INI settings for a new --source (prepare sections)")
    .option('--keep-going', 'store the valid items and report the refused ones (exit status 2 if any), instead of refusing the whole file')
    .option('--max-item-size <MiB>', `the longest JSON line, release or record read, in MiB (default ${DEFAULT_MAX_ITEM_MIB})`)
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', INGEST_POLICY_HELP)
    .action(
      async (
        file: string,
        opts: { site?: string; source?: string; settings?: string; progress: boolean; keepGoing?: boolean; maxItemSize?: string },
      ) => {
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
        readLimitsOption(opts.maxItemSize);
        const opened = await openDeps();
        try {
          const r = await runIngestCommand(
            opened.deps,
            file,
            { ...opts, settings, progress: opts.progress && process.stderr.isTTY },
            {
              stdout: (t) => void process.stdout.write(t),
              stderr: (t) => void process.stderr.write(t),
            },
          );
          if (r.status !== 0) process.exitCode = r.status;
        } finally {
          await opened.close();
        }
      },
    );
}
