import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, crossTabulate, logGamma, upperRegularizedGamma } from './crosstab.js';

describe('chi-square p-values (regularized incomplete gamma, Numerical Recipes §6.2)', () => {
  it('gives the textbook 5% critical values: 3.841 (1 df), 5.991 (2 df), 18.307 (10 df)', () => {
    // Critical values of the chi-square distribution (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(6.6348966010212145, 1)).toBeCloseTo(0.01, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('matches closed forms: Q(1, x) = e^-x and Q(1/2, x) = erfc(√x)', () => {
    for (const x of [0.1, 1, 2.5, 10, 40]) expect(upperRegularizedGamma(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
    // erfc(1) = 0.157299207050285 (Abramowitz & Stegun, table 7.1).
    expect(upperRegularizedGamma(0.5, 1)).toBeCloseTo(0.157299207050285, 13);
  });

  it('computes ln Γ: Γ(5) = 24, Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    let logFactorial = 0;
    for (let k = 2; k <= 170; k++) logFactorial += Math.log(k);
    expect(logGamma(171) / logFactorial).toBeCloseTo(1, 13); // ln(170!)
  });
});

describe('cross-tabulation', () => {
  it('reproduces Agresti’s party identification by gender: X² = 30.07, df 2 (Agresti 2007, Table 2.5)', () => {
    // Females: Democrat 762, Independent 327, Republican 468; males: 484, 239, 477 (GSS).
    const cells: [number, number, number][] = [
      [0, 0, 762],
      [1, 0, 327],
      [2, 0, 468],
      [0, 1, 484],
      [1, 1, 239],
      [2, 1, 477],
    ];
    const answers: number[] = [];
    const groups: number[] = [];
    for (const [a, g, k] of cells)
      for (let i = 0; i < k; i++) {
        answers.push(a);
        groups.push(g);
      }
    const t = crossTabulate({ rows: ['Democrat', 'Independent', 'Republican'], columns: ['female', 'male'], answers, groups });
    expect(t.counts).toEqual([
      [762, 484],
      [327, 239],
      [468, 477],
    ]);
    expect(t.chiSquare?.df).toBe(2);
    expect(t.chiSquare?.statistic).toBeCloseTo(30.07, 2);
    // With 2 df the p-value is exp(-X²/2).
    expect(t.chiSquare?.pValue).toBeCloseTo(Math.exp(-(t.chiSquare?.statistic ?? 0) / 2), 15);
    expect(t.respondents).toBe(2757);
    expect(t.columnTotals).toEqual([1557, 1200]);
    expect(t.columnPercent[0][0]).toBeCloseTo((100 * 762) / 1557, 12);
    expect(t.rowPercent[0][0]).toBeCloseTo((100 * 762) / 1246, 12);
    // Lift: p(Democrat, female) / (p(Democrat) p(female)).
    expect(t.lift[0][0]).toBeCloseTo(762 / 2757 / ((1246 / 2757) * (1557 / 2757)), 12);
    expect(t.small.flat().some(Boolean)).toBe(false);
  });

  it('flags cells with an expected count below 5 or fewer observations than asked', () => {
    const t = crossTabulate({
      rows: ['yes', 'no'],
      columns: ['a', 'b'],
      answers: [0, 0, 0, 1, 1, 0, 1, 1, 1, 1],
      groups: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    });
    expect(t.small.flat().every(Boolean)).toBe(true); // expected counts 2, 2, 3, 3
    const big = crossTabulate({
      rows: ['yes', 'no'],
      columns: ['a', 'b'],
      answers: Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0)),
      groups: Array.from({ length: 100 }, (_, i) => i % 2),
      minCount: 6,
    });
    // 10 "no" answers, all in group a (i % 10 === 0 is even): observed 10 and 0, expected 5 and 5.
    expect(big.unweightedCounts[1]).toEqual([10, 0]);
    expect(big.small[1]).toEqual([false, true]);
    expect(big.small[0]).toEqual([false, false]);
  });

  it('uses weights for counts and percentages, and rescales them for the test', () => {
    const answers = [0, 1, 0, 1];
    const groups = [0, 0, 1, 1];
    const t = crossTabulate({ rows: ['yes', 'no'], columns: ['a', 'b'], answers, groups, weights: [3, 1, 1, 1] });
    expect(t.counts).toEqual([
      [3, 1],
      [1, 1],
    ]);
    expect(t.columnPercent[0][0]).toBeCloseTo(75, 12);
    // Rescaled to 4 people: weights × 4/6; expected counts sum to 4.
    expect(t.expected.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
    const doubled = crossTabulate({ rows: ['yes', 'no'], columns: ['a', 'b'], answers, groups, weights: [6, 2, 2, 2] });
    expect(doubled.chiSquare?.statistic).toBeCloseTo(t.chiSquare?.statistic ?? NaN, 12);
  });

  it('counts each choice of a multiple-choice question, percentages of the group’s respondents', () => {
    const t = crossTabulate({
      rows: ['bus', 'bike', 'car'],
      columns: ['young', 'old'],
      answers: [[0, 1], [1], [0, 2], [2], []],
      groups: [0, 0, 1, 1, 1],
    });
    expect(t.multipleChoice).toBe(true);
    expect(t.counts).toEqual([
      [1, 1],
      [2, 0],
      [0, 2],
    ]);
    expect(t.columnTotals).toEqual([2, 2]); // the empty answer is left out
    expect(t.columnPercent[1][0]).toBe(100);
    expect(t.respondents).toBe(4);
  });

  it('cross-tabulates 100,000 responses well under 200 ms', () => {
    const n = 100_000;
    const answers = new Int32Array(n);
    const groups = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      answers[i] = (i * 7919) % 5;
      groups[i] = (i * 104729) % 8;
    }
    const weights = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
    const cpu = process.cpuUsage();
    const t = crossTabulate({ rows: ['a', 'b', 'c', 'd', 'e'], columns: ['1', '2', '3', '4', '5', '6', '7', '8'], answers, groups, weights });
    const used = process.cpuUsage(cpu);
    expect(t.respondents).toBeCloseTo(
      weights.reduce((a, b) => a + b, 0),
      6,
    );
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });
});

describe('frequencies', () => {
  it('count an entry as that many identical respondents, weighted or not', () => {
    const rows = ['yes', 'no'];
    const columns = ['a', 'b', 'c'];
    const answers = [0, 1, 0, 1, -1, 0];
    const groups = [0, 0, 1, 2, 1, 2];
    const weights = [0.5, 2, 1.25, 0.75, 3, 1];
    const frequencies = [3, 1, 4, 2, 5, 1];
    const expand = <T>(xs: readonly T[]) => xs.flatMap((x, i) => Array<T>(frequencies[i]).fill(x));
    const grouped = crossTabulate({ rows, columns, answers, groups, frequencies });
    expect(grouped).toEqual(crossTabulate({ rows, columns, answers: expand(answers), groups: expand(groups) }));
    const weighted = crossTabulate({ rows, columns, answers, groups, weights, frequencies });
    const one = crossTabulate({ rows, columns, answers: expand(answers), groups: expand(groups), weights: expand(weights) });
    expect(weighted.unweightedCounts).toEqual(one.unweightedCounts);
    expect(weighted.counts).toEqual(one.counts);
    expect(weighted.chiSquare!.statistic).toBeCloseTo(one.chiSquare!.statistic, 12);
  });
});
