import { isMainCurrency } from './common.js';
import type { ReleaseView } from './release-view.js';
import { allowsPriceComparison, type IndicatorSettings } from './settings.js';
import type { Release, RunState } from './types.js';

/** A process's winning bid against its lowest other valid bid. */
export interface BidRatio {
  ratio: number;
  winner: string;
  secondBidder: string;
}

/**
 * The accumulator shared by R024 and R058: for each process whose only active award has one
 * supplier, `(lowest non-winning valid bid - winning bid) / winning bid`, over valid bids with one
 * tenderer and an amount in the main currency. Left out when the lowest bid did not win (the award
 * criteria are then not price only) or when a price comparison is not allowed for the method.
 * Source: Cardinal src/indicators/util.rs (SecondLowestBidRatio).
 */
export interface SecondLowestBidRatios {
  accumulate(release: Release, ocid: string, state: RunState, view: ReleaseView): void;
  ratios: Map<string, BidRatio>;
}

/** Creates the accumulator of second-lowest-bid ratios (fed once per release, read by R024 and R058). */
export function createSecondLowestBidRatios(settings: IndicatorSettings): SecondLowestBidRatios {
  const allowed = allowsPriceComparison(settings);
  const ratios = new Map<string, BidRatio>();
  return {
    ratios,
    accumulate(release, ocid, state, view) {
      if (!allowed(release)) return;
      const supplier = view.soleWinner();
      if (supplier === undefined) return;
      let winner: number | undefined;
      let other: { id: string; amount: number } | undefined;
      for (const { status, amount, currency, tendererIds, tenderersLength } of view.bids()) {
        if (status !== 'valid') continue;
        if (amount === undefined || currency === undefined || tendererIds.length !== 1 || tenderersLength !== 1) continue;
        if (!isMainCurrency(state, currency)) continue;
        if (tendererIds[0] === supplier) {
          if (winner === undefined || amount < winner) winner = amount;
        } else if (other === undefined || amount < other.amount) {
          other = { id: tendererIds[0], amount };
        }
      }
      if (winner !== undefined && other !== undefined && other.amount >= winner) {
        ratios.set(ocid, { ratio: (other.amount - winner) / winner, winner: supplier, secondBidder: other.id });
      }
    },
  };
}
