/**
 * A survey's results: each question's figures unweighted and weighted to the population's
 * margins (each share or mean with its standard error), how far the respondents are from those
 * margins, and cross-tabulations of a question by a demographic question. The estimators and their
 * Taylor-linearisation SEs are those of R's `survey` (src/math/survey-weighting.ts, checked there
 * against R); respondents are a simple random sample of the population (one PSU each, no fpc).
 */
import { crossTabulate, type Crosstab } from '../../../math/crosstab.js';
import {
  createPlainDesign,
  createSurveyDesign,
  estimateDomainMean,
  estimateMean,
  postStratify,
  rake,
  SHARES_TOLERANCE,
  trimWeights,
  useDesignWeights,
  type DomainInput,
  type Estimate,
  type WeightedDesign,
  type WeightingError,
} from '../../../math/survey-weighting.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { OTHER_VALUE, readChoices, scaleRange, type Item } from '../../questionnaires/index.js';
import type { PopulationMargins, WeightingSettings } from '../store/tables.js';

/** One response as results read it. */
export interface ResultResponse {
  id: string;
  answers: Record<string, unknown>;
}

/** The categories a question's answers fall in, and how to read a response's category (or categories). */
export interface Categories {
  values: string[];
  multiple: boolean;
  /** Indices into `values` of the response's categories; null when the question was not answered. */
  read: (answers: Record<string, unknown>) => number[] | null;
}

/**
 * The categories of a question: a choice's options (and "other"), a scale's points, a ranking's
 * first choice; one matrix row (`row`) by its columns. Null for questions without categories
 * (text, numbers, dates, places, files).
 */
export function categoriesOf(item: Item, row?: string): Categories | null {
  const indexOf = (values: string[]) => new Map(values.map((v, i) => [v, i]));
  switch (item.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const values = [...item.options.map((o) => o.value), ...(item.allowOther ? [OTHER_VALUE] : [])];
      const index = indexOf(values);
      return {
        values,
        multiple: item.type === 'multiple_choice',
        read: (a) => {
          if (a[item.id] === undefined) return null;
          const { values: chosen, other } = readChoices(a[item.id]);
          const out = chosen.map((v) => index.get(v)).filter((i): i is number => i !== undefined);
          if (other !== null && index.has(OTHER_VALUE)) out.push(index.get(OTHER_VALUE) as number);
          return out;
        },
      };
    }
    case 'scale': {
      const { min, max } = scaleRange(item);
      const values = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
      return { values, multiple: false, read: (a) => (typeof a[item.id] === 'number' ? [(a[item.id] as number) - min] : null) };
    }
    case 'ranking': {
      const values = item.options.map((o) => o.value);
      const index = indexOf(values);
      return {
        values,
        multiple: false,
        read: (a) => {
          const ranked = a[item.id];
          const first = Array.isArray(ranked) ? index.get(String(ranked[0])) : undefined;
          return first === undefined ? null : [first];
        },
      };
    }
    case 'matrix': {
      if (!row) return null;
      const values = (item.columns ?? []).map((c) => c.value);
      const index = indexOf(values);
      return {
        values,
        multiple: Boolean(item.multiple),
        read: (a) => {
          const m = a[item.id];
          const cell = m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>)[row] : undefined;
          if (cell === undefined) return null;
          const list = Array.isArray(cell) ? cell : [cell];
          return list.map((v) => index.get(String(v))).filter((i): i is number => i !== undefined);
        },
      };
    }
    default:
      return null;
  }
}

/** A share (0–1) with its SE, unweighted and weighted (null when results are not weighted). */
export interface ShareFigure {
  value: string;
  count: number;
  share: Estimate;
  weighted: Estimate | null;
}

/** A question's figures: shares per category, and a mean for numbers and scales. */
export interface QuestionFigures {
  question: string;
  /** Matrix row, when the figures are of one row. */
  row?: string;
  /** Respondents who answered. */
  answered: number;
  shares: ShareFigure[];
  mean: { unweighted: Estimate; weighted: Estimate | null } | null;
}

