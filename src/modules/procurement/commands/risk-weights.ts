import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { invalidInput } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { MAX_RISK_WEIGHT, RISK_CODES, resolveRiskWeights, type RiskWeights } from '../core/risk-score.js';
import { listRiskWeightRows, upsertRiskWeights } from '../store/risk.js';

/** Permission to change the site's indicator weights. */
export const WEIGHTS_PERMISSION = 'procurement.risk.weights';

/** The site's weights: the defaults overlaid with what the site stored. */
export async function getRiskWeights(deps: Deps, siteId: string): Promise<RiskWeights> {
  return resolveRiskWeights(await listRiskWeightRows(deps.db, siteId));
}

const weight = z.coerce
  .number({ message: 'must be a number' })
  .min(0, 'must be at least 0')
  .max(MAX_RISK_WEIGHT, `must be at most ${MAX_RISK_WEIGHT}`);

/** Input of `saveRiskWeights`: some or all indicators, each a weight in [0, MAX_RISK_WEIGHT]. */
export const riskWeightsInput = z
  .object(
    Object.fromEntries(RISK_CODES.map((code) => [code, weight.optional()])) as Record<(typeof RISK_CODES)[number], z.ZodOptional<typeof weight>>,
  )
  .strict();

/**
 * Stores the weights given (others keep their value); unknown codes and weights outside
 * [0, MAX_RISK_WEIGHT] are refused, naming the field. Returns the resulting weights.
 */
export async function saveRiskWeights(deps: Deps, siteId: string, input: unknown, actorId: string | null): Promise<RiskWeights> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const unknown = Object.keys(input).filter((k) => !(RISK_CODES as readonly string[]).includes(k));
    if (unknown.length > 0) throw invalidInput(Object.fromEntries(unknown.map((k) => [k, 'unknown indicator code'])));
  }
  const parsed = parseInput(riskWeightsInput, input);
  const rows = Object.entries(parsed).flatMap(([code, w]) => (w === undefined ? [] : [{ code, weight: w }]));
  await inTransaction(deps.db, (tx) => upsertRiskWeights(tx, siteId, rows, actorId, deps.clock.now()));
  return getRiskWeights(deps, siteId);
}
