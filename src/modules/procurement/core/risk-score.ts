import type { IndicatorCode } from './types.js';
import { PROZORRO_RULE_CODES, type ProzorroRuleCode } from './prozorro-rules/types.js';

/** Cardinal indicators that flag a contracting process (OCID group); R025, R038 and R048 flag parties, not processes. */
export const PROCESS_INDICATOR_CODES = [
  'R003',
  'R018',
  'R024',
  'R028',
  'R030',
  'R035',
  'R036',
  'R044',
  'R058',
] as const satisfies readonly IndicatorCode[];

/** Every indicator that can add to a process's risk score: Cardinal's process-level ones and the ProZorro-derived rules. */
export const RISK_CODES = [...PROCESS_INDICATOR_CODES, ...PROZORRO_RULE_CODES] as const;

/** An indicator that can add to a risk score. */
export type RiskCode = (typeof PROCESS_INDICATOR_CODES)[number] | ProzorroRuleCode;

/** Weight per indicator: what a flag adds to the score. */
export type RiskWeights = Record<RiskCode, number>;

/**
 * Default weights, within the 0.1-0.5 "impact" range of the State Audit Service's catalogue
 * (/work/shared/references/procurement-indicators.md). Our choice, to be tuned per site with the
 * precision report: 0.5 for signs of collusion or manipulation after award (late bid won, all but
 * the winner disqualified, shared contact details, price raised by amendment, split purchases),
 * 0.4 for weak competition, 0.3 for procedural haste and amendments, 0.2 for price signals that
 * are often benign (deep discounts).
 */
export const DEFAULT_RISK_WEIGHTS: Readonly<RiskWeights> = Object.freeze({
  R003: 0.3,
  R018: 0.4,
  R024: 0.3,
  R028: 0.4,
  R030: 0.5,
  R035: 0.5,
  R036: 0.4,
  R044: 0.5,
  R058: 0.2,
  PZ01: 0.4,
  PZ02: 0.4,
  PZ03: 0.3,
  PZ04: 0.5,
  PZ05: 0.2,
  PZ06: 0.5,
});

/** Largest weight a site may set for one indicator. */
export const MAX_RISK_WEIGHT = 5;

/** Risk buckets, low to high. */
export const RISK_BUCKETS = ['low', 'medium', 'high'] as const;

/** A risk bucket. */
export type RiskBucket = (typeof RISK_BUCKETS)[number];

/**
 * Bucket thresholds of the State Audit Service's catalogue: low [0, 0.5), medium [0.5, 1.2),
 * high >= 1.2 (/work/shared/references/procurement-indicators.md).
 */
export const RISK_BUCKET_THRESHOLDS = Object.freeze({ medium: 0.5, high: 1.2 });

/** Whether `code` is an indicator that can add to a risk score. */
export function isRiskCode(code: string): code is RiskCode {
  return (RISK_CODES as readonly string[]).includes(code);
}

/** Default weights overlaid with a site's stored ones (unknown codes ignored). */
export function resolveRiskWeights(stored: Iterable<{ code: string; weight: number }>): RiskWeights {
  const weights: RiskWeights = { ...DEFAULT_RISK_WEIGHTS };
  for (const { code, weight } of stored) if (isRiskCode(code) && Number.isFinite(weight)) weights[code] = weight;
  return weights;
}

/**
 * A process's risk score: the sum of the weights of the indicators that flag it (the State Audit
 * Service's "sum of triggered impacts"), rounded to 1e-9 so sums such as 0.1 + 0.2 compare as
 * written.
 */
export function computeRiskScore(flagged: Iterable<string>, weights: RiskWeights): number {
  let score = 0;
  for (const code of new Set(flagged)) if (isRiskCode(code)) score += weights[code];
  return Math.round(score * 1e9) / 1e9;
}

/** The bucket of a score: high from 1.2, medium from 0.5, else low. */
export function bucketRiskScore(score: number, thresholds: { medium: number; high: number } = RISK_BUCKET_THRESHOLDS): RiskBucket {
  return score >= thresholds.high ? 'high' : score >= thresholds.medium ? 'medium' : 'low';
}