/** Respondents and their weights (null when results are not weighted). */
export interface Weighting {
  ids: string[];
  plain: WeightedDesign;
  weighted: WeightedDesign | null;
  /** Respondents left out of the weighted figures because a weighting question was not answered. */
  unweightable: number;
}

/** Why results could not be weighted: the math's failure (naming the margin and category), or a margin with no question. */
export type WeightingProblem = WeightingError | { code: 'no_margins' | 'unknown_question'; message: string; margin?: string };

/** How each weighting question's category is read from answers (null: unanswered, or not exactly one). */
type CategoryReader = (answers: Record<string, unknown>) => string | null;

/** The readers of the weighting questions, checked against the questionnaire and the margins; null when results are not weighted. */
function weightingReaders(
  items: readonly Item[],
  margins: PopulationMargins | null,
  settings: WeightingSettings,
): Result<CategoryReader[] | null, WeightingProblem> {
  if (settings.method === 'none' || settings.questions.length === 0) return ok(null);
  if (!margins) return err({ code: 'no_margins', message: 'no population margins have been entered' });
  const readers: CategoryReader[] = [];
  for (const q of settings.questions) {
    const item = items.find((i) => i.id === q);
    if (!item || !margins.margins[q]) return err({ code: 'unknown_question', message: `no question or margin "${q}"`, margin: q });
    const cats = categoriesOf(item);
    if (!cats || cats.multiple) return err({ code: 'unknown_question', message: `"${q}" is not a single-choice question`, margin: q });
    readers.push((a) => {
      const got = cats.read(a);
      return got && got.length === 1 ? cats.values[got[0]] : null;
    });
  }
  return ok(readers);
}

/**
 * The weighting of rows given each row's category of each weighting question (`columns[k][i]`,
 * null when row i left question k unanswered): the weighted design of the complete rows, and
 * every row's weight in order (0 for the unweightable).
 */
function weightCategories(
  ids: readonly string[],
  columns: readonly (readonly (string | null)[])[],
  margins: PopulationMargins,
  settings: WeightingSettings,
  frequencies: ArrayLike<number> | null = null,
): Result<{ weighted: WeightedDesign; all: Float64Array; unweightable: number }, WeightingProblem> {
  const n = ids.length;
  const complete: number[] = [];
  for (let i = 0; i < n; i++) if (columns.every((col) => col[i] !== null)) complete.push(i);
  // With frequencies, row i stands for that many respondents: its design weight (and so its
  // final weight) is theirs together. Trimming bounds each respondent, so it is not done here.
  const completeIds = complete.map((i) => ids[i]);
  const design = frequencies
    ? createSurveyDesign({ ids: completeIds, weights: complete.map((i) => frequencies[i]) })
    : { ok: true as const, value: createPlainDesign(completeIds) };
  if (!design.ok) return design;
  const values = settings.questions.map((q, k) => ({ name: q, values: complete.map((i) => columns[k][i] as string) }));
  // Shares (figures adding up to 1) are scaled to the number of respondents weighted.
  const firstTotal = Object.values(margins.margins[settings.questions[0]]).reduce((s, v) => s + v, 0);
  const scale = Math.abs(firstTotal - 1) <= SHARES_TOLERANCE ? ({ scale: 'shares' } as const) : {};
  let result;
  if (settings.method === 'poststratify') {
    // Joint cells: the product of the margins' shares when only one-way margins are known.
    const total = Object.values(margins.margins[settings.questions[0]]).reduce((s, v) => s + v, 0);
    let cells: { levels: string[]; total: number }[] = [{ levels: [], total }];
    for (const q of settings.questions) {
      const m = margins.margins[q];
      const sum = Object.values(m).reduce((s, v) => s + v, 0);
      cells = cells.flatMap((c) => Object.entries(m).map(([level, v]) => ({ levels: [...c.levels, level], total: (c.total * v) / sum })));
    }
    result = postStratify(
      design.value,
      values,
      cells.filter((c) => c.total > 0),
    );
  } else {
    result = rake(
      design.value,
      values.map((c) => ({ name: c.name, values: c.values, targets: margins.margins[c.name] })),
      scale,
    );
  }
  if (!result.ok) return result;
  let weighted = result.value;
  const trim = settings.trim;
  if (!frequencies && trim && trims(settings)) {
    const mean = weighted.weights.reduce((s, w) => s + w, 0) / weighted.weights.length;
    const trimmed = trimWeights(weighted, {
      lower: trim.lower !== undefined ? trim.lower * mean : undefined,
      upper: trim.upper !== undefined ? trim.upper * mean : undefined,
    });
    if (!trimmed.ok) return trimmed;
    weighted = trimmed.value;
  }
  // Spread over all rows in their order; the unweightable ones weigh nothing.
  const all = new Float64Array(n);
  for (let k = 0; k < complete.length; k++) all[complete[k]] = weighted.weights[k];
  return ok({ weighted, all, unweightable: n - complete.length });
}

