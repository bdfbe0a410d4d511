/**
 * `polity consultations weight`: reads a responses CSV and a margins JSON file (the shapes of the
 * shared data's `surveys/weighting/` folder), weights the responses by post-stratification,
 * raking or calibration (`src/math/survey-weighting.ts`) and estimates means and totals with their
 * design-based standard errors, weighted and unweighted. Bad input is an AppError naming the
 * file, column, margin or category and the reason.
 */
import { readFileSync } from 'node:fs';
import { CsvSyntaxError, readCsvRecords } from '../../../kernel/csv.js';
import { AppError } from '../../../kernel/errors.js';
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
  rakePrepared,
  trimWeights,
  useDesignWeights,
  type CalibrationModel,
  type MarginInput,
  type MarginOptions,
  type SurveyDesign,
  type WeightedDesign,
  type WeightingError,
  type WeightingResult,
} from '../../../math/survey-weighting.js';

/** Options of the command, as commander hands them over (strings). */
export interface WeightFlags {
  margins?: string;
  method?: string;
  calfun?: string;
  idColumn?: string;
  weightColumn?: string;
  cluster?: string;
  strata?: string;
  fpc?: string;
  estimate?: string[];
  epsilon?: string;
  maxit?: string;
  trimLower?: string;
  trimUpper?: string;
}

/** One estimate as `--json` prints it (`level` for a category of a categorical column). */
export interface EstimateLine {
  statistic: 'mean' | 'total';
  variable: string;
  level?: string;
  estimate: number;
  se: number;
}

/** What the command computed: `--json` prints `weights` and `estimates`; the summary shows the rest too. */
export interface WeightReport {
  weights: Record<string, number>;
  estimates: EstimateLine[];
  unweighted: EstimateLine[];
  method: string;
  respondents: number;
  iterations?: number;
  weightsSum: number;
  minWeight: number;
  maxWeight: number;
}

/** The methods of `--method`. */
export const WEIGHT_METHODS = ['poststratify', 'rake', 'calibrate'] as const;

function bad(field: string, message: string, reason: string, values: Record<string, string | number> = {}): AppError {
  return new AppError('invalid_input', message, { fields: { [field]: message }, reasons: { [field]: { reason, values } } });
}

/** A weighting failure at the edge: the margins file is at fault, with the margin, category and gap. */
function refuse(error: WeightingError): AppError {
  const values: Record<string, string | number> = {};
  if (error.margin !== undefined) values.margin = error.margin;
  if (error.category !== undefined) values.category = error.category;
  if (error.row !== undefined) values.row = error.row;
  if (error.gap !== undefined) values.gap = error.gap;
  if (error.iterations !== undefined) values.iterations = error.iterations;
  const field = error.code === 'invalid_design_weight' || error.code === 'invalid_fpc' ? 'csv' : 'margins';
  return new AppError('invalid_input', error.message, { fields: { [field]: error.message }, reasons: { [field]: { reason: error.code, values } } });
}

