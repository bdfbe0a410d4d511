import { asArray, asNumber, asString, getSubmittedBids, matchesProcurementMethod, readId, readTender, readTendererIds } from '../common.js';
import { flagProcess, isAboveValueFloor } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

/**
 * PZ01 Single participant in a competitive method. Flags a process run by a competitive method
 * (open or selective) in which exactly one economic operator took part, unless the tender ended
 * unsuccessful (nobody was awarded).
 *
 * Participants: `tender.numberOfTenderers` when it is a number; else the distinct tenderers of the
 * submitted bids (`bids.details[]` not invited or withdrawn); else the distinct `tender.tenderers`.
 * Reads: `tender.numberOfTenderers`, `tender.procurementMethod`, `tender.status`, `bids.details[]`,
 * `tender.tenderers[]`. Parameters: `procurementMethods` (default `open|selective`), value floors.
 * Output: OCID = 1. Differs from Cardinal's R018 in counting bids when `numberOfTenderers` is absent
 * (ProZorro publishes it only on some methods) and in skipping unsuccessful tenders.
 * Source: ProZorro risk service (github.com/ProzorroUKR/prozorro-risks, src/prozorro/risks/rules/,
 * retired rule "single participant"); /work/shared/references/procurement-indicators.md.
 */
export function createPz01(settings: NonNullable<ProzorroRuleSettings['PZ01']>, shared: ProzorroRuleSettings): ProzorroRule {
  const methods = settings.procurementMethods && settings.procurementMethods.size > 0 ? settings.procurementMethods : new Set(['open', 'selective']);
  return {
    code: 'PZ01',
    accumulate(release, ocid, out) {
      const tender = readTender(release);
      if (!tender || asString(tender.status) === 'unsuccessful') return;
      if (!matchesProcurementMethod(release, methods) || !isAboveValueFloor(release, shared.valueFloors)) return;
      if (countParticipants(release) === 1) flagProcess(out, ocid, 'PZ01', 1);
    },
  };
}

/** The number of participants as PZ01 counts them (see its doc), or undefined when nothing says. */
export function countParticipants(release: Record<string, unknown>): number | undefined {
  const tender = readTender(release);
  const declared = asNumber(tender?.numberOfTenderers);
  if (declared !== undefined) return declared;
  const bids = getSubmittedBids(release);
  if (bids.length > 0) return new Set(bids.flatMap(readTendererIds)).size;
  const tenderers = asArray(tender?.tenderers);
  if (tenderers) return new Set(tenderers.map(readId).filter((id) => id !== undefined)).size;
  return undefined;
}