/**
 * Weights the respondents to the margins of `settings.questions` (post-stratification on their
 * joint cells, or raking on each margin), then trims them when asked (bounds are multiples of the
 * mean weight). Respondents who left a weighting question unanswered get weight 0 in the weighted
 * figures and are counted in `unweightable`.
 */
export function weightResponses(
  items: readonly Item[],
  responses: readonly ResultResponse[],
  margins: PopulationMargins | null,
  settings: WeightingSettings,
): Result<Weighting, WeightingProblem> {
  const ids = responses.map((r) => r.id);
  const plain = useDesignWeights(createPlainDesign(ids));
  const readers = weightingReaders(items, margins, settings);
  if (!readers.ok) return readers;
  if (!readers.value) return ok({ ids, plain, weighted: null, unweightable: 0 });
  const columns = readers.value.map((read) => responses.map((r) => read(r.answers)));
  const w = weightCategories(ids, columns, margins as PopulationMargins, settings);
  if (!w.ok) return w;
  return ok({ ids, plain, weighted: { ...w.value.weighted, weights: w.value.all }, unweightable: w.value.unweightable });
}

/** Whether weights are trimmed after weighting. */
export function trims(settings: WeightingSettings): boolean {
  return Boolean(settings.trim && (settings.trim.lower !== undefined || settings.trim.upper !== undefined));
}

/**
 * `weightResponses` for responses counted in groups of identical answers (see
 * `countAnswerGroups`): the weight of one respondent of each group (0 when unweightable), null
 * when results are not weighted. With `exact`, the groups stand for their respondents one by one,
 * in order, so groups in the order of their first response weigh to the last bit as the responses
 * one by one do (what a data file needs). Otherwise, unless weights are trimmed, each group is
 * weighted once with its count as design weight: the same weighting up to rounding in the last
 * bit, without a row per respondent (what a cross-tab needs).
 */
export function weightAnswerGroups(
  items: readonly Item[],
  groups: readonly { answers: Record<string, unknown>; count: number }[],
  margins: PopulationMargins | null,
  settings: WeightingSettings,
  opts: { exact?: boolean } = {},
): Result<Float64Array | null, WeightingProblem> {
  const readers = weightingReaders(items, margins, settings);
  if (!readers.ok) return readers;
  if (!readers.value) return ok(null);
  if (!opts.exact && !trims(settings)) {
    const counted = groups.filter((g) => g.count > 0);
    const columns = readers.value.map((read) => counted.map((g) => read(g.answers)));
    const w = weightCategories(
      counted.map((_, k) => String(k + 1)),
      columns,
      margins as PopulationMargins,
      settings,
      counted.map((g) => g.count),
    );
    if (!w.ok) return w;
    const each = new Map(counted.map((g, k) => [g, w.value.all[k] / g.count]));
    return ok(Float64Array.from(groups, (g) => each.get(g) ?? 0));
  }
  // Each group's categories are read once and repeated for its respondents.
  let n = 0;
  const first = groups.map((g) => ((n += g.count), n - g.count));
  const columns = readers.value.map((read) => {
    const col = new Array<string | null>(n);
    groups.forEach((g, k) => col.fill(read(g.answers), first[k], first[k] + g.count));
    return col;
  });
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  const w = weightCategories(ids, columns, margins as PopulationMargins, settings);
  if (!w.ok) return w;
  const all = w.value.all;
  return ok(Float64Array.from(groups, (g, k) => (g.count > 0 ? all[first[k]] : 0)));
}

