import type { Release } from '../types.js';

/** Codes of the ProZorro-derived rules (PZ = ProZorro), one file each in this folder. */
export const PROZORRO_RULE_CODES = ['PZ01', 'PZ02', 'PZ03', 'PZ04', 'PZ05', 'PZ06'] as const;

/** A ProZorro-derived rule code such as `PZ01`. */
export type ProzorroRuleCode = (typeof PROZORRO_RULE_CODES)[number];

/** Flags per contracting process: ocid -> rule -> value (a count or a ratio; presence means flagged). */
export type ProzorroRuleOutput = Record<string, Partial<Record<ProzorroRuleCode, number>>>;

/**
 * Value floors below which the rules do not look at a process (ProZorro applies its rules to
 * goods and services from 400,000 UAH and works from 1,500,000 UAH). Compared with
 * `tender.value.amount` in `currency`; a process in another currency or without a value is left out
 * when floors are set.
 */
export interface ValueFloors {
  currency: string;
  goods: number;
  services: number;
  works: number;
}

/** ProZorro's own floors (prozorro-risks, src/prozorro/risks/rules/: goods/services 400,000 UAH, works 1,500,000 UAH). */
export const PROZORRO_VALUE_FLOORS: ValueFloors = { currency: 'UAH', goods: 400_000, services: 400_000, works: 1_500_000 };

/** Settings of the ProZorro-derived rules. A key present enables the rule (as Cardinal's `[Rnnn]` sections do). */
export interface ProzorroRuleSettings {
  /** Floors for PZ01-PZ05; unset: every process is looked at. */
  valueFloors?: ValueFloors;
  PZ01?: { procurementMethods?: ReadonlySet<string> };
  PZ02?: { threshold?: number };
  PZ03?: { threshold?: number };
  PZ04?: { minimumIncrease?: number };
  PZ05?: { threshold?: number };
  PZ06?: { threshold?: number; worksThreshold?: number; currency?: string; band?: number; windowDays?: number; minimumPurchases?: number };
}

/** Every rule enabled with its defaults and no value floors. */
export function createDefaultProzorroRuleSettings(): ProzorroRuleSettings {
  return { PZ01: {}, PZ02: {}, PZ03: {}, PZ04: {}, PZ05: {}, PZ06: {} };
}

/** One rule: `accumulate` sees each eligible compiled release once; `finish` runs after the last. */
export interface ProzorroRule {
  code: ProzorroRuleCode;
  accumulate(release: Release, ocid: string, out: ProzorroRuleOutput): void;
  finish?(out: ProzorroRuleOutput): void;
}
