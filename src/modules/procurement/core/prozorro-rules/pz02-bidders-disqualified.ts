import { asArray, asObject, readBidDetails, readId, readTendererIds } from '../common.js';
import { flagProcess, isAboveValueFloor, readWinnerIds } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

/**
 * PZ02 Two or more bidders disqualified besides the winner. Flags a process with an active award
 * where at least `threshold` distinct economic operators other than the winners were rejected.
 *
 * Rejected: the tenderers of bids with status `disqualified`, and the suppliers of awards with
 * status `unsuccessful` (ProZorro publishes a rejected bidder as an unsuccessful award, its bids
 * staying `active`). Winners: suppliers of active awards. Reads: `awards[].status`,
 * `awards[].suppliers[].id`, `bids.details[].status`, `bids.details[].tenderers[].id`.
 * Parameters: `threshold` (default 2, at least 1), value floors. Output: OCID = number rejected.
 * Source: ProZorro risk service (prozorro-risks, src/prozorro/risks/rules/: "two or more bidders
 * rejected besides the winner"); /work/shared/references/procurement-indicators.md. Cardinal's
 * R035 is the stricter cousin (the winner must hold every valid bid).
 */
export function createPz02(settings: NonNullable<ProzorroRuleSettings['PZ02']>, shared: ProzorroRuleSettings): ProzorroRule {
  const threshold = Math.max(settings.threshold ?? 2, 1);
  return {
    code: 'PZ02',
    accumulate(release, ocid, out) {
      const winners = readWinnerIds(release);
      if (winners.size === 0 || !isAboveValueFloor(release, shared.valueFloors)) return;
      const rejected = new Set<string>();
      for (const item of readBidDetails(release) ?? []) {
        const bid = asObject(item);
        if (bid?.status === 'disqualified') for (const id of readTendererIds(bid)) rejected.add(id);
      }
      for (const item of asArray(release.awards) ?? []) {
        const award = asObject(item);
        if (award?.status !== 'unsuccessful') continue;
        for (const s of asArray(award.suppliers) ?? []) {
          const id = readId(s);
          if (id !== undefined) rejected.add(id);
        }
      }
      for (const id of winners) rejected.delete(id);
      if (rejected.size >= threshold) flagProcess(out, ocid, 'PZ02', rejected.size);
    },
  };
}
