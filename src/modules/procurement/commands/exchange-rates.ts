import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { invalidInput } from '../../../kernel/errors.js';
import { authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { buildRateTable, chooseReferenceCurrency, type RateTable } from '../core/currency.js';
import { readExchangeRatesCsv, type RateIssue } from '../formats/exchange-rates-csv.js';
import { getReferenceCurrency, listExchangeRates, saveReferenceCurrency, summarizeExchangeRates, upsertExchangeRates } from '../store/currency.js';
import { SETTINGS_PERMISSION } from './risk-settings.js';

/** Who imports rates: a signed-in person holding the risk-settings permission, or the command line (the operator). */
export type RatesActor = Actor | { kind: 'operator' };

/** Input of `setReferenceCurrency`: an ISO 4217 code. */
export const referenceCurrencyInput = z.object({
  referenceCurrency: z
    .string({ message: 'is required' })
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{3}$/.test(s), 'must be a three-letter ISO 4217 code such as EUR'),
});

/** Sets the currency the auditors' queue compares values in (risk-settings permission). */
export async function setReferenceCurrency(deps: Deps, siteId: string, actor: Actor, input: unknown): Promise<string> {
  authorize(deps.permissions, actor, SETTINGS_PERMISSION);
  const { referenceCurrency } = parseInput(referenceCurrencyInput, input ?? {});
  await saveReferenceCurrency(deps.db, siteId, referenceCurrency, actor.kind === 'user' ? actor.userId : null, deps.clock.now());
  return referenceCurrency;
}

/** The outcome of an import: how many rates were stored (0 when any row was refused) and the refused rows by line. */
export interface RatesImport {
  imported: number;
  issues: RateIssue[];
  /** All refused rows (`issues` keeps the first 100). */
  issueCount: number;
}

/**
 * Imports a CSV of reference rates (`date,currency,rate`, see formats/exchange-rates-csv.ts)
 * against the site's reference currency, all or nothing: when any row is refused, nothing is
 * stored and every refused row is returned with its line. A rate for a day already known replaces it.
 */
export async function importExchangeRates(deps: Deps, siteId: string, actor: RatesActor, csv: string): Promise<RatesImport> {
  if (actor.kind !== 'operator') authorize(deps.permissions, actor, SETTINGS_PERMISSION);
  const reference = await getReferenceCurrency(deps.db, siteId);
  if (!reference) throw invalidInput({ referenceCurrency: 'set the reference currency before importing rates' });
  const { rates, issues, issueCount } = readExchangeRatesCsv(csv, reference);
  if (issueCount > 0) return { imported: 0, issues, issueCount };
  if (rates.length === 0) throw invalidInput({ file: 'the file holds no rates' });
  await inTransaction(deps.db, (tx) => upsertExchangeRates(tx, siteId, reference, rates, deps.clock.now()));
  return { imported: rates.length, issues: [], issueCount: 0 };
}

/** The site's reference currency and, per currency, the rates known against it. */
export async function getExchangeRatesOverview(deps: Deps, siteId: string) {
  const referenceCurrency = await getReferenceCurrency(deps.db, siteId);
  return { referenceCurrency, currencies: referenceCurrency ? await summarizeExchangeRates(deps.db, siteId, referenceCurrency) : [] };
}

/**
 * The rate table values of these currencies are compared with: against the site's reference
 * currency, or, when none is set and every value shares one currency, that one (no rates needed);
 * null when values cannot be compared.
 */
export async function loadRateTable(deps: Deps, siteId: string, currencies: readonly (string | null)[]): Promise<RateTable | null> {
  const configured = await getReferenceCurrency(deps.db, siteId);
  const reference = chooseReferenceCurrency(configured, currencies);
  if (!reference) return null;
  return buildRateTable(reference, configured ? await listExchangeRates(deps.db, siteId, reference) : []);
}
