import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { formatIndicatorOutput, startIndicatorRun } from './core/compute-indicators.js';
import { findTypeIssues } from './core/release-types.js';
import { createEmptySettings, type IndicatorSettings } from './core/settings.js';
import type { IndicatorOutput } from './core/types.js';
import { readCardinalSettings } from './formats/cardinal-ini.js';
import { readJsonLines, type LineIssue } from './formats/json-lines.js';
import { registerPrepareCommand } from './prepare-command.js';
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
 * Computes the indicators over a JSON-lines file of compiled releases, streaming it line by line.
 * Malformed lines and wrongly typed fields are collected as issues; valid lines are never lost.
 */
export async function computeIndicatorsFromFile(
  file: string,
  settings: IndicatorSettings,
  options: { meta?: boolean } = {},
): Promise<{ output: IndicatorOutput; issues: InputIssue[]; lines: number }> {
  const run = startIndicatorRun(settings);
  const issues: InputIssue[] = [];
  let lines = 0;
  for await (const { line, value } of readJsonLines(file, (issue) => issues.push(issue))) {
    lines += 1;
    for (const t of findTypeIssues(value)) issues.push({ line, path: t.path, error: `expected ${t.expected}, got ${t.actual}` });
    run.add(value);
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
 * `polity procurement compile`, and (given `openDeps`, which opens the database) `polity procurement ingest`.
 */
export function registerProcurementCommands(program: Command, opts: { openDeps?: OpenDeps } = {}): void {
  const procurement = program.command('procurement').description('public procurement risk monitoring from OCDS data');
  procurement
    .command('indicators')
    .description("compute Cardinal's red-flag indicators over compiled releases (one JSON object per line)")
    .argument('<file>', 'a JSON-lines file of OCDS compiled releases')
    .option('--settings <file>', "Cardinal's INI settings (default: all eleven indicators with their defaults)")
    .option('--no-meta', 'leave out the quartiles and fences (Meta)')
    .option('--json', 'print indented JSON')
    .action(async (file: string, opts: { settings?: string; meta: boolean; json?: boolean }) => {
      const settings = readSettingsFile(opts.settings);
      const { output, issues } = await computeIndicatorsFromFile(file, settings, { meta: opts.meta });
      for (const issue of issues) process.stderr.write(`line ${issue.line}${issue.path ? ` ${issue.path}` : ''}: ${issue.error}\n`);
      process.stdout.write(formatIndicatorOutput(output, opts.json ? 2 : 0) + '\n');
    });
  registerPrepareCommand(procurement);
  registerCompileCommand(procurement);
  if (opts.openDeps) registerIngestCommand(procurement, opts.openDeps);
}
