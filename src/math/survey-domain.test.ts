import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  buildMarginModel,
  calibrate,
  createPlainDesign,
  createSurveyDesign,
  estimateDomainMean,
  estimateDomainTotal,
  estimateMean,
  estimateTotal,
  postStratify,
  prepareMargins,
  rake,
  useDesignWeights,
  type DomainInput,
  type WeightedDesign,
  type WeightingResult,
} from './survey-weighting.js';

function value<T>(r: WeightingResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Twelve made-up respondents: region, sex and an answer (NaN = not answered). */
const rows = {
  region: ['west', 'west', 'east', 'east', 'west', 'north', 'east', 'west', 'north', 'east', 'west', 'north'],
  sex: ['F', 'M', 'F', 'F', 'M', 'M', 'M', 'F', 'F', 'M', 'F', 'M'],
  y: [3, 5, 2, 7, 4, NaN, 6, 1, 8, 2, 9, 5],
};
const ids = rows.y.map((_, i) => String(i + 1));
const inRegion = (r: string): DomainInput => ({ indicator: rows.region.map((x) => (x === r ? 1 : 0)), margin: 'region', category: r });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('domain estimation (R svymean(~y, subset(design, region == "west")))', () => {
  it('unweighted: the domain mean is the subset mean, its SE that of a ratio estimator (Cochran 1977, 6.9)', () => {
    const d = useDesignWeights(createPlainDesign(ids));
    const got = value(estimateDomainMean(d, rows.y, inRegion('west')));
    const west = rows.y.filter((v, i) => rows.region[i] === 'west' && !Number.isNaN(v));
    expect(got.respondents).toBe(5);
    expect(got.estimate).toBeCloseTo(mean(west), 14);
    // The ratio R = sum(u) / sum(x) with u = delta*y and x = delta (delta = in the domain and
    // answered), over the n sampled units; v(R) = s²(u - R x) / (n x̄²) with s² the sample
    // variance (n - 1), the textbook linearised variance under sampling with replacement.
    const n = rows.y.length;
    const delta = rows.y.map((v, i) => (rows.region[i] === 'west' && !Number.isNaN(v) ? 1 : 0));
    const u = rows.y.map((v, i) => (delta[i] ? v : 0));
    const R = u.reduce((a, b) => a + b, 0) / delta.reduce((a: number, b) => a + b, 0);
    const e = u.map((ui, i) => ui - R * delta[i]);
    const eBar = mean(e);
    const s2 = e.reduce((a, x) => a + (x - eBar) ** 2, 0) / (n - 1);
    const xBar = mean(delta);
    expect(R).toBeCloseTo(got.estimate, 14);
    expect(got.se).toBeCloseTo(Math.sqrt(s2 / (n * xBar * xBar)), 14);
  });

  it('with weights all equal and no adjustment, gives the subset estimate, and the SE differs from the subset SE by n(n_D-1)/((n-1)n_D)', () => {
    const d = useDesignWeights(value(createSurveyDesign({ ids, weights: new Float64Array(ids.length).fill(3) })));
    const got = value(estimateDomainMean(d, rows.y, inRegion('east')));
    const eastIds = ids.filter((_, i) => rows.region[i] === 'east');
    const sub = estimateMean(
      useDesignWeights(createPlainDesign(eastIds)),
      rows.y.filter((_, i) => rows.region[i] === 'east'),
    );
    expect(got.estimate).toBeCloseTo(sub.estimate, 14);
    expect(got.respondents).toBe(4);
    const n = 12;
    const nD = 4;
    // Subsetting rows first: n_D/(n_D-1) S/n_D²; the domain: n/(n-1) S/n_D². Not the same.
    expect(got.se).not.toBeCloseTo(sub.se, 6);
    expect(got.se ** 2).toBeCloseTo((sub.se ** 2 * (n * (nD - 1))) / ((n - 1) * nD), 14);
    // A domain holding everyone is the whole sample.
    const all = value(estimateDomainMean(d, rows.y, { indicator: ids.map(() => true), margin: 'all', category: 'all' }));
    const whole = estimateMean(d, rows.y);
    expect(all.estimate).toBe(whole.estimate);
    expect(all.se).toBe(whole.se);
  });

  it('refuses a domain with no respondent, naming its variable and category', () => {
    const d = useDesignWeights(createPlainDesign(ids));
    const r = estimateDomainMean(d, rows.y, inRegion('south'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'empty_category', margin: 'region', category: 'south' });
      expect(r.error.message).toContain('region = south');
    }
    const short = estimateDomainTotal(d, rows.y, { indicator: [1, 0], margin: 'region', category: 'west' });
    expect(!short.ok && short.error.code).toBe('length_mismatch');
  });

  /**
   * Adjusted designs: the domain mean is the ratio of the domain totals, so its linearised
   * variable is z = delta (y - R) / N_D and svymean(subset) equals svytotal(~z) on the whole
   * design (R's svyratio identity). The check goes through estimateTotal, a separate path.
   */
  const sexMargin = { name: 'sex', values: rows.sex, targets: { F: 600, M: 400 } };
  const regionMargin = { name: 'region', values: rows.region, targets: { east: 300, north: 300, west: 400 } };
  const designs: [string, () => WeightedDesign][] = [
    [
      'post-stratified',
      () =>
        value(
          postStratify(
            createPlainDesign(ids),
            [{ name: 'sex', values: rows.sex }],
            [
              { levels: ['F'], total: 600 },
              { levels: ['M'], total: 400 },
            ],
          ),
        ),
    ],
    ['raked', () => value(rake(createPlainDesign(ids), [sexMargin, regionMargin]))],
    [
      'calibrated',
      () => {
        const design = createPlainDesign(ids);
        const { model, totals } = buildMarginModel(design, value(prepareMargins(design, [sexMargin, regionMargin])));
        return value(calibrate(design, model, totals));
      },
    ],
  ];
  it.each(designs)('%s: the domain SE is that of the linearised ratio over the whole sample, not of the subset', (_, make) => {
    const wd = make();
    const domain = inRegion('west');
    const got = value(estimateDomainMean(wd, rows.y, domain));
    const inD = (i: number) => rows.region[i] === 'west' && !Number.isNaN(rows.y[i]);
    let num = 0;
    let den = 0;
    rows.y.forEach((v, i) => {
      if (inD(i)) {
        num += wd.weights[i] * v;
        den += wd.weights[i];
      }
    });
    expect(got.estimate).toBeCloseTo(num / den, 12);
    const z = rows.y.map((v, i) => (inD(i) ? (v - num / den) / den : 0));
    expect(got.se).toBeCloseTo(estimateTotal(wd, z).se, 12);
    // The residuals are taken after the adjustment: ignoring it (design weights only) differs.
    expect(got.se).not.toBeCloseTo(estimateTotal({ ...wd, adjustment: { kind: 'none' } }, z).se, 6);
    // The domain total's SE is that of the total of delta*y.
    const total = value(estimateDomainTotal(wd, rows.y, domain));
    expect(total.estimate).toBeCloseTo(num, 9);
    expect(total.se).toBeCloseTo(
      estimateTotal(
        wd,
        rows.y.map((v, i) => (inD(i) ? v : 0)),
      ).se,
      9,
    );
  });
});

