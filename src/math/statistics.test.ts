import { describe, expect, it } from 'vitest';
import { computeAdjustedRandIndex, isSignificant90, testProportion, testTwoProportions, Z_90_ONE_SIDED } from './statistics.js';

// Figures computed by hand from compdemocracy/polis math/src/polismath/math/stats.clj.
describe('Pol.is statistics', () => {
  it('prop-test: 2 * sqrt(n + 1) * ((s + 1) / (n + 1) - 0.5)', () => {
    // s = 8, n = 10: 2 * sqrt(11) * (9/11 - 0.5) = 2 * 3.31662479 * 0.31818182 = 2.11057941
    expect(testProportion(8, 10)).toBeCloseTo(2.1105794120443, 12);
    // s = 0, n = 0: 2 * 1 * (1 - 0.5) = 1
    expect(testProportion(0, 0)).toBe(1);
    expect(testProportion(3, 8)).toBeCloseTo(2 * 3 * (4 / 9 - 0.5), 14);
  });

  it('two-prop-test: pooled z after adding 1 to all four counts', () => {
    // in 9/10 agree, out 2/10: s1 = 10, n1 = 11, s2 = 3, n2 = 11; p1 = 0.909091, p2 = 0.272727,
    // pooled = 13/22 = 0.590909; se = sqrt(0.590909 * 0.409091 * 2/11) = 0.209648; z = 3.035404
    expect(testTwoProportions(9, 2, 10, 10)).toBeCloseTo((10 / 11 - 3 / 11) / Math.sqrt((13 / 22) * (9 / 22) * (2 / 11)), 14);
    expect(testTwoProportions(9, 2, 10, 10)).toBeCloseTo(3.035404, 6);
    // pooled p = 1 (everyone agreed, in and out) gives 0
    expect(testTwoProportions(4, 6, 3, 5)).not.toBe(0);
    expect(testTwoProportions(3, 5, 3, 5)).toBe(0);
  });

  it('z-sig-90?: strictly above 1.2816', () => {
    expect(Z_90_ONE_SIDED).toBe(1.2816);
    expect(isSignificant90(1.2816)).toBe(false);
    expect(isSignificant90(1.2817)).toBe(true);
  });

  it('adjusted Rand index: 1 for equal partitions under renaming, Hubert-Arabie figure otherwise', () => {
    expect(computeAdjustedRandIndex([0, 0, 1, 1], [5, 5, 7, 7])).toBe(1);
    // Contingency [[2,0],[1,1]] over 4 items: index 1, sums a = 1 + 1? rows (2,2): 2, cols (3,1): 3;
    // expected = 2 * 3 / 6 = 1; max = 2.5; ARI = (1 - 1) / (2.5 - 1) = 0
    expect(computeAdjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 1])).toBe(0);
  });
});
