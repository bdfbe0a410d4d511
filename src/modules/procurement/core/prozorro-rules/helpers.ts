import { asArray, asNumber, asObject, asString, readId, readTender } from '../common.js';
import type { Release } from '../types.js';
import type { ProzorroRuleCode, ProzorroRuleOutput, ValueFloors } from './types.js';

/** An OCDS `Value` read as amount and currency, or undefined when either is missing. */
export interface Money {
  amount: number;
  currency: string;
}

/** Reads an OCDS `Value` object (`{amount, currency}`). */
export function readMoney(value: unknown): Money | undefined {
  const v = asObject(value);
  const amount = asNumber(v?.amount);
  const currency = asString(v?.currency);
  return amount === undefined || currency === undefined ? undefined : { amount, currency };
}

/** Records a flag for `ocid` under `code`. */
export function flagProcess(out: ProzorroRuleOutput, ocid: string, code: ProzorroRuleCode, value: number): void {
  (out[ocid] ??= {})[code] = value;
}

/** The awards whose status is `active` (the winners). */
export function readActiveAwards(release: Release): Record<string, unknown>[] {
  return (asArray(release.awards) ?? []).flatMap((a) => {
    const award = asObject(a);
    return award && award.status === 'active' ? [award] : [];
  });
}

/** The supplier ids of the active awards. */
export function readWinnerIds(release: Release): Set<string> {
  const out = new Set<string>();
  for (const award of readActiveAwards(release)) {
    for (const s of asArray(award.suppliers) ?? []) {
      const id = readId(s);
      if (id !== undefined) out.add(id);
    }
  }
  return out;
}

/** The contracts of a release as objects. */
export function readContracts(release: Release): Record<string, unknown>[] {
  return (asArray(release.contracts) ?? []).flatMap((c) => {
    const contract = asObject(c);
    return contract ? [contract] : [];
  });
}

/**
 * Whether the process is at or above the floor for its `tender.mainProcurementCategory` (goods,
 * services or works; another or missing category uses the lowest floor). True when no floors are set.
 */
export function isAboveValueFloor(release: Release, floors: ValueFloors | undefined): boolean {
  if (!floors) return true;
  const tender = readTender(release);
  const value = readMoney(tender?.value);
  if (!value || value.currency !== floors.currency) return false;
  const category = asString(tender?.mainProcurementCategory);
  const floor =
    category === 'works'
      ? floors.works
      : category === 'goods'
        ? floors.goods
        : category === 'services'
          ? floors.services
          : Math.min(floors.goods, floors.services, floors.works);
  return value.amount >= floor;
}

/** Parses an ISO 8601 date-time to milliseconds, or undefined. */
export function readTime(value: unknown): number | undefined {
  const s = asString(value);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}
