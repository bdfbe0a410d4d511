/**
 * Survey weighting to population margins, with design-based standard errors, reproducing R's
 * `survey` package 4.1-1 (Thomas Lumley; `svydesign`, `postStratify`, `rake`, `calibrate`,
 * `trimWeights`, `svymean`, `svytotal`, `svyrecvar`):
 *
 * - post-stratification: w = d * N_h / sum_{j in h} d_j in each cell h of one or more variables;
 * - raking: iterative proportional fitting over several margins in the order given (Deming &
 *   Stephan 1940), run on the totals of the joint cells of all margin variables, not on rows;
 * - calibration (Deville & Särndal 1992; Deville, Särndal & Sautory 1993): calfun `linear`
 *   solved directly, g = 1 + x'(X'DX)^-1 (T - X'd); calfun `raking`, g = exp(x'lambda), by
 *   Newton–Raphson as survey's `grake`;
 * - trimming as survey's `trimWeights(strict = TRUE)`: cap, spread the excess over the
 *   untrimmed units in proportion to their weights, repeat;
 * - Taylor-linearisation standard errors of means and totals: influence values, the residual
 *   rule of the adjustment (postStratify, calibrate, rake's 10 unweighted sweeps), then the
 *   stratified, clustered design variance with finite population correction (`svyrecvar`).
 *
 * The formulas are those of the oracle's README (`surveys/weighting/` in the shared data), which
 * checked them against survey 4.1-1 to 2e-12. Expected failures (margins that do not add up, a
 * category without respondents, no convergence, ...) are returned as values, never thrown.
 * Pure: no I/O, no imports.
 */

/** A success or an expected failure (the same shape as the kernel's `Result`). */
export type WeightingResult<T> = { ok: true; value: T } | { ok: false; error: WeightingError };

/** Stable codes of the expected failures, for pages to word them. */
export type WeightingErrorCode =
  | 'length_mismatch'
  | 'invalid_design_weight'
  | 'invalid_fpc'
  | 'invalid_margin_value'
  | 'shares_do_not_add_up'
  | 'margin_totals_differ'
  | 'margin_total_not_population'
  | 'empty_category'
  | 'unknown_category'
  | 'not_converged'
  | 'singular_calibration'
  | 'invalid_trim_bounds';

/**
 * Why weighting failed: a code, an English sentence, and what it concerns: the margin (variable,
 * or calibration column), the category, the respondent (`row`, the id) and the gap (how far a
 * total is from its target; for shares, how far their sum is from 1).
 */
export interface WeightingError {
  code: WeightingErrorCode;
  message: string;
  margin?: string;
  category?: string;
  row?: string;
  gap?: number;
  iterations?: number;
}

const fail = (error: WeightingError): { ok: false; error: WeightingError } => ({ ok: false, error });

/**
 * The sampling design, column by column (one entry per respondent): id, design weight d (the
 * inverse of the inclusion probability), and optionally the primary sampling unit (cluster),
 * the stratum and the finite population correction given as R's `fpc = ~fpc`: the number of PSUs
 * in the population of the row's stratum (constant within a stratum). PSUs are nested in strata
 * (a PSU label counts once per stratum, as `svydesign(nest = TRUE)`).
 */
export interface DesignInput {
  ids: readonly string[];
  weights: ArrayLike<number>;
  clusters?: readonly (string | number)[] | null;
  strata?: readonly (string | number)[] | null;
  fpc?: ArrayLike<number> | null;
}

/** A checked design with its PSU and stratum indices precomputed (see `createSurveyDesign`). */
export interface SurveyDesign {
  readonly n: number;
  readonly ids: readonly string[];
  /** Design weights d. */
  readonly weights: Float64Array;
  /** PSU index (0..psuCount-1) of every row. */
  readonly psu: Int32Array;
  readonly psuCount: number;
  /** Stratum index of every PSU. */
  readonly psuStratum: Int32Array;
  /** Number of PSUs in each stratum of the sample (n_h). */
  readonly stratumPsuCount: Int32Array;
  /** Sampling fraction f_h = n_h / N_h of each stratum (0 without fpc). */
  readonly stratumFraction: Float64Array;
  /** Stratum labels, in order of first appearance ('' when the design has no strata). */
  readonly strataLabels: readonly string[];
}

/** Indexes labels (in order of first appearance). */
function indexLabels(values: readonly (string | number)[]): { codes: Int32Array; labels: string[] } {
  const map = new Map<string, number>();
  const codes = new Int32Array(values.length);
  const labels: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const key = String(values[i]);
    let c = map.get(key);
    if (c === undefined) {
      c = labels.length;
      map.set(key, c);
      labels.push(key);
    }
    codes[i] = c;
  }
  return { codes, labels };
}

/**
 * Checks a design and precomputes its PSUs and strata. Refuses a weight that is not a positive
 * finite number, and an fpc that is not a count of at least n_h constant within its stratum.
 */
