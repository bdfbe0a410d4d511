import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `polity consultations weight` run as a process, as people run it: on a case of the shared
 * data's surveys/weighting/ folder (R survey 4.1-1's figures in its expected.json) and on bad
 * input (stderr names the file, margin or column; exit status 2).
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const dir = path.join(datasets, 'surveys', 'weighting');
const tmp = mkdtempSync(path.join(tmpdir(), 'polity-weight-'));
const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' };
const polity = (...args: string[]) => run(process.execPath, [BIN, 'consultations', 'weight', ...args], { env });

/** Runs the command expecting it to fail; returns its stderr and exit code. */
async function failing(...args: string[]): Promise<{ stderr: string; code: number }> {
  try {
    await polity(...args);
  } catch (e) {
    const error = e as { stderr: string; code: number };
    return { stderr: error.stderr, code: error.code };
  }
  throw new Error('the command succeeded');
}

const CSV = 'id,design_weight,sex,age,hours\n1,10,F,young,2\n2,10,F,old,5\n3,20,M,young,1\n4,10,M,old,7\n5,10,F,old,3\n';
const csvFile = path.join(tmp, 'responses.csv');
writeFileSync(csvFile, CSV);
const marginsFile = (name: string, margins: unknown) => {
  const file = path.join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(margins));
  return file;
};

describe('polity consultations weight', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints R survey’s weights, estimates and SEs for the rake case of the shared data', async () => {
    const name = 'apiclus1_rake_stype_schwide_compimp';
    expect(existsSync(path.join(dir, `${name}.csv`)), `weighting data not found at ${dir}: set POLITY_DATASETS`).toBe(true);
    const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as {
      weights_by_id: Record<string, number>;
      estimates: { statistic: string; variable: string; level?: string; estimate: number; se: number }[];
    };
    const { stdout } = await polity(
      path.join(dir, `${name}.csv`),
      '--margins',
      path.join(dir, `${name}.margins.json`),
      '--method',
      'rake',
      '--cluster',
      'dnum',
      '--fpc',
      'fpc',
      '--estimate',
      'mean:api00',
      '--estimate',
      'total:enroll',
      '--estimate',
      'mean:awards',
      '--estimate',
      'total:awards',
      '--json',
    );
    const out = JSON.parse(stdout) as { weights: Record<string, number>; estimates: typeof expected.estimates };
    expect(Object.keys(out)).toEqual(['weights', 'estimates']);
    expect(Object.keys(out.weights)).toHaveLength(183);
    for (const [id, w] of Object.entries(expected.weights_by_id)) expect(Math.abs(out.weights[id] - w) / w).toBeLessThan(1e-9);
    expect(out.estimates.map((e) => [e.statistic, e.variable, e.level])).toEqual(expected.estimates.map((e) => [e.statistic, e.variable, e.level]));
    out.estimates.forEach((e, i) => {
      expect(Math.abs(e.estimate - expected.estimates[i].estimate) / expected.estimates[i].estimate).toBeLessThan(1e-9);
      expect(Math.abs(e.se - expected.estimates[i].se) / expected.estimates[i].se).toBeLessThan(1e-6);
    });
    // A numeric column gives no level; a categorical one a level per category.
    expect(out.estimates[0]).not.toHaveProperty('level');
  }, 30_000);

  it('prints a short summary with weighted and unweighted estimates without --json', async () => {
    const margins = marginsFile('ok', { type: 'margins', margins: { sex: { F: 0.5, M: 0.5 } }, population_size: 1000 });
    const { stdout } = await polity(csvFile, '--margins', margins, '--method', 'poststratify', '--estimate', 'mean:hours');
    expect(stdout).toMatch(/5 respondents weighted by poststratify/);
    expect(stdout).toMatch(/weights: sum 1000\.0000/);
    expect(stdout).toMatch(/mean hours +\S+ \(\S+\) +3\.6000 \(/); // unweighted mean (2+5+1+7+3)/5
  }, 30_000);

  it('says in --help how each method stops and what happens when it cannot converge', async () => {
    const { stdout } = await polity('--help');
    expect(stdout).toMatch(/--epsilon/);
    expect(stdout).toMatch(/--maxit/);
    expect(stdout).toMatch(/rake +iterative proportional fitting/);
    expect(stdout).toMatch(/Newton-Raphson/);
    expect(stdout).toMatch(/cannot converge within --maxit, the command fails with an error naming the margin/);
  }, 30_000);

  it('refuses margins that do not add up, naming the margin and the gap (exit 2)', async () => {
    const margins = marginsFile('differ', { type: 'margins', margins: { sex: { F: 50, M: 50 }, age: { old: 55, young: 35 } } });
    const r = await failing(csvFile, '--margins', margins, '--method', 'rake', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/margin "age": the counts add up to 90, but margin "sex" adds up to 100 \(gap -10\)/);
    const shares = marginsFile('shares', { type: 'margins', scale: 'shares', margins: { sex: { F: 0.5, M: 0.4 } } });
    const s = await failing(csvFile, '--margins', shares, '--method', 'poststratify');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/margin "sex": the shares add up to 0\.9, not 1/);
  }, 30_000);

  it('refuses a margin category with no respondent, naming it (exit 2)', async () => {
    const margins = marginsFile('empty', { type: 'margins', margins: { sex: { F: 40, M: 40, X: 20 } } });
    const r = await failing(csvFile, '--margins', margins, '--method', 'poststratify');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/margin "sex", category "X": no respondent/);
  }, 30_000);

  it('refuses an unknown column, naming the flag, the file and the column (exit 2)', async () => {
    const margins = marginsFile('ok2', { type: 'margins', margins: { sex: { F: 50, M: 50 } } });
    const r = await failing(csvFile, '--margins', margins, '--method', 'poststratify', '--estimate', 'mean:income');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--estimate: .*responses\.csv has no column "income"/);
    const m = marginsFile('region', { type: 'margins', margins: { region: { north: 50, south: 50 } } });
    const s = await failing(csvFile, '--margins', m, '--method', 'rake');
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/has no column "region"/);
  }, 30_000);

  it('fails naming the margin and the gap when raking cannot converge (exit 2)', async () => {
    // Every woman is young and every man old: sex F 50 forces young 50, but young must be 30.
    const tied = path.join(tmp, 'tied.csv');
    writeFileSync(tied, 'id,sex,age\n1,F,young\n2,F,young\n3,M,old\n4,M,old\n');
    const margins = marginsFile('tied', { type: 'margins', margins: { sex: { F: 50, M: 50 }, age: { young: 30, old: 70 } } });
    const r = await failing(tied, '--margins', margins, '--method', 'rake', '--maxit', '20');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/raking did not converge in 20 cycles: margin "sex", category "(F|M)" is -?20(\.0+\d*)? /);
  }, 30_000);
});
