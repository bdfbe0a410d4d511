import { isDegenerate, asArray, asObject, asString, computeQuartiles, readId, setMeta, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { IndicatorCalculator } from './types.js';

/** The first `digits` characters (code points) of `code`. */
function prefix(code: string, digits: number): string {
  const end = Math.min(digits, code.length);
  for (let i = 0; i < end; i++) {
    const c = code.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return [...code].slice(0, digits).join('');
  }
  return code.slice(0, digits);
}

/**
 * R048 Heterogeneous supplier. Flags a supplier whose awarded items span many kinds of goods or
 * services: the number of distinct first-`digits` prefixes of `awards[].items[].classification.id`
 * over its active single-supplier awards is at or above the upper fence (Q3 + 1.5 IQR, rounded up)
 * computed over suppliers active in at least `minimum_contracting_processes` processes.
 *
 * Reads: `awards[].status`, `awards[].suppliers[].id`, `awards[].items[].classification.id`.
 * Two passes: classifications accumulate per supplier, the fence is set at the end.
 * Parameters: `digits` (default 2), `threshold` (a count that replaces the fence),
 * `minimum_contracting_processes` (default 20).
 * Output: Tenderer = the number of distinct prefixes.
 * Source: Cardinal, docs/cli/indicators/R/048.md and src/indicators/r048.rs.
 */
export function createR048(settings: NonNullable<IndicatorSettings['R048']>): IndicatorCalculator {
  const digits = settings.digits ?? 2;
  const minimum = settings.minimumContractingProcesses ?? 20;
  // `last`: the number of the last release that counted the supplier, so that it counts once per process.
  const suppliers = new Map<string, { processes: number; codes: Set<string>; last: number }>();
  let releases = 0;
  return {
    code: 'R048',
    accumulate(release) {
      releases += 1;
      for (const item of asArray(release.awards) ?? []) {
        const award = asObject(item);
        const list = asArray(award?.suppliers);
        if (award?.status !== 'active' || !list || list.length !== 1) continue;
        const id = readId(list[0]);
        const items = asArray(award.items);
        if (id === undefined || !items) continue;
        let entry = suppliers.get(id);
        if (!entry) suppliers.set(id, (entry = { processes: 0, codes: new Set<string>(), last: 0 }));
        if (entry.last !== releases) {
          entry.last = releases;
          entry.processes += 1;
        }
        for (const it of items) {
          const code = asString(asObject(asObject(it)?.classification)?.id);
          if (code !== undefined) entry.codes.add(prefix(code, digits));
        }
      }
    },
    finish(state) {
      const counts = [...suppliers].filter(([, s]) => s.processes >= minimum).map(([id, s]) => [id, s.codes.size] as const);
      let fence = settings.threshold;
      if (fence === undefined) {
        const { q1, q3 } = computeQuartiles(counts.map(([, n]) => n));
        setMeta(state, 'R048', 'q1', q1);
        setMeta(state, 'R048', 'q3', q3);
        if (isDegenerate(q1, q3)) return;
        fence = Math.ceil(q3 + 1.5 * (q3 - q1));
      }
      setMeta(state, 'R048', 'upper_fence', fence);
      for (const [id, n] of counts) if (n >= fence) setResult(state, 'Tenderer', id, 'R048', n);
    },
  };
}
