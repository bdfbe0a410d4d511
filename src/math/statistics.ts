/**
 * Statistics used by Pol.is's representativeness and consensus
 * (compdemocracy/polis math/src/polismath/math/stats.clj).
 */

/** One-sided 90% critical value of the standard normal that Pol.is uses (`z-sig-90?`, stats.clj). */
export const Z_90_ONE_SIDED = 1.2816;

/** True when a z statistic is significant at 90% one-sided (`z-sig-90?`: z > 1.2816, stats.clj). */
export function isSignificant90(z: number): boolean {
  return z > Z_90_ONE_SIDED;
}

/**
 * Pol.is's one-proportion test against 1/2 with a +1 pseudo-count (`prop-test`, stats.clj):
 * 2 * sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5).
 */
export function testProportion(successes: number, n: number): number {
  const s = successes + 1;
  const m = n + 1;
  return 2 * Math.sqrt(m) * (s / m - 0.5);
}

/**
 * Pol.is's two-proportion z-test with +1 added to all four counts (`two-prop-test`, stats.clj):
 * (p1 - p2) / sqrt(p * (1 - p) * (1/n1 + 1/n2)) with the pooled p; 0 when the pooled p is 1.
 */
export function testTwoProportions(successesIn: number, successesOut: number, nIn: number, nOut: number): number {
  const s1 = successesIn + 1;
  const s2 = successesOut + 1;
  const n1 = nIn + 1;
  const n2 = nOut + 1;
  const pooled = (s1 + s2) / (n1 + n2);
  if (pooled === 1) return 0;
  return (s1 / n1 - s2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labellings of the same items: 1 for
 * identical partitions, about 0 for independent ones.
 */
export function computeAdjustedRandIndex(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  if (a.length !== b.length) throw new RangeError('labellings differ in length');
  const n = a.length;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rowsA = new Map<number | string, number>();
  const colsB = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowsA.set(a[i], (rowsA.get(a[i]) ?? 0) + 1);
    colsB.set(b[i], (colsB.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const c of table.values()) index += pairs(c);
  let sumA = 0;
  for (const c of rowsA.values()) sumA += pairs(c);
  let sumB = 0;
  for (const c of colsB.values()) sumB += pairs(c);
  const total = pairs(n);
  const expected = total === 0 ? 0 : (sumA * sumB) / total;
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
