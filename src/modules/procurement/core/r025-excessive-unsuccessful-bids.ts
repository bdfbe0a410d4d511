import { isDegenerate, computeQuantile, computeQuartiles, setMeta, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R025 Excessive unsuccessful bids. Flags a tenderer that bids often (its number of processes with
 * a valid bid is at or above the `percentile` of all tenderers) but rarely wins (its wins / valid
 * bids is at or below the lower fence, Q1 - 1.5 IQR of all tenderers' ratios).
 *
 * Reads: `awards[].status`, `awards[].suppliers[].id`, `bids.details[].status`, `.tenderers[].id`.
 * Only processes whose awards are all final and whose only active award has one supplier count;
 * each tenderer counts once per process. Two passes: counts accumulate, fences are set at the end.
 * Parameters: `percentile` (default 75), `threshold` (a ratio that replaces the lower fence).
 * Output: Tenderer = wins / valid bids.
 * Source: Cardinal, docs/cli/indicators/R/025.md and src/indicators/r025.rs.
 */
export function createR025(settings: NonNullable<IndicatorSettings['R025']>): IndicatorCalculator {
  const percentile = settings.percentile ?? 75;
  // `last`: the number of the last release that counted the tenderer, so that it counts once per process.
  const counts = new Map<string, { wins: number; bids: number; last: number }>();
  let releases = 0;
  return {
    code: 'R025',
    accumulate(_release, _ocid, _state, view) {
      const supplier = view.soleWinner();
      if (supplier === undefined) return;
      releases += 1;
      for (const { status, tendererIds, tenderersLength } of view.bids()) {
        if (status !== 'valid' || tenderersLength !== 1 || tendererIds.length !== 1) continue;
        const id = tendererIds[0];
        let c = counts.get(id);
        if (!c) counts.set(id, (c = { wins: 0, bids: 0, last: 0 }));
        if (c.last === releases) continue;
        c.last = releases;
        c.bids += 1;
        if (id === supplier) c.wins += 1;
      }
    },
    finish(state) {
      const upper = computeQuantile(
        [...counts.values()].map((c) => c.bids),
        percentile / 100,
      );
      setMeta(state, 'R025', 'upper_percentile', upper);
      let fence = settings.threshold;
      if (fence === undefined) {
        const { q1, q3 } = computeQuartiles([...counts.values()].map((c) => c.wins / c.bids));
        setMeta(state, 'R025', 'q1', q1);
        setMeta(state, 'R025', 'q3', q3);
        if (isDegenerate(q1, q3)) return;
        fence = q1 - 1.5 * (q3 - q1);
      }
      setMeta(state, 'R025', 'lower_fence', fence);
      for (const [id, c] of counts) {
        const ratio = c.wins / c.bids;
        if (c.bids >= upper && ratio <= fence) setResult(state, 'Tenderer', id, 'R025', ratio);
      }
    },
  };
}