export function createSurveyDesign(input: DesignInput): WeightingResult<SurveyDesign> {
  const n = input.ids.length;
  for (const [name, col] of [
    ['weights', input.weights],
    ['clusters', input.clusters],
    ['strata', input.strata],
    ['fpc', input.fpc],
  ] as const) {
    if (col && col.length !== n) return fail({ code: 'length_mismatch', message: `${name} has ${col.length} entries for ${n} rows`, margin: name });
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = Number(input.weights[i]);
    if (!Number.isFinite(w) || w <= 0)
      return fail({
        code: 'invalid_design_weight',
        message: `row ${input.ids[i]}: the design weight must be a positive number (found ${input.weights[i]})`,
        row: input.ids[i],
      });
    weights[i] = w;
  }
  const strata = input.strata ? indexLabels(input.strata) : { codes: new Int32Array(n), labels: [''] };
  // PSUs nested in strata; without clusters every row is its own PSU.
  const psuKeys: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) psuKeys[i] = input.clusters ? `${strata.codes[i]}\u0000${String(input.clusters[i])}` : String(i);
  const psu = input.clusters ? indexLabels(psuKeys) : { codes: Int32Array.from({ length: n }, (_, i) => i), labels: psuKeys };
  const psuCount = psu.labels.length;
  const psuStratum = new Int32Array(psuCount);
  for (let i = 0; i < n; i++) psuStratum[psu.codes[i]] = strata.codes[i];
  const H = strata.labels.length;
  const stratumPsuCount = new Int32Array(H);
  for (let p = 0; p < psuCount; p++) stratumPsuCount[psuStratum[p]]++;
  const stratumFraction = new Float64Array(H);
  if (input.fpc) {
    const N = new Float64Array(H).fill(NaN);
    for (let i = 0; i < n; i++) {
      const h = strata.codes[i];
      const v = Number(input.fpc[i]);
      const where = { margin: 'fpc', row: input.ids[i], category: strata.labels[h] };
      if (!Number.isFinite(v) || v <= 0)
        return fail({ code: 'invalid_fpc', message: `row ${input.ids[i]}: fpc must be a positive count (found ${input.fpc[i]})`, ...where });
      if (Number.isNaN(N[h])) N[h] = v;
      else if (N[h] !== v)
        return fail({ code: 'invalid_fpc', message: `row ${input.ids[i]}: fpc ${v} differs from ${N[h]} elsewhere in its stratum`, ...where });
    }
    for (let h = 0; h < H; h++) {
      if (N[h] < stratumPsuCount[h])
        return fail({
          code: 'invalid_fpc',
          message: `stratum "${strata.labels[h]}": fpc ${N[h]} is below the ${stratumPsuCount[h]} sampled PSUs`,
          margin: 'fpc',
          category: strata.labels[h],
        });
      stratumFraction[h] = stratumPsuCount[h] / N[h];
    }
  }
  return {
    ok: true,
    value: { n, ids: input.ids, weights, psu: psu.codes, psuCount, psuStratum, stratumPsuCount, stratumFraction, strataLabels: strata.labels },
  };
}

/** The plain design of n respondents (weight 1 each, no clusters, strata or fpc): unweighted estimates. */
export function createPlainDesign(ids: readonly string[]): SurveyDesign {
  const r = createSurveyDesign({ ids, weights: new Float64Array(ids.length).fill(1) });
  if (!r.ok) throw new Error(r.error.message); // cannot happen: every weight is 1
  return r.value;
}

/**
 * How final weights were obtained, with what the variance needs to take the adjustment into
 * account (the `postStrata` survey keeps in the design object).
 */
export type Adjustment =
  | { kind: 'none' }
  | { kind: 'poststratify'; cell: Int32Array; cellCount: number }
  | {
      kind: 'rake';
      /** Category counts of the margins, in order. */
      levelCounts: number[];
      /** Joint cell of all margins of every row, and each cell's category of each margin. */
      cellOf: Int32Array;
      cellCodes: Int32Array[];
      cellCount: number;
    }
  | { kind: 'calibrate'; matrix: Float64Array; p: number; inverse: Float64Array };

/** A design with its final weights w and the adjustment that produced them. */
export interface WeightedDesign {
  readonly design: SurveyDesign;
  readonly weights: Float64Array;
  readonly adjustment: Adjustment;
  /** Raking: the full cycles run; Newton calibration (calfun raking): the Newton steps. */
  readonly iterations?: number;
}

/** The design as it is: final weights = design weights, no adjustment. */
export function useDesignWeights(design: SurveyDesign): WeightedDesign {
  return { design, weights: design.weights.slice(), adjustment: { kind: 'none' } };
}

/**
 * A population margin of one categorical variable: each respondent's category (`values`, one per
 * row) and the population figure of each category (`targets`, counts or shares).
 */
export interface MarginInput {
  name: string;
  values: readonly string[];
  targets: Readonly<Record<string, number>>;
}

/**
 * How margin figures are read: `counts` (default), or `shares` that add up to 1 (within 1e-6)
 * and are scaled to `populationSize` (default: the sum of the design weights). With counts and a
 * `populationSize`, every margin must add up to it (within 1e-6 relative).
 */
export interface MarginOptions {
  scale?: 'counts' | 'shares';
  populationSize?: number;
}

/** A margin checked against the respondents: category code per row and target per category. */
export interface PreparedMargin {
  name: string;
  levels: string[];
  codes: Int32Array;
  targets: Float64Array;
}

/** How close margin figures must add up to 1 to be read as shares (and shares must, to be accepted). */
export const SHARES_TOLERANCE = 1e-6;

/**
 * Checks margins and encodes every respondent's category. Refused, naming the margin (and
 * category): a figure that is not a finite non-negative number; shares that do not add up to 1;
 * counts whose sums differ between margins or from the population size; a respondent whose
 * category the margin does not list; a category with a positive target and no respondent.
 */
