import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { createPreparePlan, prepareRelease, type PrepareRow } from './core/prepare.js';
import { readCardinalSettings, type PrepareSettings } from './formats/cardinal-ini.js';
import { csvField, formatNumber, JsonFloat, parseCardinalJson, stringifyCardinalJson } from './formats/cardinal-json.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_MAX_ITEM_MIB,
  decodeUtf8Text,
  describeTooLong,
  findJsonExcess,
  readLimitsOption,
  splitTextLines,
  type TextLimits,
} from './formats/text-input.js';

/** Formats one row as Cardinal writes it (Rust `csv` crate): `line,ocid,path,indexes,value,error` and a newline. */
export function formatPrepareRow(row: PrepareRow): string {
  const ocid =
    row.ocid === null || row.ocid === undefined
      ? ''
      : typeof row.ocid === 'string'
        ? row.ocid
        : typeof row.ocid === 'number' || row.ocid instanceof JsonFloat
          ? formatNumber(row.ocid)
          : typeof row.ocid === 'boolean'
            ? String(row.ocid)
            : JSON.stringify(row.ocid);
  return [String(row.line), ocid, row.path, row.indexes, row.value, row.error].map(csvField).join(',') + '\n';
}

/** Where `prepare` writes: corrected lines, Cardinal's issue rows, optionally every correction, and warnings about skipped lines. */
export interface PrepareSinks {
  output: (text: string) => void;
  issues: (text: string) => void;
  corrections?: (text: string) => void;
  warn: (message: string) => void;
}

/** Counts from one `prepare` run. */
export interface PrepareSummary {
  lines: number;
  prepared: number;
  skipped: number;
  issues: number;
  corrections: number;
}

/**
 * Runs Cardinal's `prepare` over a JSON-lines stream, one line at a time (memory bounded by
 * `limits`, default 8 MiB per line): each JSON object is corrected and written as one line; invalid
 * JSON, non-object, too long, too deep and too large lines are skipped with a warning naming the line
 * (blank lines silently), as Cardinal does. Input that is not UTF-8 text, or none of whose non-blank
 * lines is a JSON object, is refused (`invalid_input` naming the line).
 */
export async function prepareStream(
  input: AsyncIterable<string | Uint8Array>,
  settings: PrepareSettings,
  sinks: PrepareSinks,
  opts: { limits?: TextLimits } = {},
): Promise<PrepareSummary> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const plan = createPreparePlan(settings);
  const summary: PrepareSummary = { lines: 0, prepared: 0, skipped: 0, issues: 0, corrections: 0 };
  let firstSkipped: string | null = null;
  const skip = (message: string) => {
    summary.skipped += 1;
    firstSkipped ??= message;
    sinks.warn(message);
  };
  for await (const l of splitTextLines(decodeUtf8Text(input), limits.maxItemChars)) {
    summary.lines = l.line;
    const line = l.line;
    if (l.tooLong !== undefined) {
      skip(`Line ${line} is too long, skipping. [${describeTooLong(l.tooLong, limits)}]`);
      continue;
    }
    const text = l.text;
    if (text.trim() === '') continue;
    const excess = findJsonExcess(text, limits);
    if (excess) {
      skip(`Line ${line} is too complex, skipping. [${excess}]`);
      continue;
    }
    let value: unknown;
    try {
      value = parseCardinalJson(text);
    } catch (e) {
      skip(`Line ${line} is invalid JSON, skipping. [${(e as Error).message}]`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof JsonFloat) {
      skip(`Line ${line} is not a JSON object, skipping.`);
      continue;
    }
    const result = prepareRelease(value as Record<string, unknown>, line, plan);
    for (const row of result.issues) sinks.issues(formatPrepareRow(row));
    if (sinks.corrections) for (const row of result.corrections) sinks.corrections(formatPrepareRow(row));
    summary.issues += result.issues.length;
    summary.corrections += result.corrections.length;
    sinks.output(stringifyCardinalJson(result.release) + '\n');
    summary.prepared += 1;
  }
  if (summary.prepared === 0 && firstSkipped !== null)
    throw new AppError('invalid_input', `the input is not JSON lines of compiled releases: no line is a JSON object (${firstSkipped})`, {
      fields: { file: firstSkipped },
    });
  return summary;
}

function readPrepareSettings(file: string | undefined): PrepareSettings {
  if (file === undefined) return readCardinalSettings('').prepare;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('invalid_input', `cannot read settings file ${file}: ${(e as Error).message}`, { fields: { settings: 'unreadable' } });
  }
  return readCardinalSettings(text).prepare;
}

function openSink(file: string | undefined, fallback: Writable): { write: (text: string) => void; close: () => Promise<void> } {
  if (file === undefined || file === '-') return { write: (t) => void fallback.write(t), close: () => Promise.resolve() };
  const stream = createWriteStream(file, { encoding: 'utf8' });
  return {
    write: (t) => void stream.write(t),
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.end(resolve);
      }),
  };
}

/** Adds `polity procurement prepare FILE [--settings FILE.ini] [--output FILE] [--errors FILE] [--corrections FILE]`. */
export function registerPrepareCommand(procurement: Command): void {
  procurement
    .command('prepare')
    .description(
      "correct quality issues in compiled releases as Cardinal's prepare does: corrected lines to standard output, " +
        'quality issues as CSV rows (line,ocid,path,indexes,value,error) to standard error',
    )
    .argument('<file>', 'a JSON-lines file of OCDS compiled releases, or - for standard input')
    .option('--settings <file>', "Cardinal's INI settings ([defaults], [redactions], [corrections], [modifications], [codelists.*])")
    .option('--output <file>', 'write the corrected lines to this file instead of standard output')
    .option('--errors <file>', 'write the quality issues (CSV) to this file instead of standard error (- for standard output)')
    .option('--corrections <file>', 'also write a CSV row (same columns) for every correction applied, naming the change')
    .option('--max-item-size <MiB>', `the longest line read, in MiB (default ${DEFAULT_MAX_ITEM_MIB}); longer lines are skipped with a warning`)
    .addHelpText(
      'after',
      '\nA line that is not a JSON object is skipped with a warning, as Cardinal does. Input that is not UTF-8 text\n' +
        '(Latin-1, UTF-16, random bytes), or none of whose lines is a JSON object, is refused with exit status 1.',
    )
    .action(async (file: string, opts: { settings?: string; output?: string; errors?: string; corrections?: string; maxItemSize?: string }) => {
      const settings = readPrepareSettings(opts.settings);
      const limits = readLimitsOption(opts.maxItemSize);
      const output = openSink(opts.output, process.stdout);
      const issues = opts.errors === undefined ? openSink(undefined, process.stderr) : openSink(opts.errors, process.stdout);
      const corrections = opts.corrections === undefined ? undefined : openSink(opts.corrections, process.stdout);
      if (file !== '-') {
        try {
          if (!statSync(file).isFile()) throw new Error('not a file');
        } catch (e) {
          throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
        }
      }
      const input = file === '-' ? process.stdin : createReadStream(file);
      try {
        await prepareStream(
          input,
          settings,
          {
            output: output.write,
            issues: issues.write,
            corrections: corrections?.write,
            warn: (message) => void process.stderr.write(`WARN ${message}\n`),
          },
          { limits },
        );
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `${file === '-' ? 'standard input' : file}: ${e.message}`, { fields: e.fields });
        throw e;
      } finally {
        await Promise.all([output.close(), issues.close(), corrections?.close()]);
      }
    });
}