function unwrap<T>(r: WeightingResult<T>): T {
  if (!r.ok) throw refuse(r.error);
  return r.value;
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A table read from CSV: header and columns of strings. */
interface Table {
  file: string;
  header: string[];
  rows: string[][];
}

function readTable(file: string): Table {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw bad('csv', `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'unreadable_file', { file });
  }
  let records: string[][];
  try {
    records = readCsvRecords(text).map((r) => r.cells);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    throw bad('csv', `${file}, line ${e.line}: not a valid CSV file (${e.message})`, 'csv_syntax', { file });
  }
  if (records.length === 0) throw bad('csv', `${file}: empty file`, 'empty_file', { file });
  return { file, header: records[0], rows: records.slice(1) };
}

function column(table: Table, name: string, flag: string): string[] {
  const at = table.header.indexOf(name);
  if (at < 0)
    throw bad(flag, `${flag}: ${table.file} has no column "${name}" (columns: ${table.header.join(', ')})`, 'unknown_column', { column: name });
  return table.rows.map((r) => r[at] ?? '');
}

function numericColumn(table: Table, name: string, flag: string, ids: readonly string[]): number[] {
  return column(table, name, flag).map((v, i) => {
    if (!NUMBER.test(v))
      throw bad(flag, `${flag}: column "${name}", row ${ids[i]}: "${v}" is not a number`, 'not_a_number', { column: name, row: ids[i] });
    return Number(v);
  });
}

function parseNumberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!NUMBER.test(value)) throw bad(flag, `${flag}: "${value}" is not a number`, 'not_a_number');
  return Number(value);
}

/** The margins file, in one of its three shapes. */
type MarginsFile =
  | { type: 'margins'; margins: Record<string, Record<string, number>>; options: MarginOptions }
  | { type: 'calibration_totals'; columns: string[]; totals: Record<string, number> }
  | { type: 'cells'; variables: string[]; cells: { levels: string[]; total: number }[]; options: MarginOptions };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readMarginsFile(file: string): MarginsFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw bad('margins', `--margins ${file}: ${code ? `cannot be read (${code})` : `not valid JSON (${(e as Error).message})`}`, 'unreadable_file', {
      file,
    });
  }
  const wrong = (what: string) => bad('margins', `--margins ${file}: ${what}`, 'margins_shape', { file });
  if (!isRecord(data)) throw wrong('expected a JSON object');
  const numbersOf = (where: string, v: unknown): Record<string, number> => {
    if (!isRecord(v)) throw wrong(`${where} must be an object of numbers`);
    for (const [k, x] of Object.entries(v))
      if (typeof x !== 'number' || !Number.isFinite(x)) throw wrong(`${where}, "${k}": ${JSON.stringify(x)} is not a number`);
    return v as Record<string, number>;
  };
  const options = (): MarginOptions => {
    const out: MarginOptions = {};
    if (data.population_size !== undefined) {
      if (typeof data.population_size !== 'number' || !(data.population_size > 0)) throw wrong('population_size must be a positive number');
      out.populationSize = data.population_size;
    }
    if (data.scale !== undefined) {
      if (data.scale !== 'counts' && data.scale !== 'shares') throw wrong('scale must be "counts" or "shares"');
      out.scale = data.scale;
    }
    return out;
  };
  if (data.type === 'margins') {
    if (!isRecord(data.margins) || Object.keys(data.margins).length === 0) throw wrong('"margins" must name at least one variable');
    const margins: Record<string, Record<string, number>> = {};
    for (const [name, m] of Object.entries(data.margins)) margins[name] = numbersOf(`margin "${name}"`, m);
    const opts = options();
    // Shares without saying so: every figure between 0 and 1 and some fractional.
    if (opts.scale === undefined) {
      const all = Object.values(margins).flatMap((m) => Object.values(m));
      if (all.every((x) => x >= 0 && x <= 1) && all.some((x) => !Number.isInteger(x))) opts.scale = 'shares';
    }
    return { type: 'margins', margins, options: opts };
  }
  if (data.type === 'calibration_totals') {
    const totals = numbersOf('"totals"', data.totals);
    const columns = Array.isArray(data.model_matrix_columns) ? data.model_matrix_columns.map(String) : Object.keys(totals);
    for (const c of columns) if (!(c in totals)) throw wrong(`"totals" has no figure for model column "${c}"`);
    return { type: 'calibration_totals', columns, totals };
  }
  if (data.type === 'cells') {
    if (!Array.isArray(data.variables) || data.variables.length === 0) throw wrong('"variables" must list the post-stratification variables');
    if (!Array.isArray(data.cells)) throw wrong('"cells" must be a list of {"levels": [...], "total": n}');
    const variables = data.variables.map(String);
    const cells = data.cells.map((c: unknown, i: number) => {
      if (!isRecord(c) || !Array.isArray(c.levels) || typeof c.total !== 'number') throw wrong(`cell ${i + 1} must be {"levels": [...], "total": n}`);
      return { levels: c.levels.map(String), total: c.total };
    });
    return { type: 'cells', variables, cells, options: options() };
  }
  throw wrong(`"type" must be "margins", "calibration_totals" or "cells" (found ${JSON.stringify(data.type)})`);
}

/**
 * The model matrix of calibration columns coded with R's treatment contrasts: `(Intercept)` is 1,
 * `<var><level>` is the 0/1 indicator of a level of a categorical column, `<var>` a numeric column.
 */
function buildModelFromColumns(table: Table, columns: readonly string[], ids: readonly string[]): CalibrationModel {
  const n = table.rows.length;
  const p = columns.length;
  const matrix = new Float64Array(n * p);
  columns.forEach((name, a) => {
    if (name === '(Intercept)') {
      for (let i = 0; i < n; i++) matrix[i * p + a] = 1;
      return;
    }
    if (table.header.includes(name)) {
      const values = numericColumn(table, name, 'margins', ids);
      for (let i = 0; i < n; i++) matrix[i * p + a] = values[i];
      return;
    }
    // The longest column name that prefixes `name` and has the rest as one of its values.
    const candidates = table.header.filter((h) => name.startsWith(h) && name.length > h.length).sort((x, y) => y.length - x.length);
    for (const h of candidates) {
      const level = name.slice(h.length);
      const values = column(table, h, 'margins');
      if (!values.includes(level)) continue;
      for (let i = 0; i < n; i++) matrix[i * p + a] = values[i] === level ? 1 : 0;
      return;
    }
    throw bad(
      'margins',
      `--margins: calibration column "${name}" is neither a numeric column of ${table.file} nor a column followed by one of its categories`,
      'unknown_column',
      { column: name },
    );
  });
  return { columns, matrix };
}

/** Parses `--estimate mean:COLUMN` / `total:COLUMN`. */
function parseEstimates(specs: readonly string[]): { statistic: 'mean' | 'total'; variable: string }[] {
  return specs.map((s) => {
    const m = /^(mean|total):(.+)$/.exec(s);
    if (!m) throw bad('estimate', `--estimate: "${s}" is not mean:COLUMN or total:COLUMN`, 'bad_estimate');
    return { statistic: m[1] as 'mean' | 'total', variable: m[2] };
  });
}

function computeEstimates(wd: WeightedDesign, table: Table, specs: readonly { statistic: 'mean' | 'total'; variable: string }[]): EstimateLine[] {
  const out: EstimateLine[] = [];
  for (const { statistic, variable } of specs) {
    // An empty cell is a missing value: left out, as R's na.rm = TRUE.
    const values = column(table, variable, '--estimate').map((v) => (v.trim() === '' ? null : v));
    if (values.every((v) => v === null))
      throw bad('estimate', `--estimate: column "${variable}" has no value in any row`, 'missing_value', { column: variable });
    if (values.every((v) => v === null || NUMBER.test(v))) {
      const y = Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
      const e = statistic === 'mean' ? estimateMean(wd, y) : estimateTotal(wd, y);
      out.push({ statistic, variable, estimate: e.estimate, se: e.se });
    } else {
      for (const e of estimateCategorical(wd, values, statistic)) out.push({ statistic, variable, level: e.level, estimate: e.estimate, se: e.se });
    }
  }
  return out;
}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw bad(flag, `${flag}: "${value}" is not one of ${allowed.join(', ')}`, 'not_allowed', { value });
  return value as T;
}

/** Reads the responses and margins, weights them by the flags' method and estimates. Bad input throws an AppError naming it. */
export function weightFromFiles(file: string, flags: WeightFlags): WeightReport {
  if (!flags.margins) throw bad('margins', '--margins: required (a margins JSON file)', 'required');
  if (!flags.method) throw bad('method', `--method: required, one of ${WEIGHT_METHODS.join(', ')}`, 'required');
  const method = pick('--method', flags.method, WEIGHT_METHODS) as (typeof WEIGHT_METHODS)[number];
  const calfun = pick('--calfun', flags.calfun, ['linear', 'raking'] as const) ?? 'linear';
  if (flags.calfun !== undefined && method !== 'calibrate') throw bad('calfun', '--calfun: applies to --method calibrate only', 'not_allowed');
  const epsilon = parseNumberFlag('--epsilon', flags.epsilon);
  if (epsilon !== undefined && !(epsilon > 0)) throw bad('epsilon', '--epsilon: must be positive', 'not_allowed');
  const maxitNumber = parseNumberFlag('--maxit', flags.maxit);
  if (maxitNumber !== undefined && !(Number.isInteger(maxitNumber) && maxitNumber >= 1))
    throw bad('maxit', '--maxit: must be a whole number, 1 or more', 'not_allowed');
  const trimLower = parseNumberFlag('--trim-lower', flags.trimLower);
  const trimUpper = parseNumberFlag('--trim-upper', flags.trimUpper);
  const specs = parseEstimates(flags.estimate ?? []);
  const margins = readMarginsFile(flags.margins);
  const table = readTable(file);

  const idColumn = flags.idColumn ?? 'id';
  const ids =
    flags.idColumn === undefined && !table.header.includes('id') ? table.rows.map((_, i) => String(i + 1)) : column(table, idColumn, '--id-column');
  const seenIds = new Set<string>();
  for (const id of ids) {
    if (seenIds.has(id)) throw bad('id-column', `--id-column: id "${id}" appears twice in column "${idColumn}"`, 'duplicate_id', { row: id });
    seenIds.add(id);
  }
  const weightColumn = flags.weightColumn ?? 'design_weight';
  const weights =
    flags.weightColumn === undefined && !table.header.includes(weightColumn)
      ? new Array<number>(ids.length).fill(1)
      : numericColumn(table, weightColumn, '--weight-column', ids);
  const design: SurveyDesign = unwrap(
    createSurveyDesign({
      ids,
      weights,
      clusters: flags.cluster ? column(table, flags.cluster, '--cluster') : null,
      strata: flags.strata ? column(table, flags.strata, '--strata') : null,
      fpc: flags.fpc ? numericColumn(table, flags.fpc, '--fpc', ids) : null,
    }),
  );
  const marginInputs = (m: Record<string, Record<string, number>>): MarginInput[] =>
    Object.entries(m).map(([name, targets]) => ({ name, targets, values: column(table, name, 'margins') }));

  let weighted: WeightedDesign;
  if (method === 'calibrate') {
    let model: CalibrationModel;
    let totals: ArrayLike<number>;
    if (margins.type === 'calibration_totals') {
      model = buildModelFromColumns(table, margins.columns, ids);
      totals = margins.columns.map((c) => margins.totals[c]);
    } else if (margins.type === 'margins') {
      const prepared = unwrap(prepareMargins(design, marginInputs(margins.margins), margins.options));
      ({ model, totals } = buildMarginModel(design, prepared));
    } else throw bad('margins', '--method calibrate: give margins by category or calibration totals, not joint cells', 'margins_shape');
    weighted = unwrap(calibrate(design, model, totals, { calfun, epsilon, maxit: maxitNumber }));
  } else if (margins.type === 'calibration_totals') {
    throw bad('margins', `--method ${method}: calibration totals need --method calibrate`, 'margins_shape');
  } else if (method === 'rake') {
    if (margins.type !== 'margins') throw bad('margins', '--method rake: give margins by category (type "margins")', 'margins_shape');
    const prepared = unwrap(prepareMargins(design, marginInputs(margins.margins), margins.options));
    weighted = unwrap(rakePrepared(design, prepared, { epsilon, maxit: maxitNumber }));
  } else if (margins.type === 'cells') {
    const variables = margins.variables.map((name) => ({ name, values: column(table, name, 'margins') }));
    weighted = unwrap(postStratify(design, variables, margins.cells, margins.options));
  } else {
    const entries = Object.entries(margins.margins);
    if (entries.length !== 1)
      throw bad(
        'margins',
        `--method poststratify: ${entries.length} margins given (${entries.map(([k]) => k).join(', ')}); post-stratification needs their joint cells (type "cells") or use --method rake`,
        'margins_shape',
      );
    const [name, targets] = entries[0];
    weighted = unwrap(
      postStratify(
        design,
        [{ name, values: column(table, name, 'margins') }],
        Object.entries(targets).map(([level, total]) => ({ levels: [level], total })),
        margins.options,
      ),
    );
  }
  if (trimLower !== undefined || trimUpper !== undefined) weighted = unwrap(trimWeights(weighted, { lower: trimLower, upper: trimUpper }));

  const out: Record<string, number> = {};
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  ids.forEach((id, i) => {
    const w = weighted.weights[i];
    out[id] = w;
    sum += w;
    min = Math.min(min, w);
    max = Math.max(max, w);
  });
  return {
    weights: out,
    estimates: computeEstimates(weighted, table, specs),
    unweighted: computeEstimates(useDesignWeights(createPlainDesign(ids)), table, specs),
    method: method === 'calibrate' ? `calibrate (${calfun})` : method,
    respondents: ids.length,
    iterations: weighted.iterations,
    weightsSum: sum,
    minWeight: min,
    maxWeight: max,
  };
}

/** A short human summary: weights range and each estimate weighted and unweighted, with SEs. */
export function presentWeightReport(r: WeightReport): string {
  const f = (x: number) => (Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(4) : x.toFixed(4));
  const lines = [
    `${r.respondents} respondents weighted by ${r.method}${r.iterations !== undefined ? ` (${r.iterations} iterations)` : ''}`,
    `weights: sum ${f(r.weightsSum)}, from ${f(r.minWeight)} to ${f(r.maxWeight)}`,
  ];
  if (r.estimates.length) {
    lines.push('', 'estimate                          weighted (SE)                unweighted (SE)');
    r.estimates.forEach((e, i) => {
      const u = r.unweighted[i];
      const name = `${e.statistic} ${e.variable}${e.level !== undefined ? ` = ${e.level}` : ''}`;
      lines.push(`${name.padEnd(32)}  ${`${f(e.estimate)} (${f(e.se)})`.padEnd(27)}  ${f(u.estimate)} (${f(u.se)})`);
    });
  }
  return lines.join('\n') + '\n';
}
