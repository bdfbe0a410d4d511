import { asArray, asObject, asString } from '../common.js';
import { flagProcess, isAboveValueFloor, readContracts, readMoney } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

/**
 * PZ04 Price increased by amendment. Flags a process with an amended contract whose value is
 * above the value of the award it implements (same currency) by more than `minimumIncrease`.
 *
 * Increase = (contracts[].value.amount - awards[awardID].value.amount) / awards[awardID].value.amount.
 * Only contracts with at least one amendment count, so a contract signed above its award without
 * amendment is not this rule's concern. Reads: `contracts[].amendments`, `contracts[].awardID`,
 * `contracts[].value`, `awards[].id`, `awards[].value`. Parameters: `minimumIncrease` (a ratio,
 * default 0: any increase), value floors. Output: OCID = the largest increase ratio.
 * Source: ProZorro risk service (prozorro-risks, src/prozorro/risks/rules/: "contract price
 * increased"); /work/shared/references/procurement-indicators.md.
 */
export function createPz04(settings: NonNullable<ProzorroRuleSettings['PZ04']>, shared: ProzorroRuleSettings): ProzorroRule {
  const minimum = Math.max(settings.minimumIncrease ?? 0, 0);
  return {
    code: 'PZ04',
    accumulate(release, ocid, out) {
      if (!isAboveValueFloor(release, shared.valueFloors)) return;
      const awards = new Map<string, Record<string, unknown>>();
      for (const a of asArray(release.awards) ?? []) {
        const award = asObject(a);
        const id = award?.id;
        if (award && (typeof id === 'string' || typeof id === 'number')) awards.set(String(id), award);
      }
      let largest: number | undefined;
      for (const contract of readContracts(release)) {
        if ((asArray(contract.amendments)?.length ?? 0) === 0) continue;
        const awardId = contract.awardID;
        const award = typeof awardId === 'string' || typeof awardId === 'number' ? awards.get(String(awardId)) : undefined;
        const awarded = readMoney(award?.value);
        const signed = readMoney(contract.value);
        if (!awarded || !signed || awarded.amount <= 0 || awarded.currency !== signed.currency) continue;
        if (asString(contract.status) === 'cancelled') continue;
        const increase = (signed.amount - awarded.amount) / awarded.amount;
        if (increase > minimum) largest = Math.max(largest ?? increase, increase);
      }
      if (largest !== undefined) flagProcess(out, ocid, 'PZ04', largest);
    },
  };
}
