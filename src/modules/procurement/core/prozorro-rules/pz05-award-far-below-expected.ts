import { asArray, asObject, asString, readTender } from '../common.js';
import { flagProcess, isAboveValueFloor, readActiveAwards, readMoney, type Money } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

/**
 * PZ05 Award far below the expected value. Flags a process with an active award at least
 * `threshold` (a share) below the expected value: 1 - award / expected >= threshold.
 *
 * Expected value: the value of the award's lot when the award names exactly one lot
 * (`awards[].relatedLots`) that has a value, else `tender.value` when the tender has at most one
 * lot (with several lots an unresolved award is skipped: its share of the total is unknown); in the
 * award's currency and above 0. Reads: `awards[].status`, `awards[].value`, `awards[].relatedLots`, `tender.lots[]`,
 * `tender.value`. Parameters: `threshold` (default 0.3), value floors. Output: OCID = the largest
 * discount (1 - award / expected). A deep discount can mean a dumping bid that is later raised by
 * amendment (see PZ04) or an inflated estimate.
 * Source: ProZorro risk service (prozorro-risks, src/prozorro/risks/rules/, retired rule "award at
 * least 30% below the expected value"); /work/shared/references/procurement-indicators.md.
 */
export function createPz05(settings: NonNullable<ProzorroRuleSettings['PZ05']>, shared: ProzorroRuleSettings): ProzorroRule {
  const threshold = settings.threshold ?? 0.3;
  return {
    code: 'PZ05',
    accumulate(release, ocid, out) {
      if (!isAboveValueFloor(release, shared.valueFloors)) return;
      const tender = readTender(release);
      const lots = new Map<string, Money>();
      for (const l of asArray(tender?.lots) ?? []) {
        const lot = asObject(l);
        const id = asString(lot?.id);
        const value = readMoney(lot?.value);
        if (id !== undefined && value) lots.set(id, value);
      }
      const total = readMoney(tender?.value);
      let largest: number | undefined;
      for (const award of readActiveAwards(release)) {
        const awarded = readMoney(award.value);
        if (!awarded) continue;
        const related = asArray(award.relatedLots);
        const lotValue = related?.length === 1 && typeof related[0] === 'string' ? lots.get(related[0]) : undefined;
        // With several lots, an award whose lot cannot be resolved is not compared with the total.
        const lotCount = asArray(tender?.lots)?.length ?? 0;
        const expected = lotValue ?? (lotCount <= 1 ? total : undefined);
        if (!expected || expected.amount <= 0 || expected.currency !== awarded.currency) continue;
        const discount = 1 - awarded.amount / expected.amount;
        if (discount >= threshold - 1e-12) largest = Math.max(largest ?? discount, discount);
      }
      if (largest !== undefined) flagProcess(out, ocid, 'PZ05', largest);
    },
  };
}
