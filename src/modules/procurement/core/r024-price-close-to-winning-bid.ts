import { isDegenerate, computeQuartiles, setMeta, setResult } from './common.js';
import type { SecondLowestBidRatios } from './second-lowest-bid-ratio.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/**
 * R024 Price close to winning bid. Flags a process whose second-lowest valid bid is within the
 * lower fence (Q1 - 1.5 IQR of all processes' ratios) of the winning bid, a sign of cover bidding.
 *
 * Reads: `awards[].status`, `awards[].suppliers[].id`, `bids.details[].status`, `.tenderers[].id`,
 * `.value.amount`, `.value.currency`, `tender.procurementMethodDetails`.
 * Parameters: `threshold` (a ratio that replaces the lower fence); the global main currency and
 * price-comparison method filters. Two passes: ratios accumulate, the fence is set at the end.
 * Output: OCID = the ratio; Tenderer = 0.0 for the winner and the second-lowest bidder.
 * Source: Cardinal, docs/cli/indicators/R/024.md and src/indicators/r024.rs.
 */
export function createR024(settings: NonNullable<IndicatorSettings['R024']>, shared: SecondLowestBidRatios): IndicatorCalculator {
  return {
    code: 'R024',
    accumulate() {},
    finish(state) {
      const values = [...shared.ratios.values()].map((r) => r.ratio);
      let fence = settings.threshold;
      if (fence === undefined) {
        const { q1, q3 } = computeQuartiles(values);
        setMeta(state, 'R024', 'q1', q1);
        setMeta(state, 'R024', 'q3', q3);
        if (isDegenerate(q1, q3)) return;
        fence = q1 - 1.5 * (q3 - q1);
      }
      setMeta(state, 'R024', 'lower_fence', fence);
      for (const [ocid, r] of shared.ratios) {
        if (r.ratio <= fence) {
          setResult(state, 'OCID', ocid, 'R024', r.ratio);
          setResult(state, 'Tenderer', r.winner, 'R024', 0);
          setResult(state, 'Tenderer', r.secondBidder, 'R024', 0);
        }
      }
    },
  };
}
