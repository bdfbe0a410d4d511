import { asNumber, asObject, asString, getCompleteAwardsIfAllFinal, getSoleWinner, isMainCurrency, readTendererIds } from './common.js';
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
  accumulate(release: Release, ocid: string, state: RunState): void;
  ratios: Map<string, BidRatio>;
}

/** Creates the accumulator of second-lowest-bid ratios (fed once per release, read by R024 and R058). */
export function createSecondLowestBidRatios(settings: IndicatorSettings): SecondLowestBidRatios {
  const allowed = allowsPriceComparison(settings);
  const ratios = new Map<string, BidRatio>();
  return {
    ratios,
    accumulate(release, ocid, state) {
      if (!allowed(release)) return;
      const complete = getCompleteAwardsIfAllFinal(release);
      const supplier = complete && getSoleWinner(complete);
      if (!complete || supplier === undefined) return;
      let winner: number | undefined;
      let other: { id: string; amount: number } | undefined;
      for (const item of complete.bids) {
        const bid = asObject(item);
        if (!bid || bid.status !== 'valid') continue;
        const value = asObject(bid.value);
        const amount = asNumber(value?.amount);
        const currency = asString(value?.currency);
        const tenderers = readTendererIds(bid);
        if (amount === undefined || currency === undefined || tenderers.length !== 1 || (bid.tenderers as unknown[]).length !== 1) continue;
        if (!isMainCurrency(state, currency)) continue;
        if (tenderers[0] === supplier) {
          if (winner === undefined || amount < winner) winner = amount;
        } else if (other === undefined || amount < other.amount) {
          other = { id: tenderers[0], amount };
        }
      }
      if (winner !== undefined && other !== undefined && other.amount >= winner) {
        ratios.set(ocid, { ratio: (other.amount - winner) / winner, winner: supplier, secondBidder: other.id });
      }
    },
  };
}
