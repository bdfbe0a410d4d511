import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.js';
import { presentWeightReport, weightFromFiles, type WeightFlags } from './weight-from-file.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'polity-weight-file-'));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};
const json = (name: string, value: unknown) => write(name, JSON.stringify(value));

// Made-up responses: no design weight column (every design weight 1), ids in "code".
const responses = write(
  'responses.csv',
  'code,sex,age,income,answer\nr1,F,young,1200,yes\nr2,F,old,1800,no\nr3,M,young,900,yes\nr4,M,old,2500,yes\nr5,F,old,1500,no\nr6,M,young,1100,no\n',
);

/** The AppError a call throws. */
function refusal(file: string, flags: WeightFlags): AppError {
  try {
    weightFromFiles(file, flags);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('weightFromFiles', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('post-stratifies on joint cells given as a "cells" file, reading ids from --id-column', () => {
    const margins = json('cells.json', {
      type: 'cells',
      variables: ['sex', 'age'],
      cells: [
        { levels: ['F', 'young'], total: 20 },
        { levels: ['F', 'old'], total: 30 },
        { levels: ['M', 'young'], total: 30 },
        { levels: ['M', 'old'], total: 20 },
      ],
    });
    const r = weightFromFiles(responses, { margins, method: 'poststratify', idColumn: 'code', estimate: ['mean:income', 'total:answer'] });
    // F young: one row → 20; F old: two rows → 15 each; M young: two rows → 15 each; M old → 20.
    expect(r.weights).toEqual({ r1: 20, r2: 15, r3: 15, r4: 20, r5: 15, r6: 15 });
    expect(r.estimates[0]).toMatchObject({ statistic: 'mean', variable: 'income' });
    expect(r.estimates[0].estimate).toBeCloseTo((20 * 1200 + 15 * 1800 + 15 * 900 + 20 * 2500 + 15 * 1500 + 15 * 1100) / 100, 10);
    expect(r.estimates.slice(1).map((e) => [e.level, e.estimate])).toEqual([
      ['no', 45],
      ['yes', 55],
    ]);
    // Unweighted beside: 3 of 6 said yes.
    expect(r.unweighted[2].estimate).toBe(3);
    expect(presentWeightReport(r)).toMatch(/6 respondents weighted by poststratify/);
  });

  it('reads shares (found by their values) and scales them to population_size', () => {
    const margins = json('shares.json', { type: 'margins', margins: { sex: { F: 0.52, M: 0.48 } }, population_size: 5000 });
    const r = weightFromFiles(responses, { margins, method: 'rake', idColumn: 'code' });
    expect(r.weightsSum).toBeCloseTo(5000, 8);
    expect(r.weights.r1).toBeCloseTo((0.52 * 5000) / 3, 8);
  });

  it('calibrates to totals of a numeric column and a categorical one (R treatment contrasts)', () => {
    const margins = json('totals.json', {
      type: 'calibration_totals',
      model_matrix_columns: ['(Intercept)', 'sexM', 'income'],
      totals: { '(Intercept)': 600, sexM: 290, income: 900_000 },
    });
    const r = weightFromFiles(responses, { margins, method: 'calibrate', idColumn: 'code' });
    const w = r.weights;
    expect(r.weightsSum).toBeCloseTo(600, 8);
    expect(w.r3 + w.r4 + w.r6).toBeCloseTo(290, 8);
    expect(1200 * w.r1 + 1800 * w.r2 + 900 * w.r3 + 2500 * w.r4 + 1500 * w.r5 + 1100 * w.r6).toBeCloseTo(900_000, 5);
  });

  it('leaves empty cells out of the estimates (R na.rm = TRUE), in numeric and categorical columns', () => {
    const file = write('gaps.csv', 'id,sex,income,answer\n1,F,100,yes\n2,F,,no\n3,M,300,\n4,M,500,yes\n');
    const margins = json('gaps.json', { type: 'margins', margins: { sex: { F: 60, M: 40 } } });
    const r = weightFromFiles(file, { margins, method: 'poststratify', estimate: ['mean:income', 'mean:answer', 'total:income'] });
    // Weights 30, 30, 20, 20; income known for rows 1, 3, 4: (30·100 + 20·300 + 20·500) / 70.
    expect(r.estimates[0].estimate).toBeCloseTo((30 * 100 + 20 * 300 + 20 * 500) / 70, 10);
    expect(r.estimates[1]).toMatchObject({ variable: 'answer', level: 'no' });
    expect(r.estimates[1].estimate).toBeCloseTo(30 / 80, 12);
    expect(r.estimates[3].estimate).toBeCloseTo(30 * 100 + 20 * 300 + 20 * 500, 9);
    expect(r.estimates.every((e) => Number.isFinite(e.se))).toBe(true);
  });

  it('trims weights to --trim-upper keeping their sum', () => {
    const margins = json('trim.json', { type: 'margins', margins: { sex: { F: 90, M: 10 } } });
    const r = weightFromFiles(responses, { margins, method: 'poststratify', idColumn: 'code', trimUpper: '25' });
    expect(r.maxWeight).toBeLessThanOrEqual(25 + 1e-9);
    expect(r.weightsSum).toBeCloseTo(100, 9);
  });

  it('refuses bad input naming the flag, column, margin or category', () => {
    const ok = json('ok.json', { type: 'margins', margins: { sex: { F: 50, M: 50 } } });
    expect(refusal(responses, { margins: ok, method: 'weigh' }).message).toMatch(/--method: "weigh" is not one of poststratify, rake, calibrate/);
    expect(refusal(responses, { margins: ok, method: 'rake', calfun: 'linear' }).message).toMatch(/--calfun: applies to --method calibrate only/);
    expect(refusal(responses, { margins: ok, method: 'rake', idColumn: 'nope' }).message).toMatch(/--id-column: .* has no column "nope"/);
    expect(refusal(responses, { margins: ok, method: 'rake', idColumn: 'code', weightColumn: 'sex' }).message).toMatch(
      /--weight-column: column "sex", row r1: "F" is not a number/,
    );
    expect(refusal(responses, { margins: ok, method: 'rake', idColumn: 'code', estimate: ['median:income'] }).message).toMatch(
      /not mean:COLUMN or total:COLUMN/,
    );
    expect(refusal(responses, { margins: ok, method: 'rake', idColumn: 'sex' }).message).toMatch(/id "F" appears twice/);
    const two = json('two.json', { type: 'margins', margins: { sex: { F: 50, M: 50 }, age: { old: 50, young: 50 } } });
    expect(refusal(responses, { margins: two, method: 'poststratify', idColumn: 'code' }).message).toMatch(/needs their joint cells/);
    const unknown = json('unknown.json', { type: 'calibration_totals', totals: { '(Intercept)': 100, sexX: 10 } });
    expect(refusal(responses, { margins: unknown, method: 'calibrate', idColumn: 'code' }).message).toMatch(/calibration column "sexX"/);
    const missing = write('missing.csv', 'id,sex,income\n1,F,\n2,M,\n');
    expect(refusal(missing, { margins: ok, method: 'rake', estimate: ['mean:income', 'mean:sex'] }).message).toMatch(
      /column "income" has no value in any row/,
    );
    expect(refusal(responses, { margins: path.join(tmp, 'none.json'), method: 'rake' }).message).toMatch(/cannot be read \(ENOENT\)/);
    const shape = json('shape.json', { type: 'census' });
    expect(refusal(responses, { margins: shape, method: 'rake' }).message).toMatch(/"type" must be "margins", "calibration_totals" or "cells"/);
    const respondent = json('respondent.json', { type: 'margins', margins: { sex: { F: 100 } } });
    const e = refusal(responses, { margins: respondent, method: 'rake', idColumn: 'code' });
    expect(e.message).toMatch(/row r3: category "M" of "sex" is not in the margin/);
    expect(e.reasons.margins).toEqual({ reason: 'unknown_category', values: { margin: 'sex', category: 'M', row: 'r3' } });
  });
});