/**
 * R's own domain figures for the cluster sample apiclus1 (`dclus1 <- svydesign(id=~dnum,
 * weights=~pw, data=apiclus1, fpc=~fpc)`), as the survey package's example page prints them
 * (http://r-survey.r-forge.r-project.org/survey/example-domain.html):
 * `svyby(~api99+api00, ~stype+sch.wide, dclus1, svymean, keep.var=TRUE)`. The rows are the shared
 * oracle's apiclus1 data; R printed 4 decimals for the means and 5 for the SEs.
 */
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const apiclus1 = path.join(datasets, 'surveys', 'weighting', 'apiclus1_calibrate_linear.csv');
const R_SVYBY: [string, string, number, number, number, number][] = [
  ['E', 'No', 601.6667, 596.3333, 47.27582, 43.4901],
  ['E', 'Yes', 608.3485, 653.6439, 21.52493, 20.3172],
  ['H', 'No', 662.0, 659.3333, 29.23003, 27.00275],
  ['H', 'Yes', 577.6364, 607.4545, 46.50125, 43.70468],
  ['M', 'No', 611.375, 606.375, 41.11886, 41.11686],
  ['M', 'Yes', 607.2941, 643.2353, 42.53046, 42.1285],
];
const DOMAIN_TITLE = 'domain means of apiclus1 as R svyby prints them';
if (!existsSync(apiclus1))
  describe(DOMAIN_TITLE, () => {
    it('needs the shared data', () => {
      expect.fail(`No ${apiclus1}: set POLITY_DATASETS to the folder holding surveys/weighting/ (default ../shared/data).`);
    });
  });
else
  describe(DOMAIN_TITLE, () => {
    const data = parse(readFileSync(apiclus1, 'utf8'), { columns: true }) as Record<string, string>[];
    const wd = () =>
      useDesignWeights(
        value(
          createSurveyDesign({
            ids: data.map((r) => r.id),
            weights: data.map((r) => Number(r.design_weight)),
            clusters: data.map((r) => r.dnum),
            fpc: data.map((r) => Number(r.fpc)),
          }),
        ),
      );
    it.each(R_SVYBY)('stype %s, sch.wide %s', (stype, schWide, api99, api00, se99, se00) => {
      expect(data).toHaveLength(183);
      const domain = {
        indicator: data.map((r) => r.stype === stype && r['sch.wide'] === schWide),
        margin: 'stype.sch.wide',
        category: `${stype}.${schWide}`,
      };
      const d = wd();
      const m99 = value(
        estimateDomainMean(
          d,
          data.map((r) => Number(r.api99)),
          domain,
        ),
      );
      const m00 = value(
        estimateDomainMean(
          d,
          data.map((r) => Number(r.api00)),
          domain,
        ),
      );
      // Within half a unit of R's last printed digit.
      expect(Math.abs(m99.estimate - api99)).toBeLessThan(5e-5);
      expect(Math.abs(m00.estimate - api00)).toBeLessThan(5e-5);
      expect(Math.abs(m99.se - se99)).toBeLessThan(5e-6);
      expect(Math.abs(m00.se - se00)).toBeLessThan(5e-6);
    });
  });