export function prepareMargins(
  design: SurveyDesign,
  margins: readonly MarginInput[],
  options: MarginOptions = {},
): WeightingResult<PreparedMargin[]> {
  const scale = options.scale ?? 'counts';
  let designTotal = 0;
  for (let i = 0; i < design.n; i++) designTotal += design.weights[i];
  const N = options.populationSize ?? (scale === 'shares' ? designTotal : undefined);
  const out: PreparedMargin[] = [];
  let reference: { name: string; total: number } | null = null;
  for (const m of margins) {
    if (m.values.length !== design.n)
      return fail({ code: 'length_mismatch', message: `margin "${m.name}": ${m.values.length} values for ${design.n} rows`, margin: m.name });
    const levels = Object.keys(m.targets);
    const raw = levels.map((l) => m.targets[l]);
    for (let l = 0; l < levels.length; l++) {
      if (typeof raw[l] !== 'number' || !Number.isFinite(raw[l]) || raw[l] < 0)
        return fail({
          code: 'invalid_margin_value',
          message: `margin "${m.name}", category "${levels[l]}": the figure must be a non-negative number (found ${String(raw[l])})`,
          margin: m.name,
          category: levels[l],
        });
    }
    const sum = raw.reduce((a, b) => a + b, 0);
    let targets: Float64Array;
    if (scale === 'shares') {
      if (Math.abs(sum - 1) > SHARES_TOLERANCE)
        return fail({
          code: 'shares_do_not_add_up',
          message: `margin "${m.name}": the shares add up to ${sum}, not 1 (gap ${sum - 1})`,
          margin: m.name,
          gap: sum - 1,
        });
      targets = Float64Array.from(raw, (s) => (s / sum) * (N as number));
    } else {
      targets = Float64Array.from(raw);
      if (N !== undefined && Math.abs(sum - N) > SHARES_TOLERANCE * Math.abs(N))
        return fail({
          code: 'margin_total_not_population',
          message: `margin "${m.name}": the counts add up to ${sum}, not the population size ${N} (gap ${sum - N})`,
          margin: m.name,
          gap: sum - N,
        });
      if (reference && Math.abs(sum - reference.total) > SHARES_TOLERANCE * Math.abs(reference.total))
        return fail({
          code: 'margin_totals_differ',
          message: `margin "${m.name}": the counts add up to ${sum}, but margin "${reference.name}" adds up to ${reference.total} (gap ${sum - reference.total})`,
          margin: m.name,
          gap: sum - reference.total,
        });
      reference ??= { name: m.name, total: sum };
    }
    const index = new Map<string, number>();
    levels.forEach((l, i) => index.set(l, i));
    const codes = new Int32Array(design.n);
    const seen = new Int32Array(levels.length);
    for (let i = 0; i < design.n; i++) {
      const c = index.get(m.values[i]);
      if (c === undefined)
        return fail({
          code: 'unknown_category',
          message: `row ${design.ids[i]}: category "${m.values[i]}" of "${m.name}" is not in the margin (categories: ${levels.join(', ')})`,
          margin: m.name,
          category: m.values[i],
          row: design.ids[i],
        });
      codes[i] = c;
      seen[c]++;
    }
    for (let l = 0; l < levels.length; l++) {
      if (seen[l] === 0 && targets[l] > 0)
        return fail({
          code: 'empty_category',
          message: `margin "${m.name}", category "${levels[l]}": no respondent, so its population ${targets[l]} cannot be reached (gap ${targets[l]})`,
          margin: m.name,
          category: levels[l],
          gap: targets[l],
        });
    }
    out.push({ name: m.name, levels, codes, targets });
  }
  return { ok: true, value: out };
}

/**
 * Post-stratification (survey's `postStratify`) on the joint cells of one or more variables:
 * `variables` name them and give each respondent's category; `cells` give the population of each
 * combination (counts or shares, see `MarginOptions`). w_k = d_k * N_h / sum_{j in h} d_j.
 */
export function postStratify(
  design: SurveyDesign,
  variables: readonly { name: string; values: readonly string[] }[],
  cells: readonly { levels: readonly string[]; total: number }[],
  options: MarginOptions = {},
): WeightingResult<WeightedDesign> {
  const sep = ' × ';
  const name = variables.map((v) => v.name).join(sep);
  const values = new Array<string>(design.n);
  for (let i = 0; i < design.n; i++) values[i] = variables.map((v) => v.values[i]).join(' / ');
  const targets: Record<string, number> = {};
  for (const c of cells) {
    if (c.levels.length !== variables.length)
      return fail({
        code: 'length_mismatch',
        message: `cell ${c.levels.join(' / ')} of "${name}" has ${c.levels.length} categories for ${variables.length} variables`,
        margin: name,
      });
    targets[c.levels.join(' / ')] = c.total;
  }
  const prepared = prepareMargins(design, [{ name, values, targets }], options);
  if (!prepared.ok) return prepared;
  const m = prepared.value[0];
  const sums = new Float64Array(m.levels.length);
  for (let i = 0; i < design.n; i++) sums[m.codes[i]] += design.weights[i];
  const w = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) w[i] = (design.weights[i] * m.targets[m.codes[i]]) / sums[m.codes[i]];
  return { ok: true, value: { design, weights: w, adjustment: { kind: 'poststratify', cell: m.codes, cellCount: m.levels.length } } };
}

