import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { formatIndicatorOutput, startIndicatorRun } from './core/compute-indicators.js';
import { findTypeIssues } from './core/release-types.js';
import { createEmptySettings, type IndicatorSettings } from './core/settings.js';
import type { IndicatorOutput } from './core/types.js';
import { readCardinalSettings } from './formats/cardinal-ini.js';
import { DEFAULT_MAX_ITEM_MIB, readLimitsOption, type TextLimits } from './formats/text-input.js';
import { readJsonLines, type LineIssue } from './formats/json-lines.js';
import { registerPrepareCommand } from './prepare-command.js';
import { registerRatesCommand } from './commands/rates-command.js';
import { registerCompileCommand } from './compile-command.js';
import { registerIngestCommand, type OpenDeps } from './commands/ingest-command.js';

/** A problem found in the input: a malformed line, or a field of the wrong type at a JSON path. */
export interface InputIssue extends LineIssue {
  path?: string;
}

/** Settings with Cardinal's eleven merged indicators enabled with their defaults (no settings file given). */
export function createDefaultIndicatorSettings(): IndicatorSettings {
  return { ...createEmptySettings(), R003: {}, R018: {}, R024: {}, R025: {}, R028: {}, R030: {}, R035: {}, R036: {}, R038: {}, R048: {}, R058: {} };
}

/**
 * Computes the indicators over a JSON-lines file of compiled releases, streaming it line by line
 * (memory bounded by `limits`, default 8 MiB per line). As Cardinal does, a malformed line (or one
 * over the limits) is reported as an issue and skipped, and wrongly typed fields are reported with
 * their path; valid lines are never lost. A file that is not UTF-8 text, or whose non-blank lines
 * are all refused (random bytes, a document that is not JSON lines), is refused: `invalid_input`
 * naming the first bad line, so no one reads an empty result as "no red flags".
 */
export async function computeIndicatorsFromFile(
  file: string,
  settings: IndicatorSettings,
  options: { meta?: boolean; limits?: TextLimits } = {},
): Promise<{ output: IndicatorOutput; issues: InputIssue[]; lines: number }> {
  const run = startIndicatorRun(settings);
  const issues: InputIssue[] = [];
  let lines = 0;
  let refused = 0;
  const onIssue = (issue: LineIssue) => {
    refused += 1;
    issues.push(issue);
  };
  try {
    for await (const { line, value } of readJsonLines(file, onIssue, { limits: options.limits })) {
      lines += 1;
      for (const t of findTypeIssues(value)) issues.push({ line, path: t.path, error: `expected ${t.expected}, got ${t.actual}` });
      run.add(value);
    }
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${file}: ${e.message}`, { fields: e.fields });
    throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
  }
  if (lines === 0 && refused > 0) {
    const first = issues[0];
    throw new AppError(
      'invalid_input',
      `${file} is not JSON lines of compiled releases: none of its ${refused} non-blank lines is a JSON value (line ${first.line}: ${first.error})`,
      { fields: { file: `line ${first.line}: ${first.error}` } },
    );
  }
  return { output: run.finish(options), issues, lines };
}

function readSettingsFile(file: string | undefined): IndicatorSettings {
  if (file === undefined) return createDefaultIndicatorSettings();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('invalid_input', `cannot read settings file ${file}: ${(e as Error).message}`, { fields: { settings: 'unreadable' } });
  }
  return readCardinalSettings(text).indicators;
}

/**
 * Adds `polity procurement indicators FILE [--settings FILE.ini] [--no-meta] [--json]`, `polity procurement prepare`,
 * `polity procurement compile`, and (given `openDeps`, which opens the database) `polity procurement ingest` and `polity procurement rates import`.
 */
export function registerProcurementCommands(program: Command, opts: { openDeps?: OpenDeps } = {}): void {
  const procurement = program.command('procurement').description('public procurement risk monitoring from OCDS data');
  procurement
    .command('indicators')
    .description("compute Cardinal's red-flag indicators over compiled releases (one JSON object per line)")
    .argument('<file>', 'a JSON-lines file of OCDS compiled releases (UTF-8)')
    .option('--settings <file>', "Cardinal's INI settings (default: all eleven indicators with their defaults)")
    .option('--max-item-size <MiB>', `the longest line read, in MiB (default ${DEFAULT_MAX_ITEM_MIB}); longer lines are reported and skipped`)
    .option('--no-meta', 'leave out the quartiles and fences (Meta)')
    .option('--json', 'print indented JSON')
    .addHelpText(
      'after',
      '\nA malformed line is reported on standard error and skipped, as Cardinal does. A file that is not UTF-8 text\n' +
        '(Latin-1, UTF-16, random bytes), or none of whose lines is JSON, is refused with exit status 1.',
    )
    .action(async (file: string, opts: { settings?: string; meta: boolean; json?: boolean; maxItemSize?: string }) => {
      const settings = readSettingsFile(opts.settings);
      const limits = readLimitsOption(opts.maxItemSize);
      const { output, issues } = await computeIndicatorsFromFile(file, settings, { meta: opts.meta, limits });
      for (const issue of issues) process.stderr.write(`line ${issue.line}${issue.path ? ` ${issue.path}` : ''}: ${issue.error}\n`);
      process.stdout.write(formatIndicatorOutput(output, opts.json ? 2 : 0) + '\n');
    });
  registerPrepareCommand(procurement);
  registerCompileCommand(procurement);
  if (opts.openDeps) {
    registerIngestCommand(procurement, opts.openDeps);
    registerRatesCommand(procurement, opts.openDeps);
  }
}
