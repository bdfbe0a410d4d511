/** Service-level figures: expected time, overdue, median and 90th percentile, share within target. */

const HOUR = 3_600_000;

/** When a report of a service with a target of `targetHours` is due (null when no target). */
export function expectedAt(requestedAt: Date, targetHours: number | null): Date | null {
  return targetHours === null ? null : new Date(requestedAt.getTime() + targetHours * HOUR);
}

/** Whether an open report is past its due time at `now`. */
export function isOverdue(requestedAt: Date, targetHours: number | null, now: Date): boolean {
  const due = expectedAt(requestedAt, targetHours);
  return due !== null && now.getTime() > due.getTime();
}

/**
 * The p-th quantile (0..1) by linear interpolation between closest ranks: Hyndman & Fan (1996)
 * definition 7, the default of R's quantile(), NumPy's percentile() and Excel's PERCENTILE.INC.
 * Null for an empty list.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Median and 90th percentile of durations, with the share of them within a target. */
export interface ResolutionStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Share (0..1) of resolved reports with a target that met it; null when none had a target. */
  withinTarget: number | null;
}

/** Summarises resolved reports: hours from request to resolution, and the share within target. */
export function summariseResolution(rows: readonly { requestedAt: Date; resolvedAt: Date; targetHours: number | null }[]): ResolutionStats {
  const hours = rows.map((r) => (r.resolvedAt.getTime() - r.requestedAt.getTime()) / HOUR);
  const targeted = rows.filter((r) => r.targetHours !== null);
  const met = targeted.filter((r) => r.resolvedAt.getTime() - r.requestedAt.getTime() <= (r.targetHours as number) * HOUR);
  return {
    count: rows.length,
    medianHours: quantile(hours, 0.5),
    p90Hours: quantile(hours, 0.9),
    withinTarget: targeted.length ? met.length / targeted.length : null,
  };
}

/** The Monday (UTC) that starts the ISO 8601 week of `d`, as YYYY-MM-DD, for weekly counts. */
export function isoWeekStart(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}
