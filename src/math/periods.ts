/**
 * Calendar periods of time series (months and ISO weeks, in UTC), so that charts and tables show a
 * period without data as zero instead of dropping it: a gap in a monthly chart otherwise reads as
 * two neighbouring months.
 */

/** A period length: a calendar month (key `YYYY-MM`) or an ISO week starting Monday (key `YYYY-MM-DD` of the Monday). */
export type PeriodUnit = 'month' | 'week';

/** Above this many periods a series is returned unfilled: a stray date (year 0201) must not produce thousands of rows. */
export const MAX_FILLED_PERIODS = 1200;

const DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The key of the period holding `date` (UTC). */
export function periodKey(date: Date, unit: PeriodUnit): string {
  if (unit === 'month') return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}`;
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY);
  return `${pad(monday.getUTCFullYear(), 4)}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
}

/** The first instant of the period named by `key`, or null when the key is not a period of `unit`. */
function startOf(key: string, unit: PeriodUnit): Date | null {
  const m = unit === 'month' ? /^(\d{4})-(\d{2})$/.exec(key) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, unit === 'month' ? 1 : Number(m[3])));
  if (periodKey(d, unit) !== key) return null; // 2025-13, 2025-02-30 or a week key that is not a Monday
  return d;
}

function next(d: Date, unit: PeriodUnit): Date {
  return unit === 'month' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) : new Date(d.getTime() + 7 * DAY);
}

/**
 * Returns `rows` in period order with every period between the first and the last (or between
 * `from` and `to` when given: keys or dates, widened to include every row) present: the missing
 * ones are made by `empty(key)`. Rows whose key is not a period of `unit` are kept at the end, in
 * their order; rows are never dropped or merged. Above {@link MAX_FILLED_PERIODS} periods nothing is
 * filled (the rows come back sorted).
 */
export function fillPeriods<T>(
  rows: readonly T[],
  opts: { unit: PeriodUnit; key: (row: T) => string; empty: (key: string) => T; from?: string | Date; to?: string | Date },
): T[] {
  const { unit, key, empty } = opts;
  const valid: { start: Date; row: T }[] = [];
  const invalid: T[] = [];
  for (const row of rows) {
    const start = startOf(key(row), unit);
    if (start) valid.push({ start, row });
    else invalid.push(row);
  }
  valid.sort((a, b) => a.start.getTime() - b.start.getTime());
  const bound = (b: string | Date | undefined) => (b === undefined ? null : startOf(typeof b === 'string' ? b : periodKey(b, unit), unit));
  const starts = valid.map((v) => v.start.getTime());
  const from = bound(opts.from);
  const to = bound(opts.to);
  if (from) starts.push(from.getTime());
  if (to) starts.push(to.getTime());
  if (starts.length === 0) return [...invalid];
  const first = new Date(Math.min(...starts));
  const last = Math.max(...starts);
  const span =
    unit === 'month'
      ? (new Date(last).getUTCFullYear() - first.getUTCFullYear()) * 12 + new Date(last).getUTCMonth() - first.getUTCMonth() + 1
      : Math.round((last - first.getTime()) / (7 * DAY)) + 1;
  if (span > MAX_FILLED_PERIODS) return [...valid.map((v) => v.row), ...invalid];
  const out: T[] = [];
  let i = 0;
  for (let d = first; d.getTime() <= last; d = next(d, unit)) {
    const k = periodKey(d, unit);
    let found = false;
    while (i < valid.length && valid[i].start.getTime() === d.getTime()) {
      out.push(valid[i].row);
      i++;
      found = true;
    }
    if (!found) out.push(empty(k));
  }
  return [...out, ...invalid];
}
