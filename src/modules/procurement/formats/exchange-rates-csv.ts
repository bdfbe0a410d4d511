/**
 * Reads a CSV of reference exchange rates: a header `date,currency,rate` (in any order, other
 * columns ignored), then one rate a row: the day (YYYY-MM-DD), the ISO 4217 code of the currency,
 * and how many units of it buy one unit of the site's reference currency on that day (as the ECB
 * and other central banks publish them: `2025-03-03,USD,1.0465` for 1 EUR = 1.0465 USD). Every bad
 * row is reported with its line, so a file is fixed in one pass. Parsed by `csv-parse`.
 */
import { CsvSyntaxError, readCsvRecords } from '../../../kernel/csv.js';
import type { ExchangeRate } from '../core/currency.js';

/** What is wrong with a row (codes the pages and the command line word in the reader's language). */
export type RateIssueCode = 'columns' | 'syntax' | 'date' | 'currency' | 'rate' | 'duplicate' | 'reference';

/** A refused row: its line in the file (the header is line 1), the column and what is wrong. */
export interface RateIssue {
  line: number;
  column?: 'date' | 'currency' | 'rate';
  code: RateIssueCode;
  /** The cell as written (cut to 40 characters). */
  value?: string;
}

/** Rows reported at most (a file with more bad rows says how many more). */
export const MAX_RATE_ISSUES = 100;

const COLUMNS = ['date', 'currency', 'rate'] as const;

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The rates of a CSV text against `reference` (a row for the reference currency itself is
 * refused: its rate is 1), with every refused row by line; `issueCount` counts them all, `issues`
 * keeps the first MAX_RATE_ISSUES.
 */
export function readExchangeRatesCsv(text: string, reference: string): { rates: ExchangeRate[]; issues: RateIssue[]; issueCount: number } {
  let records: { line: number; cells: string[] }[];
  try {
    records = readCsvRecords(text, { trim: true, ragged: true });
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return { rates: [], issues: [{ line: e.line, code: 'syntax' }], issueCount: 1 };
  }
  const header = records[0]?.cells.map((h) => h.toLowerCase()) ?? [];
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  if (COLUMNS.some((c) => at[c] < 0))
    return { rates: [], issues: [{ line: 1, code: 'columns', value: header.join(',').slice(0, 40) }], issueCount: 1 };
  const rates: ExchangeRate[] = [];
  const issues: RateIssue[] = [];
  let issueCount = 0;
  const seen = new Map<string, number>();
  const refuse = (issue: RateIssue) => {
    issueCount++;
    if (issues.length < MAX_RATE_ISSUES) issues.push(issue);
  };
  for (const { cells: record, line } of records.slice(1)) {
    // csv-parse counts the lines read so far: the line the row ends on (its only line unless a quoted cell spans lines).
    const date = record[at.date] ?? '';
    const currency = (record[at.currency] ?? '').toUpperCase();
    const rateText = record[at.rate] ?? '';
    const rate = /^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(rateText) ? Number(rateText) : NaN;
    const before = issueCount;
    if (!isCalendarDate(date)) refuse({ line, column: 'date', code: 'date', value: date.slice(0, 40) });
    if (!/^[A-Z]{3}$/.test(currency)) refuse({ line, column: 'currency', code: 'currency', value: currency.slice(0, 40) });
    else if (currency === reference) refuse({ line, column: 'currency', code: 'reference', value: currency });
    if (!Number.isFinite(rate) || rate <= 0) refuse({ line, column: 'rate', code: 'rate', value: rateText.slice(0, 40) });
    if (issueCount > before) continue;
    const key = `${currency} ${date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      refuse({ line, code: 'duplicate', value: `${currency} ${date}`, column: 'date' });
      continue;
    }
    seen.set(key, line);
    rates.push({ currency, date, rate });
  }
  return { rates, issues, issueCount };
}
