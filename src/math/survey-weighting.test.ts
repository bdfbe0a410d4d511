import { describe, expect, it } from 'vitest';
import {
  buildMarginModel,
  calibrate,
  createPlainDesign,
  createSurveyDesign,
  estimateCategorical,
  estimateMean,
  estimateTotal,
  postStratify,
  prepareMargins,
  rake,
  trimWeights,
  useDesignWeights,
  type SurveyDesign,
  type WeightingResult,
} from './survey-weighting.js';

function value<T>(r: WeightingResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The made-up toy case of the oracle README (`small_hand_rake`): 10 rows, design weights 10 and 20. */
const toy = {
  ids: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  weights: [10, 10, 10, 10, 10, 20, 10, 10, 20, 10],
  sex: ['F', 'F', 'F', 'F', 'F', 'F', 'M', 'M', 'M', 'M'],
  age: ['young', 'young', 'old', 'old', 'old', 'old', 'young', 'young', 'young', 'old'],
  hours: [2, 5, 0, 3, 8, 1, 4, 6, 2, 7],
};
const toyDesign = () => value(createSurveyDesign({ ids: toy.ids, weights: toy.weights }));
const toyMargins = (sex: Record<string, number> = { F: 50, M: 50 }, age: Record<string, number> = { old: 55, young: 45 }) => [
  { name: 'sex', values: toy.sex, targets: sex },
  { name: 'age', values: toy.age, targets: age },
];
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

describe('raking (iterative proportional fitting, R survey rake())', () => {
  it("reproduces the README's hand-checked first cycle: row 1 = 10 × 5/7 × 45/54.2857 = 5.921053", () => {
    // R's stopping rule with an absolute epsilon this large stops after exactly one cycle.
    const r = value(rake(toyDesign(), toyMargins(), { stopping: 'r-survey', epsilon: 1e9 }));
    expect(r.iterations).toBe(1);
    // Females: 10 × 50/70; the young then get × 45/(female young + male young).
    const femaleYoung = (10 * 50) / 70;
    const youngTotal = 2 * femaleYoung + 40 * (50 / 50);
    expect(r.weights[0]).toBeCloseTo(femaleYoung * (45 / youngTotal), 12);
    expect(r.weights[0]).toBeCloseTo(5.921052631578947, 12);
  });

  it('converges to weights that meet every margin to 1e-12 and sum to the population', () => {
    const d = toyDesign();
    const r = value(rake(d, toyMargins()));
    const byLevel = (values: string[], level: string) => sum(Array.from(r.weights).filter((_, i) => values[i] === level));
    expect(byLevel(toy.sex, 'F')).toBeCloseTo(50, 10);
    expect(byLevel(toy.age, 'old')).toBeCloseTo(55, 10);
    expect(Math.abs(byLevel(toy.sex, 'M') - 50) / 50).toBeLessThan(1e-12);
    expect(sum(r.weights)).toBeCloseTo(100, 10);
    // The README's range for this case: weights 4.8448 to 17.655.
    expect(Math.min(...r.weights)).toBeCloseTo(4.8448, 4);
    expect(Math.max(...r.weights)).toBeCloseTo(17.655, 3);
  });

  it('equals calibration with calfun raking on the same margins (Deville et al. 1993: same solution)', () => {
    const d = toyDesign();
    const raked = value(rake(d, toyMargins()));
    const prepared = value(prepareMargins(d, toyMargins()));
    const { model, totals } = buildMarginModel(d, prepared);
    expect(model.columns).toEqual(['(Intercept)', 'sexM', 'ageyoung']);
    const cal = value(calibrate(d, model, totals, { calfun: 'raking' }));
    for (let i = 0; i < d.n; i++) expect(Math.abs(cal.weights[i] - raked.weights[i]) / raked.weights[i]).toBeLessThan(1e-10);
  });

  it('scales shares to the population size', () => {
    const r = value(rake(toyDesign(), toyMargins({ F: 0.5, M: 0.5 }, { old: 0.55, young: 0.45 }), { scale: 'shares', populationSize: 100 }));
    expect(sum(r.weights)).toBeCloseTo(100, 9);
    const shares = value(rake(toyDesign(), toyMargins({ F: 0.5, M: 0.5 }, { old: 0.55, young: 0.45 }), { scale: 'shares' }));
    expect(sum(shares.weights)).toBeCloseTo(120, 9); // sum of the design weights
  });

  it('refuses shares that do not add up to 1, naming the margin and the gap', () => {
    const r = rake(toyDesign(), toyMargins({ F: 0.5, M: 0.5 }, { old: 0.55, young: 0.4 }), { scale: 'shares' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'shares_do_not_add_up', margin: 'age' });
    expect(r.error.gap).toBeCloseTo(-0.05, 12);
  });

  it('refuses margins whose totals differ, naming the second margin and the gap', () => {
    const r = rake(toyDesign(), toyMargins({ F: 50, M: 50 }, { old: 55, young: 35 }));
    expect(r.ok || r.error).toMatchObject({ code: 'margin_totals_differ', margin: 'age', gap: -10 });
  });

  it('refuses counts that do not add up to the population size', () => {
    const r = rake(toyDesign(), toyMargins(), { populationSize: 101 });
    expect(r.ok || r.error).toMatchObject({ code: 'margin_total_not_population', margin: 'sex', gap: -1 });
  });

  it('refuses a margin category with no respondent, naming margin and category', () => {
    const r = rake(toyDesign(), toyMargins({ F: 40, M: 40, X: 20 }, { old: 55, young: 45 }));
    expect(r.ok || r.error).toMatchObject({ code: 'empty_category', margin: 'sex', category: 'X', gap: 20 });
    // A category whose population is zero may have no respondent.
    expect(rake(toyDesign(), toyMargins({ F: 50, M: 50, X: 0 })).ok).toBe(true);
  });

  it('refuses a respondent whose category the margin does not list, naming the row', () => {
    const r = rake(toyDesign(), toyMargins({ F: 100 }));
    expect(r.ok || r.error).toMatchObject({ code: 'unknown_category', margin: 'sex', category: 'M', row: '7' });
  });

  it('fails with not_converged naming the margin, category and gap when the margins cannot both hold', () => {
    // Every woman is young and every man old: sex F 50 forces young 50, but young must be 30.
    const d = value(createSurveyDesign({ ids: ['a', 'b', 'c', 'd'], weights: [1, 1, 1, 1] }));
    const r = rake(
      d,
      [
        { name: 'sex', values: ['F', 'F', 'M', 'M'], targets: { F: 50, M: 50 } },
        { name: 'age', values: ['young', 'young', 'old', 'old'], targets: { young: 30, old: 70 } },
      ],
      { maxit: 50 },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('not_converged');
    expect(r.error.margin).toBe('sex');
    expect(Math.abs(r.error.gap as number)).toBeCloseTo(20, 9);
    expect(r.error.iterations).toBe(50);
  });

  it('rakes 100,000 rows to three margins (50 cells) well under a second', () => {
    const n = 100_000;
    const ids = Array.from({ length: n }, (_, i) => String(i));
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const d = value(createSurveyDesign({ ids, weights: Array.from({ length: n }, () => 1 + rand()) }));
    const margin = (name: string, k: number) => {
      const values = Array.from({ length: n }, () => `${name}${Math.floor(rand() * k)}`);
      const targets: Record<string, number> = {};
      for (let l = 0; l < k; l++) targets[`${name}${l}`] = (1_000_000 * (l + 1)) / ((k * (k + 1)) / 2);
      return { name, values, targets };
    };
    const margins = [margin('region', 10), margin('age', 20), margin('education', 20)];
    // CPU time, not wall time: the machine running the tests may be busy with other work.
    const cpu = process.cpuUsage();
    const r = value(rake(d, margins));
    const used = process.cpuUsage(cpu);
    const elapsed = (used.user + used.system) / 1000;
    expect(sum(r.weights)).toBeCloseTo(1_000_000, 3);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('post-stratification (R survey postStratify())', () => {
  it('gives w = d × N_h / Σ_h d on the joint cells of two variables', () => {
    const d = toyDesign();
    const r = value(
      postStratify(
        d,
        [
          { name: 'sex', values: toy.sex },
          { name: 'age', values: toy.age },
        ],
        [
          { levels: ['F', 'young'], total: 20 },
          { levels: ['F', 'old'], total: 30 },
          { levels: ['M', 'young'], total: 25 },
          { levels: ['M', 'old'], total: 25 },
        ],
      ),
    );
    // Female young: two rows of 10 → 20/20 each = 10; female old: 10, 10, 10, 20 (sum 50) → × 30/50.
    expect(r.weights[0]).toBeCloseTo(10, 12);
    expect(r.weights[2]).toBeCloseTo(6, 12);
    expect(r.weights[5]).toBeCloseTo(12, 12);
    expect(r.weights[9]).toBeCloseTo(25, 12);
  });

  it('makes the SE of a post-stratum total zero (the total is known exactly)', () => {
    const d = toyDesign();
    const r = value(
      postStratify(
        d,
        [{ name: 'sex', values: toy.sex }],
        [
          { levels: ['F'], total: 60 },
          { levels: ['M'], total: 40 },
        ],
      ),
    );
    const female = estimateTotal(
      r,
      toy.sex.map((s) => (s === 'F' ? 1 : 0)),
    );
    expect(female.estimate).toBeCloseTo(60, 12);
    expect(female.se).toBeLessThan(1e-12);
  });
});

describe('calibration (Deville & Särndal 1992)', () => {
  it("linear calibration meets the totals exactly: g = 1 + x(X'DX)^-1(T - X'd)", () => {
    const d = toyDesign();
    const p = 2;
    const matrix = new Float64Array(d.n * p);
    toy.hours.forEach((h, i) => {
      matrix[i * p] = 1;
      matrix[i * p + 1] = h;
    });
    const r = value(calibrate(d, { columns: ['(Intercept)', 'hours'], matrix }, [100, 400]));
    expect(sum(r.weights)).toBeCloseTo(100, 10);
    expect(sum(Array.from(r.weights, (w, i) => w * toy.hours[i]))).toBeCloseTo(400, 9);
    // The SE of the calibrated total of a calibration variable is 0.
    expect(estimateTotal(r, toy.hours).se).toBeLessThan(1e-9);
  });

  it('fails naming the columns when they are collinear', () => {
    const d = toyDesign();
    const matrix = new Float64Array(d.n * 2).fill(1);
    const r = calibrate(d, { columns: ['(Intercept)', 'one'], matrix }, [100, 100]);
    expect(r.ok || r.error).toMatchObject({ code: 'singular_calibration', margin: '(Intercept), one' });
  });

  it('raking calibration fails with not_converged when maxit is too small, naming the column and gap', () => {
    const d = toyDesign();
    const prepared = value(prepareMargins(d, toyMargins()));
    const { model, totals } = buildMarginModel(d, prepared);
    const r = calibrate(d, model, totals, { calfun: 'raking', maxit: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not_converged', iterations: 1 });
  });
});

describe('trimming (R survey trimWeights(strict = TRUE))', () => {
  it('caps weights and spreads the excess over the others in proportion, keeping the total', () => {
    const d = value(createSurveyDesign({ ids: ['a', 'b', 'c', 'd'], weights: [1, 2, 3, 14] }));
    const r = value(trimWeights(useDesignWeights(d), { upper: 8 }));
    // 6 removed from 14, spread over 1, 2, 3 in proportion (× 2): 2, 4, 6, 8.
    expect(Array.from(r.weights)).toEqual([2, 4, 6, 8]);
    const again = value(trimWeights(useDesignWeights(d), { upper: 5.5, lower: 1.5 }));
    expect(sum(again.weights)).toBeCloseTo(20, 12);
    for (const w of again.weights) {
      expect(w).toBeLessThanOrEqual(5.5 + 1e-12);
      expect(w).toBeGreaterThanOrEqual(1.5 - 1e-12);
    }
    expect(trimWeights(useDesignWeights(d), { upper: 4 })).toMatchObject({ ok: false, error: { code: 'invalid_trim_bounds' } });
  });
});

describe('Taylor-linearisation standard errors (R survey svyrecvar)', () => {
  const y = [3, 7, 1, 9, 4, 6, 2, 8];
  const n = y.length;
  const mean = sum(y) / n;
  const s2 = sum(y.map((v) => (v - mean) ** 2)) / (n - 1);

  it('unweighted: mean SE = s / sqrt(n), total SE = sqrt(n) s (simple random sampling with replacement)', () => {
    const plain = useDesignWeights(createPlainDesign(y.map((_, i) => String(i))));
    const m = estimateMean(plain, y);
    expect(m.estimate).toBeCloseTo(mean, 14);
    expect(m.se).toBeCloseTo(Math.sqrt(s2 / n), 14);
    expect(estimateTotal(plain, y).se).toBeCloseTo(Math.sqrt(n * s2), 12);
  });

  it('leaves NaN values out as a domain (R na.rm = TRUE): the other rows count with influence 0', () => {
    const ids = y.map((_, i) => String(i));
    const plain = useDesignWeights(createPlainDesign(ids));
    const withGap = [...y.slice(0, 7), NaN];
    const kept = y.slice(0, 7);
    const keptMean = sum(kept) / 7;
    const m = estimateMean(plain, withGap);
    expect(m.estimate).toBeCloseTo(keptMean, 14);
    // x_k = (y_k - ȳ)/7 for the 7 rows, 0 for the 8th; their mean is 0, so V = 8/7 Σ x_k².
    expect(m.se).toBeCloseTo(Math.sqrt((8 / 7) * sum(kept.map((v) => ((v - keptMean) / 7) ** 2))), 14);
    // A total leaves the row out as if its value were 0.
    const total = estimateTotal(plain, withGap);
    const zero = estimateTotal(plain, [...y.slice(0, 7), 0]);
    expect(total.estimate).toBe(zero.estimate);
    expect(total.se).toBeCloseTo(zero.se, 14);
    // A categorical null is left out of the proportions.
    const [a, b] = estimateCategorical(plain, ['a', 'b', 'a', null, 'a', 'b', 'a', 'a'], 'mean');
    expect([a.level, a.estimate, b.estimate]).toEqual(['a', 5 / 7, 2 / 7]);
  });

  it('applies the finite population correction 1 - n/N (Cochran 1977, eq. 2.12)', () => {
    const N = 40;
    const d = value(createSurveyDesign({ ids: y.map(String), weights: y.map(() => N / n), fpc: y.map(() => N) }));
    const m = estimateMean(useDesignWeights(d), y);
    expect(m.se).toBeCloseTo(Math.sqrt((1 - n / N) * (s2 / n)), 14);
  });

  it('sums PSU totals within strata: V = Σ_h (1 - f_h) n_h/(n_h-1) Σ_i (z_hi - z̄_h)²', () => {
    const strata = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const clusters = ['1', '1', '2', '3', '1', '2', '2', '3'];
    const weights = [2, 2, 3, 3, 5, 5, 4, 4];
    const d: SurveyDesign = value(createSurveyDesign({ ids: y.map(String), weights, strata, clusters, fpc: [10, 10, 10, 10, 6, 6, 6, 6] }));
    expect(d.psuCount).toBe(6); // PSU "1" of stratum a and of stratum b are different units
    const z = { a: [2 * 3 + 2 * 7, 3 * 1, 3 * 9], b: [5 * 4, 5 * 6 + 4 * 2, 4 * 8] };
    let v = 0;
    for (const [h, N] of [['a', 10] as const, ['b', 6] as const]) {
      const zs = z[h];
      const zbar = sum(zs) / 3;
      v += (1 - 3 / N) * (3 / 2) * sum(zs.map((t) => (t - zbar) ** 2));
    }
    expect(estimateTotal(useDesignWeights(d), y).se).toBeCloseTo(Math.sqrt(v), 10);
  });

  it('gives one proportion per category, levels sorted, adding up to 1 with equal SEs for two levels', () => {
    const r = value(rake(toyDesign(), toyMargins()));
    const volunteer = ['Yes', 'No', 'Yes', 'Yes', 'No', 'No', 'Yes', 'No', 'Yes', 'Yes'];
    const [no, yes] = estimateCategorical(r, volunteer, 'mean');
    expect([no.level, yes.level]).toEqual(['No', 'Yes']);
    expect(no.estimate + yes.estimate).toBeCloseTo(1, 14);
    expect(no.se).toBeCloseTo(yes.se, 14);
    // R survey 4.1-1, svymean(~volunteer) after rake(): 0.621413741 (SE 0.1529576721), oracle README.
    expect(yes.estimate).toBeCloseTo(0.621413741, 9);
    expect(yes.se).toBeCloseTo(0.1529576721, 9);
  });

  it('refuses a design weight that is not positive and an fpc below the sampled PSUs', () => {
    expect(createSurveyDesign({ ids: ['a', 'b'], weights: [1, 0] })).toMatchObject({ ok: false, error: { code: 'invalid_design_weight', row: 'b' } });
    expect(createSurveyDesign({ ids: ['a', 'b', 'c'], weights: [1, 1, 1], fpc: [2, 2, 2] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_fpc' },
    });
  });
});
