import { crossTabulate } from '../src/math/crosstab.js';
import {
  createSurveyDesign,
  estimateCategorical,
  estimateMean,
  prepareMargins,
  rakePrepared,
  type MarginInput,
} from '../src/math/survey-weighting.js';
import { ms, report } from './lib.js';

/** A deterministic pseudo-random stream (linear congruential), so every run measures the same data. */
function makeRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * Runs `fn` `n` times after one warm-up; the median wall time and the median CPU time of this
 * process (the CPU figure stays meaningful when other work shares the machine).
 */
async function measure(n: number, fn: () => unknown): Promise<string> {
  fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    walls.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return `${ms(median(walls))}  (cpu ${ms(median(cpus))})`;
}

/**
 * Issue 13's figures on 100,000 generated responses: raking to three margins (region 10, age band
 * 20, education 20: 50 cells in all; issue target under 1 s), the SEs after raking, and a
 * cross-tab of a 5-category question by an 8-category demographic (target under 200 ms).
 */
export async function benchConsultations(): Promise<void> {
  const n = 100_000;
  const rand = makeRandom(13);
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  const design = createSurveyDesign({ ids, weights: Array.from({ length: n }, () => 1 + rand()) });
  if (!design.ok) throw new Error(design.error.message);
  const margin = (name: string, k: number): MarginInput => {
    // Skewed respondents (category l drawn with weight l + 1), flat-ish population: real work for the raking.
    const cumulative = Array.from({ length: k }, (_, l) => ((l + 1) * (l + 2)) / (k * (k + 1)));
    const values = Array.from({ length: n }, () => {
      const u = rand();
      return `${name}${cumulative.findIndex((c) => u <= c)}`;
    });
    const targets: Record<string, number> = {};
    for (let l = 0; l < k; l++) targets[`${name}${l}`] = (1_000_000 * (k + l)) / ((k * (3 * k - 1)) / 2);
    return { name, values, targets };
  };
  const margins = [margin('region', 10), margin('age', 20), margin('education', 20)];
  const prepared = prepareMargins(design.value, margins);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const prepare = await measure(5, () => prepareMargins(design.value, margins));
  let cycles = 0;
  const raking = await measure(5, () => {
    const r = rakePrepared(design.value, prepared.value);
    if (!r.ok) throw new Error(r.error.message);
    cycles = r.value.iterations ?? 0;
  });
  const raked = rakePrepared(design.value, prepared.value);
  if (!raked.ok) throw new Error(raked.error.message);
  const hours = Float64Array.from({ length: n }, () => rand() * 40);
  const meanSe = await measure(3, () => estimateMean(raked.value, hours));
  const levelSe = await measure(3, () => estimateCategorical(raked.value, margins[0].values, 'mean'));
  report('Consultations: raking 100,000 responses to three margins (50 cells; target < 1 s); median wall (cpu)', [
    ['check and encode the margins', prepare],
    ['rake', `${raking}  (${cycles} cycles to 1e-12)`],
    ['mean with its rake() SE', meanSe],
    ['10-level proportions with SEs', levelSe],
  ]);

  const answers = Int32Array.from({ length: n }, () => Math.floor(rand() * 5));
  const groups = Int32Array.from({ length: n }, () => Math.floor(rand() * 8));
  const multi = Array.from({ length: n }, () => [0, 1, 2, 3, 4].filter(() => rand() < 0.3));
  const rows = ['a', 'b', 'c', 'd', 'e'];
  const columns = ['1', '2', '3', '4', '5', '6', '7', '8'];
  const single = await measure(10, () => crossTabulate({ rows, columns, answers, groups, weights: raked.value.weights }));
  const multiple = await measure(10, () => crossTabulate({ rows, columns, answers: multi, groups }));
  report('Consultations: cross-tab of 100,000 responses (5 × 8; target < 200 ms); median wall (cpu)', [
    ['single choice, weighted', single],
    ['multiple choice, unweighted', multiple],
  ]);
}