/**
 * When raking stops. `relative` (ours, the default): after a full cycle, every category total of
 * every margin is within `epsilon` (relative) of its target and no joint-cell weight moved by
 * more than `epsilon` (relative) during the cycle. `r-survey` (R's rule, for comparison): the
 * largest absolute change of any cell of the weighted table of all margin variables between two
 * cycles is below `epsilon * sum(design weights)` when epsilon < 1, else below epsilon.
 */
export interface RakeOptions extends MarginOptions {
  /** Default 1e-12 (R's default is 1, far looser). */
  epsilon?: number;
  /** Maximum number of full cycles; default 1000 (R's default is 10). */
  maxit?: number;
  stopping?: 'relative' | 'r-survey';
}

/**
 * Groups rows into the joint cells of all margins (observed combinations only), so that each
 * raking step works on cell totals instead of rows.
 */
function buildJointCells(n: number, margins: readonly PreparedMargin[]): { cellOf: Int32Array; cellCodes: Int32Array[]; count: number } {
  const cellOf = new Int32Array(n);
  let radixProduct = 1;
  for (const m of margins) radixProduct *= Math.max(1, m.levels.length);
  const firstRow: number[] = [];
  if (radixProduct <= 1 << 22) {
    // Few possible combinations: a dense lookup table is faster than a map.
    const dense = new Int32Array(radixProduct).fill(-1);
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (const m of margins) key = key * m.levels.length + m.codes[i];
      let c = dense[key];
      if (c < 0) {
        c = dense[key] = firstRow.length;
        firstRow.push(i);
      }
      cellOf[i] = c;
    }
    return { cellOf, cellCodes: margins.map((m) => Int32Array.from(firstRow, (row) => m.codes[row])), count: firstRow.length };
  }
  const map = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    let key: number | string;
    if (radixProduct < 2 ** 52) {
      key = 0;
      for (const m of margins) key = key * m.levels.length + m.codes[i];
    } else {
      key = margins.map((m) => m.codes[i]).join(',');
    }
    let c = map.get(key);
    if (c === undefined) {
      c = firstRow.length;
      map.set(key, c);
      firstRow.push(i);
    }
    cellOf[i] = c;
  }
  const count = firstRow.length;
  const cellCodes = margins.map((m) => Int32Array.from(firstRow, (row) => m.codes[row]));
  return { cellOf, cellCodes, count };
}

/**
 * Raking (survey's `rake`): iterative proportional fitting, each cycle post-stratifying on the
 * margins in the order given. Works on the totals of the joint cells of all margin variables
 * (each step is O(cells), not O(rows)); a row's weight is d times its cell's factor. Converges far
 * tighter than R's default (see `RakeOptions`); when it cannot within `maxit` cycles, fails with
 * `not_converged` naming the margin and category furthest from its target, and the gap.
 */
export function rake(design: SurveyDesign, margins: readonly MarginInput[], options: RakeOptions = {}): WeightingResult<WeightedDesign> {
  const prepared = prepareMargins(design, margins, options);
  if (!prepared.ok) return prepared;
  return rakePrepared(design, prepared.value, options);
}

/** `rake` on margins already checked by `prepareMargins`. */
export function rakePrepared(design: SurveyDesign, margins: readonly PreparedMargin[], options: RakeOptions = {}): WeightingResult<WeightedDesign> {
  const epsilon = options.epsilon ?? 1e-12;
  const maxit = options.maxit ?? 1000;
  const rRule = options.stopping === 'r-survey';
  const { cellOf, cellCodes, count } = buildJointCells(design.n, margins);
  const base = new Float64Array(count);
  for (let i = 0; i < design.n; i++) base[cellOf[i]] += design.weights[i];
  let designTotal = 0;
  for (let c = 0; c < count; c++) designTotal += base[c];
  const cellW = base.slice();
  const before = new Float64Array(count);
  const totals = margins.map((m) => new Float64Array(m.levels.length));
  const rThreshold = epsilon < 1 ? epsilon * designTotal : epsilon;
  let iterations = 0;
  let converged = false;
  let worst = { margin: 0, level: 0, gap: Infinity, relative: Infinity };
  while (iterations < maxit) {
    before.set(cellW);
    for (let m = 0; m < margins.length; m++) {
      const codes = cellCodes[m];
      const tot = totals[m].fill(0);
      for (let c = 0; c < count; c++) tot[codes[c]] += cellW[c];
      const target = margins[m].targets;
      for (let l = 0; l < tot.length; l++) tot[l] = tot[l] > 0 ? target[l] / tot[l] : 1;
      for (let c = 0; c < count; c++) cellW[c] *= tot[codes[c]];
    }
    iterations++;
    let change = 0;
    for (let c = 0; c < count; c++) {
      const d = Math.abs(cellW[c] - before[c]);
      const rel = rRule ? d : before[c] > 0 ? d / before[c] : d > 0 ? Infinity : 0;
      if (rel > change) change = rel;
    }
    worst = { margin: 0, level: 0, gap: 0, relative: 0 };
    for (let m = 0; m < margins.length; m++) {
      const codes = cellCodes[m];
      const tot = totals[m].fill(0);
      for (let c = 0; c < count; c++) tot[codes[c]] += cellW[c];
      for (let l = 0; l < tot.length; l++) {
        const gap = tot[l] - margins[m].targets[l];
        const relative = Math.abs(gap) / Math.max(Math.abs(margins[m].targets[l]), Number.MIN_VALUE);
        if (relative > worst.relative) worst = { margin: m, level: l, gap, relative };
      }
    }
    if (rRule ? change < rThreshold : change <= epsilon && worst.relative <= epsilon) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    const m = margins[worst.margin];
    return fail({
      code: 'not_converged',
      message: `raking did not converge in ${iterations} cycles: margin "${m.name}", category "${m.levels[worst.level]}" is ${worst.gap} (relative ${worst.relative}) from its target ${m.targets[worst.level]}`,
      margin: m.name,
      category: m.levels[worst.level],
      gap: worst.gap,
      iterations,
    });
  }
  const w = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) {
    const c = cellOf[i];
    w[i] = base[c] > 0 ? design.weights[i] * (cellW[c] / base[c]) : 0;
  }
  return {
    ok: true,
    value: {
      design,
      weights: w,
      adjustment: { kind: 'rake', levelCounts: margins.map((m) => m.levels.length), cellOf, cellCodes, cellCount: count },
      iterations,
    },
  };
}

