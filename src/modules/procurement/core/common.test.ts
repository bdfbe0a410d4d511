import { describe, expect, it } from 'vitest';
import { computeQuantile, matchesProcurementMethodDetails } from './common.js';

describe('computeQuantile', () => {
  // Hyndman & Fan (1996) method 8, as statrs computes it for Cardinal; R's quantile(1:10, type = 8)
  // gives 2.916667 at 0.25 and 8.083333 at 0.75.
  it('matches R type 8 on 1..10', () => {
    const data = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(computeQuantile(data, 0.25)).toBeCloseTo(2.9166667, 6);
    expect(computeQuantile(data, 0.75)).toBeCloseTo(8.0833333, 6);
    expect(computeQuantile(data, 0)).toBe(1);
    expect(computeQuantile(data, 1)).toBe(10);
    expect(computeQuantile([], 0.5)).toBeNaN();
  });
});

describe('matchesProcurementMethodDetails', () => {
  it('uses an allow list when given, else a deny list; a missing value matches only a deny list', () => {
    const with_ = (d?: string) => ({ tender: d === undefined ? {} : { procurementMethodDetails: d } });
    expect(matchesProcurementMethodDetails(with_('A'), new Set(), new Set(['A']))).toBe(false);
    expect(matchesProcurementMethodDetails(with_('B'), new Set(), new Set(['A']))).toBe(true);
    expect(matchesProcurementMethodDetails(with_(), new Set(), new Set(['A']))).toBe(true);
    expect(matchesProcurementMethodDetails(with_('A'), new Set(['A']), new Set())).toBe(true);
    expect(matchesProcurementMethodDetails(with_(), new Set(['A']), new Set())).toBe(false);
  });
});
