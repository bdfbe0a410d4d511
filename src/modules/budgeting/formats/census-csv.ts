import { parse } from 'csv-parse/sync';

/** One row of a census file: its line number (1-based, the header is line 1) and its cells by column name. */
export interface CensusCsvRow {
  line: number;
  cells: Record<string, string>;
}

/** A census file read: the column names of its header, its rows, and the lines that could not be read. */
export interface CensusCsv {
  columns: string[];
  rows: CensusCsvRow[];
  unreadable: { line: number; reason: string }[];
}

/**
 * Reads a census CSV with `csv-parse`: a header line naming the columns (matched without regard to
 * case or surrounding spaces), cells separated by commas or semicolons (as spreadsheets in many
 * locales save them), an optional byte-order mark, empty lines skipped. A row csv-parse cannot read
 * (an unclosed quote) is reported with its line instead of stopping the whole file.
 */
export function readCensusCsv(text: string): CensusCsv {
  const unreadable: { line: number; reason: string }[] = [];
  let columns: string[] = [];
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
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
