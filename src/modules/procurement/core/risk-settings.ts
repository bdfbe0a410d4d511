import { z } from 'zod';
import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import type { ProzorroRuleSettings } from './prozorro-rules/types.js';
import { DEFAULT_RISK_WEIGHTS, MAX_RISK_WEIGHT, RISK_BUCKET_THRESHOLDS, RISK_CODES, type RiskCode, type RiskWeights } from './risk-score.js';

/**
 * Competitive thresholds of the Law of Ukraine "On Public Procurement" (No. 922-VIII as amended
 * by No. 114-IX, in force 19 April 2020), art. 3 part 1: open procedures from 200,000 UAH for goods
 * and services and from 1,500,000 UAH for works; below them a buyer may use a simplified purchase
 * or a direct contract. /work/shared/references/procurement-indicators.md does not state these: the
 * 400,000 / 1,500,000 UAH it names are the floors of ProZorro's risk service (PROZORRO_VALUE_FLOORS),
 * not the competitive threshold that splitting (PZ06) dodges.
 */
export const COMPETITIVE_THRESHOLDS_UAH = Object.freeze({ goodsServices: 200_000, works: 1_500_000 });

/** Thresholds of the ProZorro-derived rules a site may change (PZ01 has none). */
export interface RuleThresholds {
  /** PZ02: rejected bidders besides the winner. */
  PZ02: { threshold: number };
  /** PZ03: contract amendments. */
  PZ03: { threshold: number };
  /** PZ04: smallest price increase by amendment that flags (a ratio; 0: any increase). */
  PZ04: { minimumIncrease: number };
  /** PZ05: award below the expected value by at least this share. */
  PZ05: { threshold: number };
  /** PZ06: the competitive thresholds (UAH) it looks just below, the band, the window and how many purchases. */
  PZ06: { threshold: number; worksThreshold: number; band: number; windowDays: number; minimumPurchases: number };
}

/** A site's risk settings: the weight per indicator, the bucket cut-offs, the rules' thresholds. */
export interface RiskSettings {
  weights: RiskWeights;
  buckets: { medium: number; high: number };
  rules: RuleThresholds;
}

/** The defaults (each rule's own default, the State Audit Service's cut-offs, our weights). */
export const DEFAULT_RISK_SETTINGS: Readonly<RiskSettings> = Object.freeze({
  weights: { ...DEFAULT_RISK_WEIGHTS },
  buckets: { ...RISK_BUCKET_THRESHOLDS },
  rules: {
    PZ02: { threshold: 2 },
    PZ03: { threshold: 3 },
    PZ04: { minimumIncrease: 0 },
    PZ05: { threshold: 0.3 },
    PZ06: {
      threshold: COMPETITIVE_THRESHOLDS_UAH.goodsServices,
      worksThreshold: COMPETITIVE_THRESHOLDS_UAH.works,
      band: 0.2,
      windowDays: 365,
      minimumPurchases: 2,
    },
  },
});

// A finite number (zod refuses infinities); the checks give coded reasons (not_a_number, not_whole, too_small, too_large).
const num = () => z.coerce.number({ message: 'must be a number' });
const whole = (min: number, max: number) =>
  num()
    .refine(Number.isInteger, { message: 'must be a whole number', params: { reason: 'not_whole' } })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const between = (min: number, max: number) => num().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const weightField = between(0, MAX_RISK_WEIGHT);

/**
 * A change to a site's settings: any subset of the fields; unknown fields are refused. Field
 * names in errors are the paths (`weights.R018`, `buckets.high`, `rules.PZ06.threshold`).
 */