/** A calibration model: the model matrix (n rows × p columns, row-major) and its column names. */
export interface CalibrationModel {
  columns: readonly string[];
  matrix: Float64Array;
}

/**
 * Calibration settings: `calfun` linear (solved directly) or raking (Newton–Raphson, stopping
 * when every |population - calibrated total| / (1 + |population|) < epsilon, survey's `grake`
 * rule; default epsilon 1e-12, R's default 1e-7; default maxit 100, R's 50).
 */
export interface CalibrateOptions {
  calfun?: 'linear' | 'raking';
  epsilon?: number;
  maxit?: number;
}

/** Inverts a symmetric positive definite p×p matrix (Cholesky); null when it is singular. */
function invertSymmetric(a: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  let scale = 0;
  for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(a[i * p + i]));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(s > 1e-13 * Math.max(scale, Math.abs(a[i * p + i])))) return null;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j];
    }
  }
  // inverse of L, then (L^-1)' L^-1
  const Li = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    Li[i * p + i] = 1 / L[i * p + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * p + k] * Li[k * p + j];
      Li[i * p + j] = s / L[i * p + i];
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += Li[k * p + i] * Li[k * p + j];
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  return inv;
}

/** X' diag(v) X for the n×p row-major matrix X. */
function crossWeighted(x: Float64Array, n: number, p: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a] * vi;
      if (xa === 0) continue;
      for (let b = 0; b <= a; b++) out[a * p + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[b * p + a] = out[a * p + b];
  return out;
}

/**
 * Calibration (survey's `calibrate`, Deville & Särndal 1992; Deville, Särndal & Sautory 1993) of
 * the design weights to population `totals` of the model's columns. Linear: g = 1 + x'(X'DX)^-1
 * (T - X'd), in one step (weights may be negative). Raking: g = exp(x'lambda), Newton–Raphson from
 * lambda = 0, halving a step that overflows. Fails naming the column when X'DX is singular, or when
 * Newton does not converge (the column furthest from its total and the gap).
 */
export function calibrate(
  design: SurveyDesign,
  model: CalibrationModel,
  totals: ArrayLike<number>,
  options: CalibrateOptions = {},
): WeightingResult<WeightedDesign> {
  const n = design.n;
  const p = model.columns.length;
  if (model.matrix.length !== n * p || totals.length !== p)
    return fail({
      code: 'length_mismatch',
      message: `the model matrix is ${model.matrix.length} values for ${n} rows × ${p} columns and ${totals.length} totals`,
      margin: 'model',
    });
  const X = model.matrix;
  const d = design.weights;
  const calfun = options.calfun ?? 'linear';
  const epsilon = options.epsilon ?? 1e-12;
  const maxit = options.maxit ?? 100;
  const XtDX = crossWeighted(X, n, p, d);
  const inverse = invertSymmetric(XtDX, p);
  if (!inverse) {
    return fail({
      code: 'singular_calibration',
      message: `the calibration columns (${model.columns.join(', ')}) are collinear or one of them is zero for every respondent`,
      margin: model.columns.join(', '),
    });
  }
  const g = new Float64Array(n);
  const misfitOf = (gv: Float64Array) => {
    const m = Float64Array.from(totals);
    for (let i = 0; i < n; i++) {
      const wi = d[i] * gv[i];
      for (let a = 0; a < p; a++) m[a] -= wi * X[i * p + a];
    }
    return m;
  };
  let iterations = 0;
  if (calfun === 'linear') {
    g.fill(1);
    const misfit = misfitOf(g);
    const lambda = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) lambda[a] += inverse[a * p + b] * misfit[b];
    for (let i = 0; i < n; i++) {
      let s = 1;
      for (let a = 0; a < p; a++) s += X[i * p + a] * lambda[a];
      g[i] = s;
    }
  } else {
    const eta = new Float64Array(p);
    const setG = () => {
      let finite = true;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let a = 0; a < p; a++) s += X[i * p + a] * eta[a];
        g[i] = Math.exp(s);
        if (!Number.isFinite(g[i])) finite = false;
      }
      return finite;
    };
    setG();
    let misfit = misfitOf(g);
    const relativeMisfit = () => {
      let worst = { column: 0, value: 0 };
      for (let a = 0; a < p; a++) {
        const v = Math.abs(misfit[a]) / (1 + Math.abs(totals[a]));
        if (!(v <= worst.value)) worst = { column: a, value: v };
      }
      return worst;
    };
    let worst = relativeMisfit();
    while (worst.value >= epsilon) {
      if (iterations >= maxit) {
        return fail({
          code: 'not_converged',
          message: `calibration did not converge in ${iterations} iterations: column "${model.columns[worst.column]}" is ${-misfit[worst.column]} from its total ${totals[worst.column]}`,
          margin: model.columns[worst.column],
          gap: -misfit[worst.column],
          iterations,
        });
      }
      iterations++;
      const H = crossWeighted(
        X,
        n,
        p,
        Float64Array.from(g, (gi, i) => gi * d[i]),
      );
      const Hinv = invertSymmetric(H, p);
      if (!Hinv)
        return fail({
          code: 'singular_calibration',
          message: 'the calibration Newton step is singular (some weights went to zero)',
          margin: model.columns.join(', '),
          iterations,
        });
      const step = new Float64Array(p);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) step[a] += Hinv[a * p + b] * misfit[b];
      for (let a = 0; a < p; a++) eta[a] += step[a];
      let halvings = 0;
      while (!setG() && halvings < 60) {
        for (let a = 0; a < p; a++) {
          step[a] /= 2;
          eta[a] -= step[a];
        }
        halvings++;
      }
      misfit = misfitOf(g);
      worst = relativeMisfit();
    }
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = d[i] * g[i];
  const adjustment: Adjustment = { kind: 'calibrate', matrix: X, p, inverse };
  return { ok: true, value: calfun === 'linear' ? { design, weights: w, adjustment } : { design, weights: w, adjustment, iterations } };
}

