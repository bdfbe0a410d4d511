import { asObject, asString, matchesProcurementMethod, readTender, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses an RFC 3339 date-time to milliseconds, or undefined when it is not one (as chrono's parser refuses it). */
export function parseRfc3339(value: string): number | undefined {
  if (!RFC3339.test(value)) return undefined;
  const ms = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * R003 Short submission period. Flags a process whose tender period, in whole days (end - start,
 * truncated), is shorter than the threshold.
 *
 * Reads: `tender.tenderPeriod.startDate`, `tender.tenderPeriod.endDate` (RFC 3339),
 * `tender.procurementMethod`, `tender.procurementMethodDetails`.
 * Parameters: `threshold` (days, default 15); `procurement_methods` (only these methods; default all);
 * `[R003.procurement_method_details]` (a threshold per method details value).
 * Output: OCID = 1.0.
 * Source: Cardinal, docs/cli/indicators/R/003.md and src/indicators/r003.rs (open-contracting/cardinal-rs).
 */
export function createR003(settings: NonNullable<IndicatorSettings['R003']>): IndicatorCalculator {
  const threshold = settings.threshold ?? 15;
  const methods = settings.procurementMethods ?? new Set<string>();
  const byDetails = settings.procurementMethodDetails ?? {};
  return {
    code: 'R003',
    accumulate(release, ocid, state) {
      const tender = readTender(release);
      if (!tender || !matchesProcurementMethod(release, methods)) return;
      const period = asObject(tender.tenderPeriod);
      const start = asString(period?.startDate);
      const end = asString(period?.endDate);
      if (start === undefined || end === undefined) return;
      const startMs = parseRfc3339(start);
      const endMs = parseRfc3339(end);
      if (startMs === undefined || endMs === undefined) return;
      const days = Math.trunc((endMs - startMs) / DAY_MS);
      const details = asString(tender.procurementMethodDetails);
      const limit = details !== undefined && Object.hasOwn(byDetails, details) ? byDetails[details] : threshold;
      if (days < limit) setResult(state, 'OCID', ocid, 'R003', 1);
    },
  };
}