/** Fewer respondents than this in a group and its figures are withheld from the public (and flagged for staff), so nobody can be singled out. */
export const SMALL_GROUP = 10;

/** Respondents in one category of a demographic question: the domain of results by group. */
export interface Group extends DomainInput {
  question: string;
  value: string;
  respondents: number;
}

/** Why a group cannot be shown: no such demographic question or category, or nobody in it. */
export type GroupProblem = { code: 'unknown_group' | 'empty_group'; message: string; question: string; value: string };

/**
 * The respondents whose answer to the demographic (single-choice) question `question` is `value`.
 * Refused, naming the question and category, when the question is not demographic, the category
 * is not one of its options, or no respondent is in it.
 */
export function groupOf(items: readonly Item[], responses: readonly ResultResponse[], question: string, value: string): Result<Group, GroupProblem> {
  const item = items.find((i) => i.id === question);
  const cats = item?.demographic ? categoriesOf(item) : null;
  const c = cats && !cats.multiple ? cats.values.indexOf(value) : -1;
  if (!cats || c < 0)
    return err({ code: 'unknown_group', message: `"${question}: ${value}" is not a category of a demographic question`, question, value });
  const indicator = Uint8Array.from(responses, (r) => (cats.read(r.answers)?.includes(c) ? 1 : 0));
  const respondents = indicator.reduce((s, x) => s + x, 0);
  if (respondents === 0) return err({ code: 'empty_group', message: `no respondent chose "${value}" for "${question}"`, question, value });
  return ok({ question, value, respondents, indicator, margin: question, category: value });
}

const NO_ESTIMATE: Estimate = { estimate: NaN, se: NaN };

/** The (domain) mean of y under one design: NaN when the domain has nobody in the design. */
function meanOf(wd: WeightedDesign, y: Float64Array, domain: DomainInput | null): Estimate {
  if (!domain) return estimateMean(wd, y);
  const got = estimateDomainMean(wd, y, domain);
  return got.ok ? { estimate: got.value.estimate, se: got.value.se } : NO_ESTIMATE;
}

/**
 * The estimates of one 0/1 (or numeric) variable under both designs; NaN marks a missing value.
 * In a group (domain), the weights stay those of the whole sample (src/math's domain estimation).
 */
function estimate(w: Weighting, y: Float64Array, domain: DomainInput | null = null): { unweighted: Estimate; weighted: Estimate | null } {
  const unweighted = meanOf(w.plain, y, domain);
  if (!w.weighted) return { unweighted, weighted: null };
  return { unweighted, weighted: weightedMean(w, y, domain) };
}

/** The weighted mean over the respondents with a weight, under the weighted design's variance rule. */
function weightedMean(w: Weighting, y: Float64Array, domain: DomainInput | null): Estimate {
  const wd = w.weighted as WeightedDesign;
  if (wd.design.n === y.length) return meanOf(wd, y, domain);
  // The design was built on the weightable respondents only: pick their values, in order.
  const picked = new Float64Array(wd.design.n);
  const inside = new Uint8Array(wd.design.n);
  let k = 0;
  for (let i = 0; i < y.length && k < picked.length; i++)
    if (wd.weights[i] > 0) {
      inside[k] = domain ? Number(domain.indicator[i]) : 1;
      picked[k++] = y[i];
    }
  return meanOf({ ...wd, weights: wd.weights.filter((x) => x > 0) }, picked, domain ? { ...domain, indicator: inside } : null);
}

