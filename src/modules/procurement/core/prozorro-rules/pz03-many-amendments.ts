import { asArray } from '../common.js';
import { flagProcess, isAboveValueFloor, readContracts } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

/**
 * PZ03 Three or more contract amendments. Flags a process one of whose contracts carries at least
 * `threshold` amendments.
 *
 * Reads: `contracts[].amendments[]` (OCDS 1.1 amendment objects, counted per contract).
 * Parameters: `threshold` (default 3, at least 1), value floors. Output: OCID = the largest number
 * of amendments on one contract. ProZorro's companion rule (two or more "quality improvement"
 * amendments) needs its native change rationale codes, which OCDS does not carry as a code list.
 * Source: ProZorro risk service (prozorro-risks, src/prozorro/risks/rules/: "three or more
 * contract amendments"); /work/shared/references/procurement-indicators.md.
 */
export function createPz03(settings: NonNullable<ProzorroRuleSettings['PZ03']>, shared: ProzorroRuleSettings): ProzorroRule {
  const threshold = Math.max(settings.threshold ?? 3, 1);
  return {
    code: 'PZ03',
    accumulate(release, ocid, out) {
      if (!isAboveValueFloor(release, shared.valueFloors)) return;
      let most = 0;
      for (const contract of readContracts(release)) most = Math.max(most, asArray(contract.amendments)?.length ?? 0);
      if (most >= threshold) flagProcess(out, ocid, 'PZ03', most);
    },
  };
}
