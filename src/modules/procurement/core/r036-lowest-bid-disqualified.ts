import { isMainCurrency, setResult } from './common.js';
import { allowsPriceComparison, type IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R036 Lowest bid disqualified. Flags a process with an active award, at least one valid bid with
 * an amount, and whose lowest submitted bid (the first of equal lowest) was disqualified.
 *
 * Reads: `awards[].status`, `bids.details[].status`, `.value.amount`, `.value.currency`,
 * `tender.procurementMethodDetails`. Only processes whose awards are all final; amounts in the main
 * currency. Parameters: the global currency and price-comparison method filters.
 * Output: OCID = 1.0.
 * Source: Cardinal, docs/cli/indicators/R/036.md and src/indicators/r036.rs.
 */
export function createR036(settings: IndicatorSettings): IndicatorCalculator {
  const allowed = allowsPriceComparison(settings);
  return {
    code: 'R036',
    accumulate(release, ocid, state, view) {
      if (!allowed(release)) return;
      const awards = view.activeAwardsIfAllFinal();
      if (!awards || awards.length === 0) return;
      let lowest: number | undefined;
      let lowestDisqualified = false;
      let validWithAmount = false;
      for (const { submitted, status, amount, currency } of view.bids()) {
        if (!submitted || amount === undefined || currency === undefined || !isMainCurrency(state, currency)) continue;
        if (status === 'valid') validWithAmount = true;
        if (lowest === undefined || amount < lowest) {
          lowest = amount;
          lowestDisqualified = status === 'disqualified';
        }
      }
      if (validWithAmount && lowestDisqualified) setResult(state, 'OCID', ocid, 'R036', 1);
    },
  };
}
