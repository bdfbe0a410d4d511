import { parse } from 'csv-parse/sync';

/**
 * Writing CSV (RFC 4180), one rule for every module's exports: a cell is quoted when it holds a
 * comma, a quote, CR or LF, with quotes doubled. Text answers from the public can start with `=`,
 * `+`, `-` or `@`, which spreadsheets run as formulas ("CSV injection", OWASP); such cells get a
 * leading apostrophe unless they are plain numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A finite number needs neither quotes nor the apostrophe (a minus sign is followed by a digit).
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const s = String(value);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (without its line break) from its cells. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** One row of a CSV table: its line number (1-based, the header is line 1) and its cells by column name. */
export interface CsvTableRow {
  line: number;
  cells: Record<string, string>;
}

/** A CSV table read: the column names of its header, its rows, and the lines that could not be read. */
export interface CsvTable {
  columns: string[];
  rows: CsvTableRow[];
  unreadable: { line: number; reason: string }[];
}

/**
 * Reads a CSV table with `csv-parse`: a header line naming the columns (lower-cased, surrounding
 * spaces dropped, unless `keepCase`), cells separated by commas or semicolons (as spreadsheets in
 * many locales save them), an optional byte-order mark, empty lines skipped. A row csv-parse
 * cannot read (an unclosed quote) is reported with its line instead of stopping the whole file.
 */
export function readCsvTable(text: string, opts: { keepCase?: boolean } = {}): CsvTable {
  const unreadable: { line: number; reason: string }[] = [];
  let columns: string[] = [];
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => (columns = header.map((h) => (opts.keepCase ? h.trim() : h.trim().toLowerCase()))),
    delimiter: [',', ';'],
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) unreadable.push({ line: (error as { lines?: number }).lines ?? 0, reason: error.message });
    },
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return { columns, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })), unreadable };
}

/** A CSV text that cannot be read: the line where reading stopped, and csv-parse's words for why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Reads CSV as it is written, one record per row with its line number (1-based): commas only, an
 * optional byte-order mark, empty lines skipped. Cells keep their spaces unless `trim`; every row
 * must have as many cells as the first unless `ragged`. Anything unreadable (an unclosed quote, a
 * row of the wrong length) throws a CsvSyntaxError naming its line: the reader refuses the whole
 * file, where readCsvTable skips such rows and reports them.
 */
export function readCsvRecords(text: string, opts: { trim?: boolean; ragged?: boolean } = {}): { line: number; cells: string[] }[] {
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: opts.trim ?? false,
      relax_column_count: opts.ragged ?? false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (e) {
    throw new CsvSyntaxError((e as { lines?: number }).lines ?? 1, (e as Error).message);
  }
}
