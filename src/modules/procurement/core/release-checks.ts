import { findTypeIssues } from './release-types.js';

/** A value of a release that cannot be read faithfully: its JSON path in the release (`tender.value.amount`, `awards[0].date`) and why. */
export interface ReleaseProblem {
  path: string;
  error: string;
}

/** The earliest and latest years a date may have: outside them it is a typing error or a placeholder (`0000`, `9999`), not a procurement date. */
export const DATE_YEARS = { min: 1900, max: 2200 } as const;

/**
 * The largest amount accepted: 2^53 - 1, the largest integer a JSON number keeps exactly once read
 * (JavaScript, PostgreSQL's `float8`). Beyond it an amount is no longer the one published.
 */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/**
 * Amounts that are prices, which OCDS does not let be negative: the value of a tender, lot, award,
 * contract or bid, and an item's unit price. (OCDS lets a budget amount be negative, for income,
 * and a transaction, for a refund; extensions' amounts are checked for type and size only.)
 */
const PRICE_PATHS = new Set([
  'tender.value.amount',
  'tender.minValue.amount',
  'tender.lots.value.amount',
  'tender.items.unit.value.amount',
  'awards.value.amount',
  'awards.items.unit.value.amount',
  'contracts.value.amount',
  'contracts.items.unit.value.amount',
  'bids.details.value.amount',
]);

/** Keys holding dates: `date`, `date…` (`dateSigned`, `datePublished`) and `…Date` (`startDate`, `releaseDate`). */
const DATE_KEY = /^date(?:[A-Z]|$)|[a-z0-9]Date$/;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `text` is not a date OCDS can hold (ISO 8601 / RFC 3339: `YYYY-MM-DD`, optionally with a time and zone), or null when it is one. */
export function checkDateText(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m) return `must be an ISO 8601 date-time (such as 2023-04-01T09:30:00Z), not ${describeType(text)}`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < DATE_YEARS.min || year > DATE_YEARS.max)
    return `${JSON.stringify(text)} is in year ${m[1]}, outside ${DATE_YEARS.min}–${DATE_YEARS.max}: not a real procurement date`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return `${JSON.stringify(text)} is not a day of the calendar`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)))
    return `${JSON.stringify(text)} is not a time of day`;
  if (m[7] !== undefined && (Number(m[7]) > 14 || Number(m[8]) > 59)) return `${JSON.stringify(text)} has an impossible time-zone offset`;
  return null;
}

/** Why `value` is not an amount OCDS can hold (a finite JSON number, not beyond {@link MAX_AMOUNT}; not negative when `price`), or null. */
export function checkAmount(value: unknown, price: boolean): string | null {
  const want = price ? 'a non-negative number' : 'a number';
  if (typeof value !== 'number') return `must be ${want}, not ${describeType(value)}`;
  if (!Number.isFinite(value)) return `must be ${want}, not a number too large to represent (${String(value)})`;
  if (price && value < 0) return `must be ${want}, not ${value}`;
  if (Math.abs(value) > MAX_AMOUNT) return `${value} is beyond ${MAX_AMOUNT}, the largest amount that is kept exactly`;
  return null;
}

const ARTICLE: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'an array' };

/**
 * What in one release cannot be read faithfully, with its JSON path: dates that are not ISO 8601,
 * do not exist (2023-02-30) or fall outside {@link DATE_YEARS}; amounts that are not finite numbers,
 * are beyond {@link MAX_AMOUNT}, or are negative prices; and the fields the indicators read whose JSON
 * type is wrong. Missing values, `null` and the empty string (which some publishers, such as
 * Moldova's MTender, write for "none") are not problems. Pure; the release's depth is bounded by the
 * reader, so the walk cannot overflow.
 */
export function checkRelease(release: Record<string, unknown>): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, error: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    problems.push({ path, error });
  };
  // `path` locates the value (`awards[0].value`); `shape` is the same path without indexes, for PRICE_PATHS.
  const walk = (value: unknown, path: string, shape: string) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], `${path}[${i}]`, shape);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      const at = path ? `${path}.${key}` : key;
      const atShape = shape ? `${shape}.${key}` : key;
      if (typeof v === 'object' && v !== null) {
        walk(v, at, atShape);
        continue;
      }
      if (v === null || v === undefined) continue;
      // An empty string stands for "none" here, for the type check too.
      if (v === '') {
        seen.add(at);
        continue;
      }
      if (key === 'amount') {
        const error = checkAmount(v, PRICE_PATHS.has(atShape));
        if (error) add(at, error);
      } else if (DATE_KEY.test(key)) {
        const error = typeof v === 'string' ? checkDateText(v) : `must be an ISO 8601 date-time string, not ${describeType(v)}`;
        if (error) add(at, error);
      }
    }
  };
  walk(release, '', '');
  for (const t of findTypeIssues(release))
    add(t.path, `must be ${ARTICLE[t.expected] ?? `a ${t.expected}`}, not ${t.actual === 'null' ? 'null' : `a ${t.actual}`}`);
  return problems;
}
