import { isDegenerate, computeQuartiles, setMeta, setResult } from './common.js';
import type { SecondLowestBidRatios } from './second-lowest-bid-ratio.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R058 Heavily discounted bid. Flags a process whose winning bid is far below the second-lowest
 * valid bid: the same ratio as R024 at or above the upper fence (Q3 + 1.5 IQR). Skipped when the
 * fence is not positive (most processes then have no difference at all).
 *
 * Reads: as R024. Parameters: `threshold` (a ratio that replaces the upper fence).
 * Output: OCID = the ratio; Tenderer = 0.0 for the winner.
 * Source: Cardinal, docs/cli/indicators/R/058.md and src/indicators/r058.rs.
 */
export function createR058(settings: NonNullable<IndicatorSettings['R058']>, shared: SecondLowestBidRatios): IndicatorCalculator {
  return {
    code: 'R058',
    accumulate() {},
    finish(state) {
      const values = [...shared.ratios.values()].map((r) => r.ratio);
      let fence = settings.threshold;
      if (fence === undefined) {
        const { q1, q3 } = computeQuartiles(values);
        setMeta(state, 'R058', 'q1', q1);
        setMeta(state, 'R058', 'q3', q3);
        if (isDegenerate(q1, q3)) return;
        fence = q3 + 1.5 * (q3 - q1);
      }
      setMeta(state, 'R058', 'upper_fence', fence);
      if (!(fence > 0)) return;
      for (const [ocid, r] of shared.ratios) {
        if (r.ratio >= fence) {
          setResult(state, 'OCID', ocid, 'R058', r.ratio);
          setResult(state, 'Tenderer', r.winner, 'R058', 0);
        }
      }
    },
  };
}