/**
 * The model matrix of margins under R's treatment contrasts, as `calibrate(design, list(~a, ~b),
 * list(pop.a, pop.b))` builds it: (Intercept), then for each margin one 0/1 column per category
 * but its first, named `<margin><category>`; the totals are the population size and the
 * categories' targets. Raking as calibration (`calfun = 'raking'`) on it gives raking's weights.
 */
export function buildMarginModel(design: SurveyDesign, margins: readonly PreparedMargin[]): { model: CalibrationModel; totals: Float64Array } {
  const columns = ['(Intercept)'];
  const totals: number[] = [margins.length ? margins[0].targets.reduce((a, b) => a + b, 0) : 0];
  const offsets: number[] = [];
  for (const m of margins) {
    offsets.push(columns.length - 1);
    for (let l = 1; l < m.levels.length; l++) {
      columns.push(`${m.name}${m.levels[l]}`);
      totals.push(m.targets[l]);
    }
  }
  const p = columns.length;
  const matrix = new Float64Array(design.n * p);
  for (let i = 0; i < design.n; i++) {
    matrix[i * p] = 1;
    margins.forEach((m, k) => {
      const c = m.codes[i];
      if (c > 0) matrix[i * p + offsets[k] + c] = 1;
    });
  }
  return { model: { columns, matrix }, totals: Float64Array.from(totals) };
}

/** Trimming bounds on the final weights (either may be left out). */
export interface TrimOptions {
  lower?: number;
  upper?: number;
  /** Maximum rounds of capping and redistributing; default n + 1 (always enough). */
  maxit?: number;
}

/**
 * Trims weights to [lower, upper] like survey's `trimWeights(strict = TRUE)`: weights outside
 * are set to the bound, the weight removed (or added) is spread over the units not at a bound in
 * proportion to their weights, and this repeats until every weight is within the bounds, so the
 * total is kept. (R recomputes which units are outside on every round, so a unit at its lower
 * bound may also receive weight; here too.) The adjustment's variance rule is kept and applied to the trimmed weights.
 * Fails when the bounds cannot hold the total (n * lower > total or n * upper < total).
 */
export function trimWeights(weighted: WeightedDesign, options: TrimOptions): WeightingResult<WeightedDesign> {
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const w = weighted.weights.slice();
  const n = w.length;
  const maxit = options.maxit ?? n + 1;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  if (!(lower <= upper) || n * lower > total * (1 + 1e-12) || n * upper < total * (1 - 1e-12))
    return fail({
      code: 'invalid_trim_bounds',
      message: `weights cannot all lie in [${lower}, ${upper}] and still add up to ${total} over ${n} respondents`,
      margin: 'trim',
    });
  // Each round clips to the bounds and spreads the removed (or missing) weight over the units
  // that can still move in that direction; a round either ends it or puts one more unit on a bound.
  for (let round = 0; round < maxit; round++) {
    let kept = 0;
    for (let i = 0; i < n; i++) {
      w[i] = Math.min(upper, Math.max(lower, w[i]));
      kept += w[i];
    }
    const excess = total - kept;
    if (Math.abs(excess) <= 1e-13 * Math.abs(total)) break;
    let free = 0;
    for (let i = 0; i < n; i++) if (excess > 0 ? w[i] < upper : w[i] > lower) free += w[i];
    if (free <= 0) break;
    const factor = 1 + excess / free;
    for (let i = 0; i < n; i++) if (excess > 0 ? w[i] < upper : w[i] > lower) w[i] *= factor;
  }
  return { ok: true, value: { ...weighted, weights: w } };
}

/** A point estimate with its Taylor-linearisation standard error. */
export interface Estimate {
  estimate: number;
  se: number;
}

