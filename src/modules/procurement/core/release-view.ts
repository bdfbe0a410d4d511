import { asArray, asNumber, asObject, asString, readId, readTender } from './common.js';
import type { Release } from './types.js';

/** One object of `bids.details` with the fields several indicators read, read once. */
export interface BidView {
  bid: Record<string, unknown>;
  /** `status` when it is a string. */
  status: string | undefined;
  /** Submitted: a string status other than `invited` and `withdrawn` (pending, valid, disqualified...). */
  submitted: boolean;
  /** The ids of `tenderers` that are strings, in order. */
  tendererIds: string[];
  /** The length of `tenderers`, or -1 when it is not an array. */
  tenderersLength: number;
  /** `value.amount` when a finite number, `value.currency` when a string. */
  amount: number | undefined;
  currency: string | undefined;
}

/**
 * The parts of one compiled release that several indicators read, each read (and checked) once
 * per release instead of once per indicator: the tender, the bids, and whether the awards are
 * final. The readings are the same as {@link getSubmittedBids}, {@link getCompleteAwardsIfAllFinal},
 * {@link getSoleWinner} and {@link readTendererIds} in `common.ts` give.
 */
export class ReleaseView {
  readonly tender: Record<string, unknown> | undefined;
  /** `bids.details` when an array. */
  readonly bidDetails: unknown[] | undefined;
  private bidViews: BidView[] | undefined;
  private completeRead = false;
  private completeAwards: Record<string, unknown>[] | undefined;
  private winnerRead = false;
  private winner: string | undefined;

  constructor(readonly release: Release) {
    this.tender = readTender(release);
    this.bidDetails = asArray(asObject(release.bids)?.details);
  }

  /** The objects of `bids.details`, in order (other items left out). */
  bids(): BidView[] {
    if (this.bidViews) return this.bidViews;
    const out: BidView[] = [];
    for (const item of this.bidDetails ?? []) {
      const bid = asObject(item);
      if (!bid) continue;
      const status = asString(bid.status);
      const tenderers = bid.tenderers;
      const ids: string[] = [];
      let tenderersLength = -1;
      if (Array.isArray(tenderers)) {
        tenderersLength = tenderers.length;
        for (const t of tenderers) {
          const id = readId(t);
          if (id !== undefined) ids.push(id);
        }
      }
      const value = asObject(bid.value);
      out.push({
        bid,
        status,
        submitted: status !== undefined && status !== 'invited' && status !== 'withdrawn',
        tendererIds: ids,
        tenderersLength,
        amount: asNumber(value?.amount),
        currency: asString(value?.currency),
      });
    }
    return (this.bidViews = out);
  }

  /**
   * The active awards when `awards` and `bids.details` are arrays and every award with a string
   * status is final (active, cancelled or unsuccessful); undefined otherwise.
   */
  activeAwardsIfAllFinal(): Record<string, unknown>[] | undefined {
    if (this.completeRead) return this.completeAwards;
    this.completeRead = true;
    const awards = asArray(this.release.awards);
    if (!awards || !this.bidDetails) return undefined;
    const active: Record<string, unknown>[] = [];
    for (const award of awards) {
      const a = asObject(award);
      const status = asString(a?.status);
      if (status === undefined) continue;
      if (status === 'active') active.push(a!);
      else if (status !== 'cancelled' && status !== 'unsuccessful') return undefined;
    }
    return (this.completeAwards = active);
  }

  /** The supplier of the only active award, when all awards are final and it has exactly one supplier with an id. */
  soleWinner(): string | undefined {
    if (this.winnerRead) return this.winner;
    this.winnerRead = true;
    const awards = this.activeAwardsIfAllFinal();
    if (!awards || awards.length !== 1) return undefined;
    const suppliers = asArray(awards[0].suppliers);
    return (this.winner = suppliers && suppliers.length === 1 ? readId(suppliers[0]) : undefined);
  }
}
