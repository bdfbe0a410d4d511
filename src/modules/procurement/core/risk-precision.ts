import { RISK_CODES, type RiskCode } from './risk-score.js';

/** An audited process: the indicators that flagged it when the outcome was recorded, and the outcome. */
export interface AuditOutcome {
  flags: readonly string[];
  violation: boolean;
}

/** Precision of one indicator over audited processes. */
export interface IndicatorPrecision {
  code: RiskCode;
  /** Processes this indicator flags now (with or without an outcome). */
  flagged: number;
  /** Flagged processes with a recorded outcome. */
  audited: number;
  /** Of those, outcomes "violation found". */
  confirmed: number;
  /** confirmed / audited; null when nothing was audited. */
  precision: number | null;
}

/**
 * Per-indicator precision: confirmed violations / flagged processes with an outcome, with the
 * counts, so weights can be tuned with evidence. `flaggedNow` gives how many processes each
 * indicator flags today (outcomes or not). Also returns the same over all audited processes.
 */
export function computeIndicatorPrecision(
  outcomes: readonly AuditOutcome[],
  flaggedNow: Partial<Record<string, number>> = {},
): { indicators: IndicatorPrecision[]; overall: { audited: number; confirmed: number; precision: number | null } } {
  const indicators = RISK_CODES.map((code) => {
    let audited = 0;
    let confirmed = 0;
    for (const o of outcomes) {
      if (!o.flags.includes(code)) continue;
      audited++;
      if (o.violation) confirmed++;
    }
    return { code, flagged: flaggedNow[code] ?? 0, audited, confirmed, precision: audited === 0 ? null : confirmed / audited };
  });
  const confirmed = outcomes.filter((o) => o.violation).length;
  return { indicators, overall: { audited: outcomes.length, confirmed, precision: outcomes.length === 0 ? null : confirmed / outcomes.length } };
}