/**
 * Replaces influence values by their residuals under the adjustment, in place (survey's
 * `svyrecvar` postStrata step; the oracle README's rules):
 * - postStratify: x_k - w_k * (sum_{j in h} d_j x_j / w_j) / sum_{j in h} d_j;
 * - calibrate: x_k - w_k * X_k'B with B = (X'DX)^-1 sum_j X_j x_j / g_j (the OLS residual of
 *   x/(g sqrt d) on X sqrt d, times g sqrt d);
 * - rake: exactly 10 sweeps over the margins in order, x_k -= w_k * (unweighted mean of x_j / w_j
 *   over the rows of k's category). R uses each margin step's weights of the last cycle; at our
 *   convergence they equal the final weights to ~1e-12.
 */
function residualize(wd: WeightedDesign, x: Float64Array): void {
  const adj = wd.adjustment;
  const w = wd.weights;
  const d = wd.design.weights;
  const n = x.length;
  if (adj.kind === 'poststratify') {
    const num = new Float64Array(adj.cellCount);
    const den = new Float64Array(adj.cellCount);
    for (let i = 0; i < n; i++) {
      const h = adj.cell[i];
      if (w[i] !== 0) num[h] += (d[i] * x[i]) / w[i];
      den[h] += d[i];
    }
    for (let i = 0; i < n; i++) x[i] -= (w[i] * num[adj.cell[i]]) / den[adj.cell[i]];
  } else if (adj.kind === 'rake') {
    // The sweeps subtract from x_k / w_k one amount per category of each margin, so x_k / w_k =
    // v_k - A(cell of k) throughout, and each sweep needs only the cell sums of v: the 10 sweeps
    // run on the joint cells (O(cells)), and rows are visited twice in all.
    const { cellOf, cellCodes, cellCount, levelCounts } = adj;
    const v = new Float64Array(cellCount);
    const active = new Float64Array(cellCount);
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      v[cellOf[i]] += x[i] / w[i];
      active[cellOf[i]]++;
    }
    const size = new Float64Array(cellCount);
    for (let i = 0; i < n; i++) size[cellOf[i]]++;
    const A = new Float64Array(cellCount);
    for (let sweep = 0; sweep < 10; sweep++) {
      levelCounts.forEach((levelCount, m) => {
        const codes = cellCodes[m];
        const sum = new Float64Array(levelCount);
        const cnt = new Float64Array(levelCount);
        for (let c = 0; c < cellCount; c++) {
          sum[codes[c]] += v[c] - active[c] * A[c];
          cnt[codes[c]] += size[c];
        }
        for (let l = 0; l < levelCount; l++) if (cnt[l] > 0) sum[l] /= cnt[l];
        for (let c = 0; c < cellCount; c++) A[c] += sum[codes[c]];
      });
    }
    for (let i = 0; i < n; i++) x[i] -= w[i] * A[cellOf[i]];
  } else if (adj.kind === 'calibrate') {
    const { matrix: X, p, inverse } = adj;
    const rhs = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      const v = (x[i] * d[i]) / w[i]; // x / g
      for (let a = 0; a < p; a++) rhs[a] += X[i * p + a] * v;
    }
    const B = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) B[a] += inverse[a * p + b] * rhs[b];
    for (let i = 0; i < n; i++) {
      let fit = 0;
      for (let a = 0; a < p; a++) fit += X[i * p + a] * B[a];
      x[i] -= w[i] * fit;
    }
  }
}

/**
 * The design variance of a total of residuals z (survey's `svyrecvar` for one stage): PSU totals,
 * then per stratum (1 - f_h) * n_h / (n_h - 1) * sum_i (z_hi - zbar_h)^2. A stratum with a single
 * PSU makes the variance NaN (R stops with an error under its default `survey.lonely.psu`).
 */
function designVariance(design: SurveyDesign, x: Float64Array): number {
  const z = new Float64Array(design.psuCount);
  for (let i = 0; i < design.n; i++) z[design.psu[i]] += x[i];
  const H = design.stratumPsuCount.length;
  const mean = new Float64Array(H);
  for (let p = 0; p < design.psuCount; p++) mean[design.psuStratum[p]] += z[p];
  for (let h = 0; h < H; h++) mean[h] /= design.stratumPsuCount[h];
  const ss = new Float64Array(H);
  for (let p = 0; p < design.psuCount; p++) {
    const e = z[p] - mean[design.psuStratum[p]];
    ss[design.psuStratum[p]] += e * e;
  }
  let v = 0;
  for (let h = 0; h < H; h++) {
    const nh = design.stratumPsuCount[h];
    if (nh === 0) continue;
    if (nh < 2) return NaN;
    v += ((1 - design.stratumFraction[h]) * nh * ss[h]) / (nh - 1);
  }
  return v;
}

/*
 * Missing values: a NaN in y (null in a categorical column) leaves the row out as R's
 * `svymean(..., na.rm = TRUE)` does: the rows with a value are a domain, the others get influence
 * value 0 but stay in the design, so every PSU and stratum of the sample still counts (R keeps
 * them too: `[.survey.design2` zeroes the weights of a calibrated design, and for others
 * `svyrecvar` pads the missing PSUs with zero totals up to the sampled count).
 */

/** Weighted total of y with its SE (influence values x_k = w_k y_k; survey's `svytotal`); NaN values are left out. */
export function estimateTotal(wd: WeightedDesign, y: ArrayLike<number>): Estimate {
  const w = wd.weights;
  const x = new Float64Array(w.length);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(y[i])) continue;
    x[i] = w[i] * y[i];
    total += x[i];
  }
  residualize(wd, x);
  return { estimate: total, se: Math.sqrt(designVariance(wd.design, x)) };
}

