import { asNumber, asObject, asString, getSubmittedBids, readTendererIds, setResult } from './common.js';
import { allowsPriceComparison, type IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R028 Identical bid prices. Flags a process where submitted bids from different sets of
 * tenderers have the same amount in the same currency.
 *
 * Reads: `bids.details[].status`, `.value.amount`, `.value.currency`, `.tenderers[].id`,
 * `tender.procurementMethodDetails`. Parameters: the global price-comparison method filters.
 * Output: OCID = 1.0; Tenderer = 1.0 for each tenderer of the identical bids.
 * Source: Cardinal, docs/cli/indicators/R/028.md and src/indicators/r028.rs.
 */
export function createR028(settings: IndicatorSettings): IndicatorCalculator {
  const allowed = allowsPriceComparison(settings);
  return {
    code: 'R028',
    accumulate(release, ocid, state) {
      if (!allowed(release)) return;
      const prices = new Map<string, Set<string>>();
      for (const bid of getSubmittedBids(release)) {
        const value = asObject(bid.value);
        const amount = asNumber(value?.amount);
        const currency = asString(value?.currency);
        if (!Array.isArray(bid.tenderers) || amount === undefined || currency === undefined) continue;
        const ids = new Set(readTendererIds(bid));
        if (ids.size === 0) continue;
        const key = JSON.stringify([amount, currency]);
        const other = prices.get(key);
        if (other && !(other.size === ids.size && [...ids].every((id) => other.has(id)))) {
          setResult(state, 'OCID', ocid, 'R028', 1);
          for (const id of [...ids, ...other]) setResult(state, 'Tenderer', id, 'R028', 1);
        }
        prices.set(key, ids);
      }
    },
  };
}
