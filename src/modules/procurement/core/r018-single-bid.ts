import { matchesProcurementMethod, readTender, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R018 Single bid received. Flags a process with exactly one tenderer under a competitive method.
 *
 * Reads: `tender.numberOfTenderers`, `tender.procurementMethod`.
 * Parameters: `procurement_methods` (default `open|selective`).
 * Output: OCID = 1.0.
 * Source: Cardinal, docs/cli/indicators/R/018.md and src/indicators/r018.rs.
 */
export function createR018(settings: NonNullable<IndicatorSettings['R018']>): IndicatorCalculator {
  const methods = settings.procurementMethods && settings.procurementMethods.size > 0 ? settings.procurementMethods : new Set(['open', 'selective']);
  return {
    code: 'R018',
    accumulate(release, ocid, state) {
      if (readTender(release)?.numberOfTenderers === 1 && matchesProcurementMethod(release, methods)) setResult(state, 'OCID', ocid, 'R018', 1);
    },
  };
}
