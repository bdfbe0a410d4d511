/**
 * W3C datetimes (https://www.w3.org/TR/NOTE-datetime, the ISO 8601 profile Open311 GeoReport v2
 * uses for its dates): `YYYY-MM-DD`, or a date with `Thh:mm[:ss[.s]]` and a time zone (`Z` or
 * `+hh:mm`). Checked field by field, so an impossible date ("2026-02-30", "T25:61") is refused
 * rather than rolled over by `Date.parse`, and years are kept to 1000-9999, the range both
 * databases and `Date#toISOString` write as four digits.
 */

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2})))?$/;

/** Earliest and latest year a datetime may have. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant a W3C datetime names, or null when it is not one (or names no real day and time).
 * `time: 'required'` refuses a date alone (attribute answers); `'optional'` takes a date alone as
 * midnight UTC (Open311's start_date and end_date filters).
 */
export function parseW3cDatetime(value: string, opts: { time: 'required' | 'optional' }): Date | null {
  const m = W3C.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  if (h === undefined && opts.time === 'required') return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (h === undefined) return new Date(Date.UTC(year, month - 1, day));
  const [hour, minute, second] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (!z) {
    if (Number(oh) > 14 || Number(om) > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  return new Date(t);
}
