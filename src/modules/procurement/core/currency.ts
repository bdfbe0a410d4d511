/**
 * Values in one currency: reference exchange rates by date, and conversion with the rate of the
 * process's date or the last one before it (as central banks' reference rates are used: a day
 * without a published rate, a weekend, takes the previous one). A value whose currency has no rate
 * on or before its date is not converted and says why, so nobody ranks it as if it were in the
 * reference currency. Pure.
 */

/** One reference rate: `rate` units of `currency` buy one unit of the reference currency on `date` (YYYY-MM-DD). */
export interface ExchangeRate {
  currency: string;
  date: string;
  rate: number;
}

/** Rates per currency, sorted by date, for lookups by date. */
export interface RateTable {
  reference: string;
  byCurrency: Map<string, { date: string; rate: number }[]>;
}

/** Builds the lookup table of a reference currency's rates (a later duplicate of a currency and date replaces the earlier). */
export function buildRateTable(reference: string, rates: readonly ExchangeRate[]): RateTable {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rates) {
    const m = byDay.get(r.currency) ?? new Map<string, number>();
    m.set(r.date, r.rate);
    byDay.set(r.currency, m);
  }
  const byCurrency = new Map<string, { date: string; rate: number }[]>();
  for (const [currency, days] of byDay)
    byCurrency.set(
      currency,
      [...days].map(([date, rate]) => ({ date, rate })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    );
  return { reference, byCurrency };
}

/** Why a value could not be converted: no reference currency set, no currency given, no date to pick a rate by, or no rate on or before the date. */
export type UnconvertedReason = 'no_reference' | 'no_currency' | 'no_date' | 'no_rate';

/** A value in the reference currency, or the original value with the reason it was not converted. */
export type ConvertedValue =
  | { converted: true; value: number; currency: string; rate: number; rateDate: string | null }
  | { converted: false; value: number; currency: string | null; reason: UnconvertedReason };

/** The rate of `currency` on `date` or the latest before it, or null. */
export function findRate(table: RateTable, currency: string, date: string): { date: string; rate: number } | null {
  const list = table.byCurrency.get(currency);
  if (!list) return null;
  const day = date.slice(0, 10);
  // Binary search for the last rate dated on or before `day`.
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].date <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : list[found];
}

/**
 * Converts `amount` in `currency` on `date` (ISO date or date-time) to the reference currency:
 * amount / rate. A value already in the reference currency is kept as it is, whatever the date.
 */
export function convertToReference(table: RateTable, amount: number, currency: string | null, date: string | null): ConvertedValue {
  if (!currency) return { converted: false, value: amount, currency: null, reason: 'no_currency' };
  const code = currency.toUpperCase();
  if (code === table.reference) return { converted: true, value: amount, currency: table.reference, rate: 1, rateDate: null };
  if (!date) return { converted: false, value: amount, currency: code, reason: 'no_date' };
  const found = findRate(table, code, date);
  if (!found) return { converted: false, value: amount, currency: code, reason: 'no_rate' };
  return { converted: true, value: amount / found.rate, currency: table.reference, rate: found.rate, rateDate: found.date };
}

/**
 * The currency values are compared in: the site's reference currency when set; else the one
 * currency all the values share (nothing to convert); else none, and no value is comparable.
 */
export function chooseReferenceCurrency(configured: string | null, currencies: readonly (string | null)[]): string | null {
  if (configured) return configured;
  const seen = new Set(currencies.map((c) => c?.toUpperCase() ?? null));
  return seen.size === 1 && !seen.has(null) ? [...seen][0] : null;
}

/** Converts with `table`, or reports `no_reference` when there is no reference currency to convert to. */
export function convertValue(table: RateTable | null, amount: number, currency: string | null, date: string | null): ConvertedValue {
  if (!table) return { converted: false, value: amount, currency, reason: 'no_reference' };
  return convertToReference(table, amount, currency, date);
}
