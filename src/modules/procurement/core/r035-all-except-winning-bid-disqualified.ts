import { asArray, readId, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R035 All except winning bid disqualified. Flags a process where one tenderer holds every valid
 * bid, that tenderer is exactly the set of active-award suppliers, and at least `threshold` other
 * tenderers had bids disqualified.
 *
 * Reads: `awards[].status`, `awards[].suppliers[].id`, `bids.details[].status`, `.tenderers[].id`.
 * Only processes whose awards are all final. Parameters: `threshold` (default 1, at least 1).
 * Output: OCID = the number of disqualified tenderers; Tenderer = 0.0 for the winner.
 * Source: Cardinal, docs/cli/indicators/R/035.md and src/indicators/r035.rs.
 */
export function createR035(settings: NonNullable<IndicatorSettings['R035']>): IndicatorCalculator {
  const threshold = Math.max(settings.threshold ?? 1, 1);
  return {
    code: 'R035',
    accumulate(_release, ocid, state, view) {
      const awards = view.activeAwardsIfAllFinal();
      if (!awards) return;
      const suppliers = new Set<string>();
      for (const award of awards) {
        for (const s of asArray(award.suppliers) ?? []) {
          const id = readId(s);
          if (id !== undefined) suppliers.add(id);
        }
      }
      const valid = new Set<string>();
      const disqualified = new Set<string>();
      for (const { status, tendererIds } of view.bids()) {
        const set = status === 'valid' ? valid : status === 'disqualified' ? disqualified : undefined;
        if (set) for (const id of tendererIds) set.add(id);
      }
      if (valid.size !== 1) return;
      const [winner] = valid;
      if (suppliers.size !== 1 || !suppliers.has(winner)) return;
      const others = [...disqualified].filter((id) => !valid.has(id)).length;
      if (others >= threshold) {
        setResult(state, 'OCID', ocid, 'R035', others);
        setResult(state, 'Tenderer', winner, 'R035', 0);
      }
    },
  };
}
