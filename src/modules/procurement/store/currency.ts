import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { ExchangeRate } from '../core/currency.js';
import { procurementCurrencySettings, procurementExchangeRates } from './currency-tables.js';

/** The site's reference currency, or null when none is set. */
export async function getReferenceCurrency(db: Db, siteId: string): Promise<string | null> {
  const [row] = await db
    .select({ code: procurementCurrencySettings.referenceCurrency })
    .from(procurementCurrencySettings)
    .where(eq(procurementCurrencySettings.siteId, siteId))
    .limit(1);
  return row?.code ?? null;
}

/** Sets the site's reference currency. */
export async function saveReferenceCurrency(db: Db, siteId: string, code: string, updatedBy: string | null, now: Date): Promise<void> {
  await db
    .insert(procurementCurrencySettings)
    .values({ siteId, referenceCurrency: code, updatedBy, updatedAt: now })
    .onConflictDoUpdate({ target: procurementCurrencySettings.siteId, set: { referenceCurrency: code, updatedBy, updatedAt: now } });
}

/** Every rate of the site against `base` (what the queue converts with). */
export async function listExchangeRates(db: Db, siteId: string, base: string): Promise<ExchangeRate[]> {
  const r = procurementExchangeRates;
  return db
    .select({ currency: r.currency, date: r.date, rate: r.rate })
    .from(r)
    .where(and(eq(r.siteId, siteId), eq(r.base, base)))
    .orderBy(asc(r.currency), asc(r.date));
}

/** Stores rates against `base`, replacing the rate of a currency and day already there (call inside a transaction). */
export async function upsertExchangeRates(db: Db, siteId: string, base: string, rates: readonly ExchangeRate[], now: Date): Promise<void> {
  const r = procurementExchangeRates;
  for (let i = 0; i < rates.length; i += 500)
    await db
      .insert(r)
      .values(rates.slice(i, i + 500).map((x) => ({ siteId, base, currency: x.currency, date: x.date, rate: x.rate, importedAt: now })))
      .onConflictDoUpdate({ target: [r.siteId, r.base, r.currency, r.date], set: { rate: sql`excluded.rate`, importedAt: now } });
}

/** Per currency against `base`: how many rates, the first and last day, and the last rate. */
export async function summarizeExchangeRates(
  db: Db,
  siteId: string,
  base: string,
): Promise<{ currency: string; count: number; first: string; last: string; lastRate: number }[]> {
  return rowsOf(
    await db.execute(sql`select currency, count(*)::int as count, min(date) as first, max(date) as last,
        (array_agg(rate order by date desc))[1]::float8 as "lastRate"
      from procurement_exchange_rates where site_id = ${siteId} and base = ${base} group by currency order by currency`),
  );
}
