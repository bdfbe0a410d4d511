import type { Group, IndicatorCode, Release, RunState } from './types.js';

/** Reads `value` as a JSON object, or undefined when it is anything else. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads `value` as a JSON array, or undefined when it is anything else. */
export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Reads `value` as a string, or undefined when it is anything else. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads `value` as a finite number, or undefined when it is anything else. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads the `id` of an organisation reference when it is a string. */
export function readId(reference: unknown): string | undefined {
  return asString(asObject(reference)?.id);
}

/** Records `value` for `id` in `group` under indicator `code`. */
export function setResult(state: RunState, group: Group, id: string, code: IndicatorCode, value: number): void {
  let byId = state.results.get(group);
  if (!byId) state.results.set(group, (byId = new Map()));
  let byCode = byId.get(id);
  if (!byCode) byId.set(id, (byCode = {}));
  byCode[code] = value;
}

/** Records a fence or quartile that indicator `code` used. */
export function setMeta(state: RunState, code: IndicatorCode, key: string, value: number): void {
  let byKey = state.meta.get(code);
  if (!byKey) state.meta.set(code, (byKey = new Map()));
  byKey.set(key, value);
}

/** The `tender` object of a release, or undefined. */
export function readTender(release: Release): Record<string, unknown> | undefined {
  return asObject(release.tender);
}

/** The `bids.details` array of a release, or undefined. */
export function readBidDetails(release: Release): unknown[] | undefined {
  return asArray(asObject(release.bids)?.details);
}

/** True when the tender's status is `cancelled` (Cardinal leaves such processes out of every indicator). */
export function isCancelledProcess(release: Release): boolean {
  return readTender(release)?.status === 'cancelled';
}

/**
 * Cardinal's filter on `tender.procurementMethodDetails`: with a non-empty allow list the value must
 * be in it (a missing value does not match); otherwise the value must not be in the deny list.
 */
export function matchesProcurementMethodDetails(release: Release, include: ReadonlySet<string>, exclude: ReadonlySet<string>): boolean {
  const details = asString(readTender(release)?.procurementMethodDetails);
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/** Cardinal's filter on `tender.procurementMethod`: an empty set matches all, otherwise the method must be in it. */
export function matchesProcurementMethod(release: Release, methods: ReadonlySet<string>): boolean {
  if (methods.size === 0) return true;
  const method = asString(readTender(release)?.procurementMethod);
  return method !== undefined && methods.has(method);
}

/** Bids whose status is pending, valid or disqualified (any status but invited and withdrawn). */
export function getSubmittedBids(release: Release): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const bid of readBidDetails(release) ?? []) {
    const b = asObject(bid);
    const status = asString(b?.status);
    if (b && status !== undefined && status !== 'invited' && status !== 'withdrawn') out.push(b);
  }
  return out;
}

/**
 * The active awards and the bids of a process whose awards are all final (active, cancelled or
 * unsuccessful); undefined when `awards` or `bids.details` is missing or any award is pending (or
 * has another status), so that results stay stable as a process moves on.
 */
export function getCompleteAwardsIfAllFinal(release: Release): { awards: Record<string, unknown>[]; bids: unknown[] } | undefined {
  const awards = asArray(release.awards);
  const bids = readBidDetails(release);
  if (!awards || !bids) return undefined;
  const complete: Record<string, unknown>[] = [];
  for (const award of awards) {
    const a = asObject(award);
    const status = asString(a?.status);
    if (status === undefined) continue;
    if (status === 'active') complete.push(a!);
    else if (status !== 'cancelled' && status !== 'unsuccessful') return undefined;
  }
  return { awards: complete, bids };
}

/** The supplier of the only active award when it has exactly one supplier with an id. */
export function getSoleWinner(complete: { awards: Record<string, unknown>[] }): string | undefined {
  if (complete.awards.length !== 1) return undefined;
  const suppliers = asArray(complete.awards[0].suppliers);
  return suppliers && suppliers.length === 1 ? readId(suppliers[0]) : undefined;
}

/** The ids of a bid's tenderers that have a string id. */
export function readTendererIds(bid: Record<string, unknown>): string[] {
  return (asArray(bid.tenderers) ?? []).flatMap((t) => {
    const id = readId(t);
    return id === undefined ? [] : [id];
  });
}

/**
 * Whether `currency` is the run's main currency. The first currency seen becomes the main one
 * when the settings name none, as in Cardinal.
 */
export function isMainCurrency(state: RunState, currency: string): boolean {
  state.currency ??= currency;
  return state.currency === currency;
}

/**
 * The `tau` quantile by Hyndman and Fan's method 8 (approximately median-unbiased), as statrs's
 * `OrderStatistics::quantile` computes it for Cardinal; NaN for no data.
 */
export function computeQuantile(values: readonly number[], tau: number): number {
  const n = values.length;
  if (n === 0 || tau < 0 || tau > 1) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (n + 1 / 3) * tau + 1 / 3;
  const hf = Math.trunc(h);
  if (hf <= 0 || tau === 0) return sorted[0];
  if (hf >= n || tau === 1) return sorted[n - 1];
  const a = sorted[hf - 1];
  const b = sorted[hf];
  return a + (h - hf) * (b - a);
}

/** First and third quartiles of `values` (method 8). */
export function computeQuartiles(values: readonly number[]): { q1: number; q3: number } {
  return { q1: computeQuantile(values, 0.25), q3: computeQuantile(values, 0.75) };
}

/** Cardinal skips an indicator whose computed fence rests on Q1, Q3 and IQR all 0: most values are 0 and nothing stands out. */
export function isDegenerate(q1: number, q3: number): boolean {
  return q1 === 0 && q3 === 0;
}
