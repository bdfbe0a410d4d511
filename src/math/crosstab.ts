/**
 * Cross-tabulation of a question (single or multiple choice) by a demographic question, with
 * optional weights: counts, row and column percentages, lift, Pearson's chi-square test of
 * independence (statistic, degrees of freedom, p-value from the regularized incomplete gamma
 * function) and cells flagged small. Pure: no I/O, no imports.
 */

/**
 * What to cross-tabulate. `answers[i]` is respondent i's category index in `rows` (or a list of
 * them for a multiple-choice question; -1 or an empty list for no answer); `groups[i]` the index
 * in `columns` of their demographic category (-1 when unknown). Respondents without both are
 * left out. `weights` (optional) are the survey weights; `frequencies` (optional) say how many
 * respondents with those same answers (and each that weight) entry i stands for, so identical
 * respondents can be given once; `minCount` flags cells observed fewer times (unweighted) than it,
 * besides cells whose expected count is below 5.
 */
export interface CrosstabInput {
  rows: readonly string[];
  columns: readonly string[];
  answers: ArrayLike<number> | readonly (number | readonly number[])[];
  groups: ArrayLike<number>;
  weights?: ArrayLike<number> | null;
  frequencies?: ArrayLike<number> | null;
  minCount?: number;
}

/** Pearson's chi-square test of independence. */
export interface ChiSquareTest {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * The table, rows = the question's categories, columns = the demographic's. Counts are weighted
 * when weights are given (`unweightedCounts` always counts people). Percentages are 0–100:
 * `rowPercent` of a row's count, `columnPercent` of the column's respondents (for a multiple
 * choice question a column's percentages may add up to more than 100).
 */
export interface Crosstab {
  rows: readonly string[];
  columns: readonly string[];
  counts: number[][];
  unweightedCounts: number[][];
  /** Weighted number of respondents who chose each row category. */
  rowTotals: number[];
  /** Weighted number of respondents in each column category. */
  columnTotals: number[];
  /** Weighted number of respondents counted (with an answer and a demographic category). */
  respondents: number;
  rowPercent: number[][];
  columnPercent: number[][];
  /** p(a, b) / (p(a) p(b)): 1 when the category is as common in the group as overall, NaN for an empty row or column. */
  lift: number[][];
  /** Expected counts under independence, on the scale of the test (see `crossTabulate`). */
  expected: number[][];
  small: boolean[][];
  /** Null when fewer than two rows or two columns have respondents. */
  chiSquare: ChiSquareTest | null;
  multipleChoice: boolean;
}

/**
 * Cross-tabulates (see `CrosstabInput`). The chi-square test is Pearson's X² = Σ (O - E)² / E with
 * E = row total × column total / table total over the rows and columns that have respondents,
 * df = (r - 1)(c - 1), p = Q(df/2, X²/2). With weights, it is computed on the weighted counts
 * rescaled to add up to the unweighted number of respondents (the usual "normalised weights"
 * approximation; a design-based Rao–Scott test would need the design). For a multiple-choice
 * question each choice counts once, so respondents count several times and the test is only
 * indicative (Loughin & Scherer 1998); `multipleChoice` says so.
 */
export function crossTabulate(input: CrosstabInput): Crosstab {
  const r = input.rows.length;
  const c = input.columns.length;
  const n = input.groups.length;
  const counts = new Float64Array(r * c);
  const raw = new Float64Array(r * c);
  const rowTotals = new Float64Array(r);
  const columnTotals = new Float64Array(c);
  const columnPeople = new Float64Array(c);
  let respondents = 0;
  let people = 0;
  let multipleChoice = false;
  const weights = input.weights ?? null;
  const frequencies = input.frequencies ?? null;
  const answers = input.answers;
  for (let i = 0; i < n; i++) {
    const g = input.groups[i];
    if (g < 0 || g >= c) continue;
    const a = answers[i];
    const f = frequencies ? frequencies[i] : 1;
    const w = weights ? weights[i] * f : f;
    if (typeof a === 'number') {
      if (a < 0 || a >= r) continue;
      counts[a * c + g] += w;
      raw[a * c + g] += f;
      rowTotals[a] += w;
    } else {
      let any = false;
      for (const k of a) {
        if (k < 0 || k >= r) continue;
        counts[k * c + g] += w;
        raw[k * c + g] += f;
        rowTotals[k] += w;
        any = true;
      }
      if (!any) continue;
      if (a.length > 1) multipleChoice = true;
    }
    columnTotals[g] += w;
    columnPeople[g] += f;
    respondents += w;
    people += f;
  }
  // The test's scale: counts rescaled so that they add up to the number of people counted.
  const scale = respondents > 0 ? people / respondents : 0;
  let tableTotal = 0;
  const cellColumn = new Float64Array(c);
  for (let a = 0; a < r; a++)
    for (let g = 0; g < c; g++) {
      tableTotal += counts[a * c + g];
      cellColumn[g] += counts[a * c + g];
    }
  const minCount = input.minCount ?? 0;
  const grid = <T>(f: (a: number, g: number) => T): T[][] => Array.from({ length: r }, (_, a) => Array.from({ length: c }, (_, g) => f(a, g)));
  const expected = grid((a, g) => (tableTotal > 0 ? (rowTotals[a] * cellColumn[g] * scale) / tableTotal : 0));
  let statistic = 0;
  let usedRows = 0;
  let usedColumns = 0;
  for (let a = 0; a < r; a++) if (rowTotals[a] > 0) usedRows++;
  for (let g = 0; g < c; g++) if (cellColumn[g] > 0) usedColumns++;
  for (let a = 0; a < r; a++)
    for (let g = 0; g < c; g++) {
      const e = expected[a][g];
      if (e > 0) statistic += (counts[a * c + g] * scale - e) ** 2 / e;
    }
  const df = (usedRows - 1) * (usedColumns - 1);
  return {
    rows: input.rows,
    columns: input.columns,
    counts: grid((a, g) => counts[a * c + g]),
    unweightedCounts: grid((a, g) => raw[a * c + g]),
    rowTotals: Array.from(rowTotals),
    columnTotals: Array.from(columnTotals),
    respondents,
    rowPercent: grid((a, g) => (rowTotals[a] > 0 ? (100 * counts[a * c + g]) / rowTotals[a] : NaN)),
    columnPercent: grid((a, g) => (columnTotals[g] > 0 ? (100 * counts[a * c + g]) / columnTotals[g] : NaN)),
    lift: grid((a, g) => (rowTotals[a] > 0 && columnTotals[g] > 0 ? (counts[a * c + g] * respondents) / (rowTotals[a] * columnTotals[g]) : NaN)),
    expected,
    small: grid((a, g) => expected[a][g] < 5 || raw[a * c + g] < minCount),
    chiSquare: df > 0 ? { statistic, df, pValue: chiSquareSurvival(statistic, df) } : null,
    multipleChoice,
  };
}

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (Lanczos 1964; g = 7, n = 9, the coefficients
 * tabulated by Godfrey and in Press et al., Numerical Recipes, 3rd ed., §6.1), with the reflection
 * formula below 1/2. Relative error about 1e-15.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), by the series of
 * P(a, x) when x < a + 1 and by Legendre's continued fraction (modified Lentz) otherwise:
 * Press et al., Numerical Recipes, 3rd ed., §6.2 (`gser`, `gcf`).
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // P(a, x) = e^-x x^a / Γ(a + 1) Σ x^n / ((a + 1)…(a + n))
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 10_000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let cc = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    cc = b + an / cc;
    if (Math.abs(cc) < tiny) cc = tiny;
    d = 1 / d;
    const delta = d * cc;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(X > x) for X chi-square with `df` degrees of freedom: Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  return upperRegularizedGamma(df / 2, x / 2);
}
