import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { resolveSiteForHost } from '../../sites/index.js';
import type { RateIssue, RateIssueCode } from '../formats/exchange-rates-csv.js';
import { saveReferenceCurrency } from '../store/currency.js';
import { importExchangeRates, referenceCurrencyInput } from './exchange-rates.js';
import type { OpenDeps } from './ingest-command.js';

/** What each refused row's code means, for the command line (the pages word them from the catalogue). */
const ISSUE_TEXT: Record<RateIssueCode, string> = {
  columns: 'the header must name the columns date, currency and rate',
  syntax: 'the CSV cannot be read here (unbalanced quotes?)',
  date: 'must be a day written YYYY-MM-DD',
  currency: 'must be a three-letter ISO 4217 code such as USD',
  rate: 'must be a number above 0 (units of the currency per one unit of the reference currency)',
  duplicate: 'this currency already has a rate for this day in the file',
  reference: 'is the reference currency itself (its rate is always 1)',
};

/** One refused row as the command prints it: "line 4 currency: must be ... (got "usd")". */
export function describeRateIssue(issue: RateIssue): string {
  return `line ${issue.line}${issue.column ? ` ${issue.column}` : ''}: ${ISSUE_TEXT[issue.code]}${issue.value !== undefined ? ` (got "${issue.value}")` : ''}`;
}

/**
 * Imports a CSV of exchange rates (`date,currency,rate`) into the site at `opts.site` (default: the
 * default site) as the operator, after setting the reference currency when `opts.reference` is
 * given. All or nothing: returns status 1 with every refused row on standard error when any row is
 * refused (nothing stored), else 0 with the count on standard output.
 */
export async function runRatesImportCommand(
  deps: Deps,
  file: string,
  opts: { site?: string; reference?: string },
  out: { stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<{ imported: number; status: 0 | 1 }> {
  const site = await resolveSiteForHost(deps.db, opts.site ?? 'localhost');
  if (!site) throw new AppError('invalid_input', `no site answers to ${opts.site ?? 'localhost'}`, { fields: { site: 'unknown host' } });
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
  }
  if (opts.reference !== undefined) {
    const { referenceCurrency } = parseInput(referenceCurrencyInput, { referenceCurrency: opts.reference });
    await saveReferenceCurrency(deps.db, site.id, referenceCurrency, null, deps.clock.now());
  }
  const r = await importExchangeRates(deps, site.id, { kind: 'operator' }, csv);
  if (r.issueCount > 0) {
    for (const issue of r.issues) out.stderr(describeRateIssue(issue) + '\n');
    if (r.issueCount > r.issues.length) out.stderr(`... and ${r.issueCount - r.issues.length} more refused rows\n`);
    out.stderr(`${r.issueCount} rows refused; nothing stored\n`);
    return { imported: 0, status: 1 };
  }
  out.stdout(`${r.imported} rates stored\n`);
  return { imported: r.imported, status: 0 };
}

/** Adds `polity procurement rates import FILE.csv [--site HOST] [--reference CUR]`. */
export function registerRatesCommand(procurement: Command, openDeps: OpenDeps): void {
  const rates = procurement.command('rates').description('exchange rates the auditors compare procurement values with');
  rates
    .command('import')
    .description('import a CSV of exchange rates (date,currency,rate), all or nothing')
    .argument('<file>', 'a UTF-8 CSV file')
    .option('--site <host>', 'the site (a host name); default: the default site')
    .option('--reference <code>', 'set the reference currency (ISO 4217) first')
    .addHelpText(
      'after',
      '\nColumns: date (YYYY-MM-DD), currency (ISO 4217), rate: how many units of the currency buy ONE unit of\n' +
        'the reference currency that day (with EUR as reference, "2025-03-03,USD,1.0465" means 1 EUR = 1.0465 USD).\n' +
        'Every refused row is reported with its line and nothing is stored (exit status 1).',
    )
    .action(async (file: string, opts: { site?: string; reference?: string }) => {
      const opened = await openDeps();
      try {
        const r = await runRatesImportCommand(opened.deps, file, opts, {
          stdout: (t) => void process.stdout.write(t),
          stderr: (t) => void process.stderr.write(t),
        });
        if (r.status !== 0) process.exitCode = r.status;
      } finally {
        await opened.close();
      }
    });
}