/** A question's figures (or one matrix row's); in `group` only, when given (weights stay those of everyone). */
export function questionFigures(
  item: Item,
  responses: readonly ResultResponse[],
  w: Weighting,
  row?: string,
  group?: DomainInput | null,
): QuestionFigures {
  const cats = categoriesOf(item, row);
  const n = responses.length;
  const shares: ShareFigure[] = [];
  const domain = group ?? null;
  const inGroup = (i: number) => !domain || Boolean(domain.indicator[i]);
  let answered = 0;
  if (cats) {
    const read = responses.map((r, i) => (inGroup(i) ? cats.read(r.answers) : null));
    answered = read.filter((x) => x !== null).length;
    cats.values.forEach((value, c) => {
      const y = new Float64Array(n);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const got = read[i];
        y[i] = got === null ? NaN : got.includes(c) ? 1 : 0;
        if (got?.includes(c)) count++;
      }
      const e = answered > 0 ? estimate(w, y, domain) : { unweighted: NO_ESTIMATE, weighted: null };
      shares.push({ value, count, share: e.unweighted, weighted: e.weighted });
    });
  }
  let mean: QuestionFigures['mean'] = null;
  if (item.type === 'scale' || item.type === 'number' || item.type === 'year') {
    const y = Float64Array.from(responses, (r, i) => (inGroup(i) && typeof r.answers[item.id] === 'number' ? (r.answers[item.id] as number) : NaN));
    const count = y.filter((v) => !Number.isNaN(v)).length;
    if (!cats) answered = count;
    if (count > 0) mean = estimate(w, y, domain);
  }
  return { question: item.id, ...(row ? { row } : {}), answered, shares, mean };
}

/** One category of a demographic question set against the population. */
export interface RepresentativenessRow {
  value: string;
  respondents: number;
  /** Share among respondents who answered the question (0–1). */
  sampleShare: number;
  populationShare: number;
  /** sampleShare - populationShare. */
  gap: number;
}

/**
 * How far the respondents are from the population on each demographic question with a margin:
 * per category the respondents' share and the population's, and the question's total variation
 * distance (half the sum of absolute gaps, 0 = identical, 1 = disjoint).
 */
export function representativeness(
  items: readonly Item[],
  responses: readonly ResultResponse[],
  margins: PopulationMargins,
): { question: string; answered: number; distance: number; rows: RepresentativenessRow[] }[] {
  const out = [];
  for (const [question, margin] of Object.entries(margins.margins)) {
    const item = items.find((i) => i.id === question);
    const cats = item ? categoriesOf(item) : null;
    if (!cats) continue;
    const counts = new Map<string, number>();
    let answered = 0;
    for (const r of responses) {
      const got = cats.read(r.answers);
      if (!got || got.length === 0) continue;
      answered++;
      for (const c of got) counts.set(cats.values[c], (counts.get(cats.values[c]) ?? 0) + 1);
    }
    const population = Object.values(margin).reduce((s, v) => s + v, 0);
    // In the question's order (a stored margin's keys come back in the database's order).
    const ordered = cats.values.filter((v) => v in margin).map((v) => [v, margin[v]] as const);
    const rows = ordered.map(([value, figure]) => {
      const respondents = counts.get(value) ?? 0;
      const sampleShare = answered ? respondents / answered : 0;
      const populationShare = population ? figure / population : 0;
      return { value, respondents, sampleShare, populationShare, gap: sampleShare - populationShare };
    });
    out.push({ question, answered, distance: rows.reduce((s, r) => s + Math.abs(r.gap), 0) / 2, rows });
  }
  return out;
}

/**
 * A question (or matrix row) by a demographic question: counts, percentages, lift, chi-square and
 * small cells (src/math/crosstab.ts), weighted when `weights` are given. With `counts`, each
 * response stands for that many respondents (answer groups, see `countAnswerGroups`), and
 * `weights` are one respondent's weight.
 */
export function crossTab(
  item: Item,
  by: Item,
  responses: readonly { answers: Record<string, unknown> }[],
  opts: { weights?: Float64Array | null; counts?: ArrayLike<number> | null; row?: string } = {},
): Crosstab | null {
  const rows = categoriesOf(item, opts.row);
  const columns = categoriesOf(by);
  if (!rows || !columns || columns.multiple) return null;
  const answers = responses.map((r) => {
    const got = rows.read(r.answers);
    if (!got || got.length === 0) return -1;
    return rows.multiple ? got : got[0];
  });
  const groups = Int32Array.from(responses, (r) => {
    const got = columns.read(r.answers);
    return got && got.length === 1 ? got[0] : -1;
  });
  return crossTabulate({
    rows: rows.values,
    columns: columns.values,
    answers,
    groups,
    weights: opts.weights ?? null,
    frequencies: opts.counts ?? null,
  });
}
