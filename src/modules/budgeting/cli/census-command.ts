import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { resolveSiteForHost } from '../../sites/index.js';
import { importCensus, type BadCensusRow, type CensusReport } from '../commands/eligibility.js';
import { findProcessBySlug } from '../store/queries.js';

/** Opens the database and the rest of `Deps` for a command (given by the CLI layer, which may reach the server's wiring). */
export type OpenDeps = () => Promise<{ deps: Deps; close(): Promise<void> }>;

/** Where the command writes: its summary (standard output) and the rows it did not import (standard error). */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Options of `polity budgeting census import`. */
export interface CensusImportOptions {
  site?: string;
  idColumn?: string;
  districtColumn?: string;
}

/** What each bad row's code means, for the command line (the page words them from the catalogue). */
const BAD_ROW_TEXT: Record<BadCensusRow, string> = {
  unreadable: 'the line cannot be read (check the quotes)',
  no_identifier: 'no identifier',
  too_long: 'the identifier is longer than 128 characters',
  no_district: 'no district',
  unknown_district: 'this process has no such district',
};

/** One row that was not imported, naming its line and the column at fault: `line 4, column "district": ...`. */
export function describeBadCensusRow(row: CensusReport['badRows'][number], columns: { id: string; district: string | null }): string {
  const column =
    row.reason === 'unreadable' ? null : row.reason === 'no_district' || row.reason === 'unknown_district' ? columns.district : columns.id;
  return `line ${row.line}${column ? `, column "${column}"` : ''}: ${BAD_ROW_TEXT[row.reason]}${row.value !== undefined ? ` (found "${row.value}")` : ''}`;
}

/** The one line that sums an import up: rows read, people added, duplicates skipped, rows not imported. */
export function summarizeCensusReport(r: CensusReport): string {
  const n = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;
  return (
    `${n(r.rowsRead, 'row', 'rows')} read: ${n(r.imported, 'person', 'people')} added, ` +
    `${n(r.duplicates.length, 'duplicate', 'duplicates')} skipped, ${n(r.badRows.length, 'row', 'rows')} not imported`
  );
}

/** A refusal as the command prints it: each field with its reason (`idColumn: the file has no column "id" ...`), else the message. */
function describeRefusal(error: AppError): string {
  const fields = Object.entries(error.fields);
  return fields.length ? fields.map(([field, reason]) => `${field === 'csv' ? 'file' : field}: ${reason}`).join('\n') : error.message;
}

/**
 * Loads the census (the list of eligible voters) of the process `slug` on the site at `opts.site`
 * (default: the default site) from a CSV file, with the same command as the census page and the
 * API (`importCensus`): only keyed hashes of the identifiers are stored, people already listed are
 * skipped, and the good rows are added even when some are bad. Prints a summary line on standard
 * output and each row not imported (line and column) on standard error; status 1 when some rows
 * were not imported, 2 when the file or the process is refused (nothing stored then), else 0.
 */
export async function runCensusImportCommand(
  deps: Deps,
  slug: string,
  file: string,
  opts: CensusImportOptions,
  out: CommandOutput,
): Promise<{ report: CensusReport | null; status: 0 | 1 | 2 }> {
  const host = opts.site ?? 'localhost';
  const site = await resolveSiteForHost(deps.db, host);
  if (!site) {
    out.stderr(`no site answers to ${host}\n`);
    return { report: null, status: 2 };
  }
  const row = await findProcessBySlug(deps.db, site.id, slug);
  if (!row) {
    out.stderr(`no budgeting process "${slug}" on ${host}\n`);
    return { report: null, status: 2 };
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (e) {
    out.stderr(`cannot read ${file}: ${(e as Error).message}\n`);
    return { report: null, status: 2 };
  }
  out.stderr(`reading ${file} into the list of eligible voters of "${row.title}"...\n`);
  let report: CensusReport;
  try {
    report = await importCensus(deps, site.id, row, { csv, idColumn: opts.idColumn, districtColumn: opts.districtColumn });
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'internal') throw e;
    out.stderr(`${describeRefusal(e)}\nnothing imported\n`);
    return { report: null, status: 2 };
  }
  const columns = {
    id: (opts.idColumn?.trim() || 'id').toLowerCase(),
    district: opts.districtColumn?.trim() ? opts.districtColumn.trim().toLowerCase() : null,
  };
  for (const bad of report.badRows) out.stderr(describeBadCensusRow(bad, columns) + '\n');
  for (const dup of report.duplicates)
    out.stderr(
      `line ${dup.line}: skipped, ${dup.reason === 'in_file' ? 'the same identifier appears earlier in the file' : 'already on the list'}\n`,
    );
  out.stdout(summarizeCensusReport(report) + '\n');
  return { report, status: report.badRows.length > 0 ? 1 : 0 };
}

/** Adds `polity budgeting census import <process-slug> <file.csv> [--site HOST] [--id-column NAME] [--district-column NAME]`. */
export function registerCensusCommand(budgeting: Command, openDeps: OpenDeps): void {
  const census = budgeting.command('census').description('the list of eligible voters of a process (census eligibility)');
  census
    .command('import')
    .description('load the list of eligible voters of a process from a CSV file (only keyed hashes of the identifiers are kept)')
    .argument('<process-slug>', "the process's short name, as in /budgeting/<process-slug>")
    .argument('<file>', 'a UTF-8 CSV file with a header line')
    .option('--site <host>', 'the site (a host name); default: the default site')
    .option('--id-column <name>', 'the column with the identifier', 'id')
    .option('--district-column <name>', 'the column with the district (its short name or name), when residents vote in their district')
    .addHelpText(
      'after',
      '\nThe first line names the columns; cells are separated by commas or semicolons. People already on the list\n' +
        'are skipped. Rows without an identifier or with an unknown district are reported with their line and column\n' +
        'and not imported (exit status 1); the others are added. A file without the named column is refused (exit status 2).',
    )
    .action(async (slug: string, file: string, opts: CensusImportOptions) => {
      const opened = await openDeps();
      try {
        const r = await runCensusImportCommand(opened.deps, slug, file, opts, {
          stdout: (t) => void process.stdout.write(t),
          stderr: (t) => void process.stderr.write(t),
        });
        if (r.status !== 0) process.exitCode = r.status;
      } finally {
        await opened.close();
      }
    });
}