/** Weighted mean of y with its SE (x_k = w_k (y_k - ybar) / sum(w); survey's `svymean`); NaN values are left out. */
export function estimateMean(wd: WeightedDesign, y: ArrayLike<number>): Estimate {
  const w = wd.weights;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(y[i])) continue;
    sw += w[i];
    swy += w[i] * y[i];
  }
  const mean = swy / sw;
  const x = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) if (!Number.isNaN(y[i])) x[i] = (w[i] * (y[i] - mean)) / sw;
  residualize(wd, x);
  return { estimate: mean, se: Math.sqrt(designVariance(wd.design, x)) };
}

/**
 * A domain (subpopulation: "respondents in the West"): a 0/1 (or boolean) indicator per row and
 * its name for errors (`margin` the variable that defines it, `category` its value).
 */
export interface DomainInput {
  indicator: ArrayLike<number | boolean>;
  margin: string;
  category: string;
}

/** A domain estimate: the estimate, its SE, and the domain's respondents with a value of y. */
export type DomainEstimate = Estimate & { respondents: number };

/**
 * Domain estimation as R's `svymean(~y, subset(design, region == "west"))` / `svytotal` (and
 * `svyby`): the weights stay those computed on the whole sample, and the domain enters the
 * influence function, not the rows. For a mean x_k = delta_k w_k (y_k - ybar_D) / sum_D w (a
 * total: delta_k w_k y_k), which is zero outside the domain; the residuals of the adjustment are
 * then taken over the WHOLE sample, as R does (`[.survey.design2` keeps every row of a calibrated
 * design with weight 0, and pads the missing PSUs of an uncalibrated one with zero totals), and
 * the design variance uses every PSU and stratum of the sample. This is the linearisation of the
 * ratio sum(delta w y) / sum(delta w); subsetting the rows first would shrink n and the PSUs and
 * give the wrong SE. Rows with NaN in y are also left out (na.rm). Refused (`empty_category`,
 * naming the domain) when no row is in the domain.
 */
function domainRows(wd: WeightedDesign, y: ArrayLike<number>, domain: DomainInput): WeightingResult<{ y: Float64Array; respondents: number }> {
  const n = wd.weights.length;
  if (domain.indicator.length !== n || y.length !== n)
    return fail({
      code: 'length_mismatch',
      message: `domain "${domain.margin} = ${domain.category}": ${domain.indicator.length} indicators and ${y.length} values for ${n} rows`,
      margin: domain.margin,
      category: domain.category,
    });
  const masked = new Float64Array(n);
  let members = 0;
  let respondents = 0;
  for (let i = 0; i < n; i++) {
    const inside = Boolean(domain.indicator[i]);
    if (inside) members++;
    masked[i] = inside ? y[i] : NaN;
    if (inside && !Number.isNaN(y[i])) respondents++;
  }
  if (members === 0)
    return fail({
      code: 'empty_category',
      message: `domain "${domain.margin} = ${domain.category}": no respondent is in it, so nothing can be estimated for it`,
      margin: domain.margin,
      category: domain.category,
    });
  return { ok: true, value: { y: masked, respondents } };
}

/** The mean of y in a domain with its SE (see `domainRows`: R's `svymean(~y, subset(design, ...))`). */
export function estimateDomainMean(wd: WeightedDesign, y: ArrayLike<number>, domain: DomainInput): WeightingResult<DomainEstimate> {
  const rows = domainRows(wd, y, domain);
  if (!rows.ok) return rows;
  return { ok: true, value: { ...estimateMean(wd, rows.value.y), respondents: rows.value.respondents } };
}

/** The total of y in a domain with its SE (R's `svytotal(~y, subset(design, ...))`). */
export function estimateDomainTotal(wd: WeightedDesign, y: ArrayLike<number>, domain: DomainInput): WeightingResult<DomainEstimate> {
  const rows = domainRows(wd, y, domain);
  if (!rows.ok) return rows;
  return { ok: true, value: { ...estimateTotal(wd, rows.value.y), respondents: rows.value.respondents } };
}

/**
 * The levels of a categorical variable, sorted (R's default factor order in the C locale), and
 * each row's code (-1 for a missing value, null).
 */
export function encodeCategories(values: readonly (string | null)[]): { levels: string[]; codes: Int32Array } {
  const levels = [...new Set(values.filter((v): v is string => v !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(levels.map((l, i) => [l, i]));
  return { levels, codes: Int32Array.from(values, (v) => (v === null ? -1 : (index.get(v) as number))) };
}

/**
 * Mean (proportion) or total of each category of a categorical variable, with SEs: one 0/1
 * indicator per level, as survey's `svymean(~factor)` / `svytotal(~factor)`. Null values are
 * left out (as `na.rm = TRUE`, see above).
 */
export function estimateCategorical(
  wd: WeightedDesign,
  values: readonly (string | null)[],
  statistic: 'mean' | 'total',
): (Estimate & { level: string })[] {
  const { levels, codes } = encodeCategories(values);
  const y = new Float64Array(values.length);
  return levels.map((level, l) => {
    for (let i = 0; i < y.length; i++) y[i] = codes[i] < 0 ? NaN : codes[i] === l ? 1 : 0;
    const e = statistic === 'mean' ? estimateMean(wd, y) : estimateTotal(wd, y);
    return { level, ...e };
  });
}
