import { doublePrecision, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A site's reference currency: the one the auditors' queue compares values in (ISO 4217 code). */
export const procurementCurrencySettings = pgTable('procurement_currency_settings', {
  siteId: uuid('site_id').primaryKey(),
  referenceCurrency: text('reference_currency').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Reference exchange rates by date: `rate` units of `currency` buy one unit of `base` (the site's
 * reference currency when they were imported), as central banks publish them (1 EUR = 1.0812 USD).
 * Rates against another base are kept but not used after the reference currency changes.
 */
export const procurementExchangeRates = pgTable(
  'procurement_exchange_rates',
  {
    siteId: uuid('site_id').notNull(),
    base: text('base').notNull(),
    currency: text('currency').notNull(),
    /** The day the rate is for (YYYY-MM-DD). */
    date: text('date').notNull(),
    rate: doublePrecision('rate').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  // The key also serves the reads: a site's rates against its base, by currency and date.
  (t) => [primaryKey({ columns: [t.siteId, t.base, t.currency, t.date] })],
);

export type ExchangeRateRow = typeof procurementExchangeRates.$inferSelect;
