import { setResult } from './common.js';
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
    accumulate(release, ocid, state, view) {
      if (!allowed(release)) return;
      let prices: Map<string, Set<string>> | undefined;
      for (const { submitted, tenderersLength, amount, currency, tendererIds } of view.bids()) {
        if (!submitted || tenderersLength < 0 || amount === undefined || currency === undefined || tendererIds.length === 0) continue;
        const ids = new Set(tendererIds);
        // The amount's text holds no `|`, so amount and currency are read back unambiguously.
        const key = `${amount}|${currency}`;
        prices ??= new Map();
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