export const riskSettingsPatch = z
  .object({
    weights: z
      .object(Object.fromEntries(RISK_CODES.map((code) => [code, weightField.optional()])) as Record<RiskCode, z.ZodOptional<typeof weightField>>)
      .strict()
      .optional(),
    buckets: z
      .object({ medium: between(0, 100).optional(), high: between(0, 100).optional() })
      .strict()
      .optional(),
    rules: z
      .object({
        PZ02: z
          .object({ threshold: whole(1, 100).optional() })
          .strict()
          .optional(),
        PZ03: z
          .object({ threshold: whole(1, 100).optional() })
          .strict()
          .optional(),
        PZ04: z
          .object({ minimumIncrease: between(0, 10).optional() })
          .strict()
          .optional(),
        PZ05: z
          .object({ threshold: between(0.01, 0.99).optional() })
          .strict()
          .optional(),
        PZ06: z
          .object({
            threshold: between(1, 1e12).optional(),
            worksThreshold: between(1, 1e12).optional(),
            band: between(0.01, 0.99).optional(),
            windowDays: whole(1, 3650).optional(),
            minimumPurchases: whole(2, 100).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A parsed change. */
export type RiskSettingsPatch = z.infer<typeof riskSettingsPatch>;

/** What a site stored: the fields it changed from the defaults (so later defaults still apply elsewhere). */
export type StoredRiskSettings = RiskSettingsPatch;

type Leaf = { path: string; value: number };

function leaves(value: unknown, prefix = ''): Leaf[] {
  if (typeof value === 'number') return [{ path: prefix, value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function setPath(target: Record<string, unknown>, path: string, value: number): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function getPath(source: unknown, path: string): number | undefined {
  let node = source;
  for (const k of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
  return typeof node === 'number' ? node : undefined;
}

/** The defaults overlaid with what a site stored (fields the schema no longer knows are ignored). */
export function resolveRiskSettings(stored: StoredRiskSettings | null | undefined): RiskSettings {
  const out = structuredClone(DEFAULT_RISK_SETTINGS) as RiskSettings;
  for (const { path, value } of leaves(stored ?? {}))
    if (getPath(DEFAULT_RISK_SETTINGS, path) !== undefined && Number.isFinite(value)) setPath(out as unknown as Record<string, unknown>, path, value);
  return out;
}

/** One field a change set: its path, the value before and after. */
export interface SettingChange {
  field: string;
  before: number;
  after: number;
}

/**
 * Applies a parsed change to what a site stored: returns the new stored overrides (a field set back
 * to its default is dropped), the resolved settings and the fields whose value changed. Refuses
 * bucket cut-offs out of order (`buckets.high` must be above `buckets.medium`) and a PZ06 works
 * threshold below the goods and services one, naming the field.
 */
export function applyRiskSettingsPatch(
  stored: StoredRiskSettings | null | undefined,
  patch: RiskSettingsPatch,
): { stored: StoredRiskSettings; settings: RiskSettings; changes: SettingChange[] } | { fields: FieldErrors; reasons: FieldReasons } {
  const before = resolveRiskSettings(stored);
  const next: Record<string, unknown> = structuredClone(stored ?? {}) as Record<string, unknown>;
  for (const { path, value } of leaves(patch)) setPath(next, path, value);
  const settings = resolveRiskSettings(next);
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  if (settings.buckets.high <= settings.buckets.medium) {
    const field = patch.buckets?.high !== undefined ? 'buckets.high' : 'buckets.medium';
    fields[field] = 'the high cut-off must be above the medium one';
    reasons[field] = { reason: 'cutoffs_out_of_order' };
  }
  if (settings.rules.PZ06.worksThreshold < settings.rules.PZ06.threshold) {
    const field = patch.rules?.PZ06?.worksThreshold !== undefined ? 'rules.PZ06.worksThreshold' : 'rules.PZ06.threshold';
    fields[field] = 'the works threshold must not be below the goods and services one';
    reasons[field] = { reason: 'works_below_goods' };
  }
  if (Object.keys(fields).length > 0) return { fields, reasons };
  const compact: Record<string, unknown> = {};
  for (const { path, value } of leaves(settings)) if (getPath(DEFAULT_RISK_SETTINGS, path) !== value) setPath(compact, path, value);
  const changes = leaves(settings)
    .map(({ path, value }) => ({ field: path, before: getPath(before, path) as number, after: value }))
    .filter((c) => c.before !== c.after);
  return { stored: compact as StoredRiskSettings, settings, changes };
}

/** The rule settings of an assessment: every rule enabled, with the site's thresholds and no value floors. */
export function toProzorroRuleSettings(settings: RiskSettings): ProzorroRuleSettings {
  const r = settings.rules;
  return { PZ01: {}, PZ02: { ...r.PZ02 }, PZ03: { ...r.PZ03 }, PZ04: { ...r.PZ04 }, PZ05: { ...r.PZ05 }, PZ06: { ...r.PZ06, currency: 'UAH' } };
}

/** The fields a settings form shows, in order (paths as in errors and the audit). */
export const RISK_SETTING_FIELDS: readonly string[] = leaves(DEFAULT_RISK_SETTINGS).map((l) => l.path);

/** The value at a settings path (for forms). */
export function readRiskSetting(settings: RiskSettings, path: string): number | undefined {
  return getPath(settings, path);
}

/** Turns flat form fields (`weights.R018` -> "0.4") into a nested patch; blank fields are left out. */
export function patchFromForm(form: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(form)) {
    if (!RISK_SETTING_FIELDS.includes(path) || raw.trim() === '') continue;
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = raw.trim();
  }
  return out;
}
