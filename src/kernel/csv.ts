/**
 * Writing CSV (RFC 4180), one rule for every module's exports: a cell is quoted when it holds a
 * comma, a quote, CR or LF, with quotes doubled. Text answers from the public can start with `=`,
 * `+`, `-` or `@`, which spreadsheets run as formulas ("CSV injection", OWASP); such cells get a
 * leading apostrophe unless they are plain numbers.
 */
export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (without its line break) from its cells. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}
