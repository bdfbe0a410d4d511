import { asArray, asObject, asString, readId, setResult } from './common.js';
import type { IndicatorCalculator } from './types.js';

/** Whether a bid's `date` is a string after `end` (compared as strings, as in Cardinal). */
function isLate(date: unknown, end: string): boolean {
  return typeof date === 'string' && date > end;
}

/**
 * R030 Late bid won. Flags a process where a valid bid dated after the tender period's end was
 * submitted by a supplier of an active award.
 *
 * Reads: `tender.tenderPeriod.endDate`, `bids.details[].status`, `.date`, `.tenderers[].id`,
 * `awards[].status`, `awards[].suppliers[].id`. Dates compare as strings, as in Cardinal.
 * Parameters: none. Output: OCID = 1.0; Tenderer = 1.0 for the late winner.
 * Source: Cardinal, docs/cli/indicators/R/030.md and src/indicators/r030.rs.
 */
export function createR030(): IndicatorCalculator {
  return {
    code: 'R030',
    accumulate(release, ocid, state, view) {
      const end = asString(asObject(view.tender?.tenderPeriod)?.endDate);
      const awards = asArray(release.awards);
      if (end === undefined || !awards || !view.bidDetails) return;
      // Most processes have no late valid bid: look for one before reading the awards.
      if (!view.bids().some(({ bid, status }) => status === 'valid' && isLate(bid.date, end))) return;
      if (awards.some((a) => asString(asObject(a)?.status) === 'pending')) return;
      const suppliers = new Set<string>();
      for (const item of awards) {
        const award = asObject(item);
        if (award?.status !== 'active') continue;
        for (const s of asArray(award.suppliers) ?? []) {
          const id = readId(s);
          if (id !== undefined) suppliers.add(id);
        }
      }
      for (const { bid, status, tendererIds } of view.bids()) {
        if (status !== 'valid' || !isLate(bid.date, end)) continue;
        for (const id of tendererIds) {
          if (suppliers.has(id)) {
            setResult(state, 'OCID', ocid, 'R030', 1);
            setResult(state, 'Tenderer', id, 'R030', 1);
          }
        }
      }
    },
  };
}
