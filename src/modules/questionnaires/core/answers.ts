import { readTypedNumber } from '../../../kernel/typed-number.js';
import { isCountryCode } from '../../../kernel/countries.js';
import type { FieldErrors, FieldReasons, Reason } from '../../../kernel/errors.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { conditionHolds, isBlankAnswer, pagesOf } from './conditions.js';
import {
  DEFAULT_LIMITS,
  isQuestionType,
  maxLengthOf,
  OTHER_VALUE,
  rankCount,
  scaleRange,
  type AnswerValue,
  type Answers,
  type FileAnswer,
  type Item,
  type PlaceAnswer,
} from './items.js';
import { isCalendarDate } from './validate-questionnaire.js';

/** Why an answer is refused: the English text (the API's) and its coded reason (for pages). */
export interface Refusal {
  text: string;
  reason: Reason;
}

/** What `validateAnswers` gives back: the cleaned answers, and per question id the English error and its coded reason. */
export interface AnswersCheck {
  answers: Answers;
  errors: FieldErrors;
  reasons: FieldReasons;
}

const refuse = (text: string, reason: string, values?: Reason['values']) => err<Refusal>({ text, reason: { reason, ...(values ? { values } : {}) } });

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A number typed as text (as people type them: kernel readTypedNumber) or given as a number; null when it is not one, or is ambiguous. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const read = readTypedNumber(value);
  return read.ok ? read.value : null;
}

/** Whether a typed number reads one way in English and another in other languages (`12,345`). */
function isAmbiguous(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const read = readTypedNumber(value);
  return !read.ok && read.reason === 'ambiguous_number';
}

/** The "other" text given with a choice: from `{ other }` or from the value itself. */
function otherText(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const other = (value as { other?: unknown }).other;
    return typeof other === 'string' ? other.trim() : '';
  }
  return '';
}

function checkOther(item: Item, text: string): Result<string, Refusal> {
  if (!item.allowOther) return refuse('this question has no "other" choice', 'invalid_choice');
  if (!text) return refuse('say what the other choice is', 'other_missing');
  if (text.length > DEFAULT_LIMITS.otherText)
    return refuse(`at most ${DEFAULT_LIMITS.otherText} characters`, 'too_long', { max: DEFAULT_LIMITS.otherText });
  return ok(text);
}

function checkText(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  if (typeof value !== 'string') return refuse('expected text', 'invalid');
  const text = value.trim();
  const max = maxLengthOf(item);
  if (text.length > max) return refuse(`at most ${max} characters (this has ${text.length})`, 'too_long', { max });
  if (item.type === 'url') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return refuse('a full web address starting with https://', 'invalid_url');
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname)
      return refuse('a full web address starting with https://', 'invalid_url');
  }
  return ok(text);
}

function checkSingle(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  const chosen = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { value?: unknown }).value : undefined;
  const other = otherText(value);
  if (chosen === OTHER_VALUE || (chosen === undefined && other)) {
    const checked = checkOther(item, other);
    return checked.ok ? ok({ other: checked.value }) : checked;
  }
  if (typeof chosen !== 'string') return refuse('choose one option', 'invalid_choice');
  if (!item.options.some((o) => o.value === chosen)) return refuse(`"${chosen}" is not one of the options`, 'invalid_choice');
  return ok(chosen);
}

function checkMultiple(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  let list: unknown = value;
  let other = '';
  if (typeof value === 'string') list = [value];
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    list = (value as { values?: unknown }).values ?? [];
    other = otherText(value);
  }
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) return refuse('choose options from the list', 'invalid_choice');
  const values = [...new Set(list as string[])];
  const wantsOther = values.includes(OTHER_VALUE) || other !== '';
  const plain = values.filter((v) => v !== OTHER_VALUE);
  const unknown = plain.filter((v) => !item.options.some((o) => o.value === v));
  if (unknown.length) return refuse(`"${unknown.join('", "')}" not among the options`, 'invalid_choice');
  let otherValue: string | null = null;
  if (wantsOther) {
    const checked = checkOther(item, other);
    if (!checked.ok) return checked;
    otherValue = checked.value;
  }
  const count = plain.length + (otherValue !== null ? 1 : 0);
  if (item.minChoices !== undefined && count < item.minChoices)
    return refuse(`choose at least ${item.minChoices}`, 'too_few_choices', { min: item.minChoices });
  if (item.maxChoices !== undefined && count > item.maxChoices)
    return refuse(`choose at most ${item.maxChoices}`, 'too_many_choices', { max: item.maxChoices });
  return ok(otherValue !== null ? { values: plain, other: otherValue } : plain);
}

function checkRange(n: number, min: number | undefined, max: number | undefined): Result<number, Refusal> {
  if (min !== undefined && max !== undefined && (n < min || n > max)) return refuse(`a number from ${min} to ${max}`, 'out_of_range', { min, max });
  if (min !== undefined && n < min) return refuse(`at least ${min}`, 'too_small', { min });
  if (max !== undefined && n > max) return refuse(`at most ${max}`, 'too_large', { max });
  return ok(n);
}

function checkScale(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  const n = toNumber(value);
  if (n === null) return refuse('choose a point of the scale', 'not_a_number');
  const { min, max } = scaleRange(item);
  if (!Number.isInteger(n) || n < min || n > max) return refuse(`a whole number from ${min} to ${max}`, 'out_of_range', { min, max });
  return ok(n);
}

function checkNumber(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  const n = toNumber(value);
  if (isAmbiguous(value)) return refuse('write thousands without a separator, such as 12345, or a decimal such as 12.5', 'ambiguous_number');
  if (n === null) return refuse('a number such as 12 or 3.5', 'not_a_number');
  if (item.integer && !Number.isInteger(n)) return refuse('a whole number', 'not_whole');
  const ranged = checkRange(n, item.min, item.max);
  if (!ranged.ok) return ranged;
  if (item.step !== undefined) {
    const steps = (n - (item.min ?? 0)) / item.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) return refuse(`a multiple of ${item.step}`, 'step_mismatch', { step: item.step });
  }
  return ok(n);
}

function checkDate(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!isCalendarDate(text)) return refuse('a date as year-month-day, such as 2026-03-31', 'not_a_date');
  if (item.minDate && text < item.minDate) return refuse(`on or after ${item.minDate}`, 'date_too_early', { min: item.minDate });
  if (item.maxDate && text > item.maxDate) return refuse(`on or before ${item.maxDate}`, 'date_too_late', { max: item.maxDate });
  return ok(text);
}

function checkYear(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return refuse('a year such as 2024', 'not_a_year');
  const min = item.minYear ?? DEFAULT_LIMITS.minYear;
  const max = item.maxYear ?? DEFAULT_LIMITS.maxYear;
  if (n < min || n > max) return refuse(`a year from ${min} to ${max}`, 'year_out_of_range', { min, max });
  return ok(n);
}

function checkCountry(value: unknown): Result<AnswerValue, Refusal> {
  if (typeof value !== 'string') return refuse('choose a country', 'invalid_choice');
  const code = value.trim().toUpperCase();
  if (!isCountryCode(code)) return refuse('an ISO 3166-1 alpha-2 country code such as BR', 'invalid_choice');
  return ok(code);
}

/** A matrix answer: row -> column (or columns); blank rows are left out; with `complete`, every row must be answered. */
function checkMatrix(item: Item, value: unknown, complete: boolean): Result<AnswerValue, Refusal> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return refuse('answer row by row', 'invalid');
  const rows = item.rows ?? [];
  const columns = new Set((item.columns ?? []).map((c) => c.value));
  const out: Record<string, string | string[]> = {};
  for (const [row, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!rows.some((r) => r.value === row)) return refuse(`"${row}" is not a row of this question`, 'invalid_choice');
    if (isBlankAnswer(raw)) continue;
    const list = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || !columns.has(v)))
      return refuse(`row "${row}": choose among the columns`, 'invalid_choice');
    const values = [...new Set(list as string[])];
    if (!item.multiple && values.length > 1) return refuse(`row "${row}": choose one column`, 'too_many_choices', { max: 1 });
    out[row] = item.multiple ? values : values[0];
  }
  const missing = rows.filter((r) => !(r.value in out)).length;
  if (complete && missing > 0) return refuse(`answer every row (${missing} left)`, 'matrix_incomplete', { count: missing });
  return ok(out);
}

/**
 * A ranking: option values in rank order, or an object option -> rank (what a form without
 * JavaScript gives: one rank per option). Ranks are 1..N without gaps or repeats; with `complete`,
 * exactly the number asked (all options, or the top N) must be ranked.
 */
function checkRanking(item: Item, value: unknown, complete: boolean): Result<AnswerValue, Refusal> {
  let order: string[];
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v !== 'string')) return refuse('rank options from the list', 'invalid_choice');
    order = value as string[];
    if (new Set(order).size !== order.length) return refuse('an option is ranked twice', 'ranking_repeated');
  } else if (value && typeof value === 'object') {
    const ranked: [string, number][] = [];
    for (const [option, raw] of Object.entries(value as Record<string, unknown>)) {
      if (isBlankAnswer(raw)) continue;
      const n = toNumber(raw);
      if (n === null || !Number.isInteger(n) || n < 1) return refuse('each rank is a whole number from 1', 'not_whole');
      ranked.push([option, n]);
    }
    ranked.sort((a, b) => a[1] - b[1]);
    if (new Set(ranked.map((r) => r[1])).size !== ranked.length) return refuse('two options have the same rank', 'ranking_repeated');
    if (ranked.some((r, i) => r[1] !== i + 1)) return refuse('ranks run 1, 2, 3… without gaps', 'ranking_gap');
    order = ranked.map((r) => r[0]);
  } else return refuse('rank options from the list', 'invalid_choice');
  const unknown = order.filter((v) => !item.options.some((o) => o.value === v));
  if (unknown.length) return refuse(`"${unknown.join('", "')}" not among the options`, 'invalid_choice');
  const count = rankCount(item);
  if (order.length > count) return refuse(`rank only ${count}`, 'too_many_choices', { max: count });
  if (complete && order.length < count) return refuse(`rank ${count} options`, 'ranking_incomplete', { count });
  return ok(order);
}

function checkFiles(item: Item, value: unknown): Result<AnswerValue, Refusal> {
  if (!Array.isArray(value)) return refuse('expected a list of uploaded files', 'invalid');
  const files: FileAnswer[] = [];
  for (const f of value) {
    const entry = f as Partial<FileAnswer> | null;
    if (!entry || typeof entry.uploadId !== 'string' || !UUID_RE.test(entry.uploadId))
      return refuse('each file must be an upload of this site', 'invalid');
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim().slice(0, 200) : 'file';
    files.push({ uploadId: entry.uploadId.toLowerCase(), name });
  }
  const max = item.maxFiles ?? DEFAULT_LIMITS.maxFiles;
  if (files.length > max) return refuse(`at most ${max} file${max === 1 ? '' : 's'}`, 'too_many', { max });
  return ok(files);
}

/** A place: a point (both coordinates, in range), words, or both. */
function checkPlace(value: unknown): Result<AnswerValue, Refusal> {
  if (typeof value === 'string') value = { text: value };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return refuse('a point on the map or a place name', 'invalid');
  const raw = value as Record<string, unknown>;
  const out: PlaceAnswer = {};
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (!blank(raw.lat) || !blank(raw.lon)) {
    if (blank(raw.lat) || blank(raw.lon)) return refuse('give both latitude and longitude, or neither', 'both_coordinates');
    const lat = toNumber(raw.lat);
    const lon = toNumber(raw.lon);
    if (lat === null || lat < -90 || lat > 90) return refuse('a latitude from -90 to 90', 'latitude_range');
    if (lon === null || lon < -180 || lon > 180) return refuse('a longitude from -180 to 180', 'longitude_range');
    out.lat = lat;
    out.lon = lon;
  }
  if (!blank(raw.text)) {
    if (typeof raw.text !== 'string') return refuse('a place name or address', 'invalid');
    const text = raw.text.trim();
    if (text.length > DEFAULT_LIMITS.placeText)
      return refuse(`at most ${DEFAULT_LIMITS.placeText} characters`, 'too_long', { max: DEFAULT_LIMITS.placeText });
    out.text = text;
  }
  return ok(out);
}

/** Checks one non-blank answer against its question: the cleaned value, or the reason it is refused. */
export function checkAnswer(item: Item, value: unknown, mode: 'draft' | 'submit' = 'submit'): Result<AnswerValue, Refusal> {
  const complete = mode === 'submit';
  switch (item.type) {
    case 'short_text':
    case 'long_text':
    case 'url':
      return checkText(item, value);
    case 'single_choice':
      return checkSingle(item, value);
    case 'multiple_choice':
      return checkMultiple(item, value);
    case 'scale':
      return checkScale(item, value);
    case 'number':
      return checkNumber(item, value);
    case 'date':
      return checkDate(item, value);
    case 'year':
      return checkYear(item, value);
    case 'country':
      return checkCountry(value);
    case 'matrix':
      return checkMatrix(item, value, complete && item.required);
    case 'ranking':
      return checkRanking(item, value, complete);
    case 'file':
      return checkFiles(item, value);
    case 'place':
      return checkPlace(value);
    case 'section':
    case 'page_break':
      return refuse('this item takes no answer', 'unknown_field');
  }
}

/**
 * Checks answers against a questionnaire, question by question in order, with each question's
 * display conditions applied to the answers accepted before it:
 * - answers to hidden questions are dropped (not refused); blank answers are dropped;
 * - a draft may leave questions unanswered, but what it answers must be well-formed; a submission
 *   must also answer every VISIBLE required question, rank as many options as asked and, for a
 *   required matrix, answer every row;
 * - `opts.page` checks only the items of that page (errors and answers of that page), still
 *   reading earlier answers in `input` for the conditions; a hidden page gives no answers.
 * Keys of `input` that are no question are refused (`unknown_field`). Errors are keyed by question id.
 */
export function validateAnswers(
  questionnaire: readonly Item[],
  input: unknown,
  mode: 'draft' | 'submit',
  opts: { page?: number } = {},
): AnswersCheck {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  const reasons: FieldReasons = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { answers, errors: { answers: 'expected an object of answers keyed by question id' }, reasons: { answers: { reason: 'invalid' } } };
  }
  const raw = input as Record<string, unknown>;
  const questions = new Map(questionnaire.filter((i) => isQuestionType(i.type)).map((i) => [i.id, i]));
  const refused = (id: string, text: string, reason: Reason) => {
    errors[id] = text;
    reasons[id] = reason;
  };
  const onPage = opts.page === undefined ? null : new Set((pagesOf(questionnaire)[opts.page]?.items ?? []).map((i) => i.id));
  if (!onPage)
    for (const id of Object.keys(raw)) if (!questions.has(id)) refused(id, 'not a question of this questionnaire', { reason: 'unknown_field' });
  // Accepted answers so far (whatever the page), which later conditions read.
  const seen: Answers = {};
  let pageShown = true;
  for (const item of questionnaire) {
    if (item.type === 'page_break') {
      pageShown = conditionHolds(item.showIf, seen);
      continue;
    }
    if (!pageShown || !conditionHolds(item.showIf, seen) || !isQuestionType(item.type)) continue;
    const reported = !onPage || onPage.has(item.id);
    const value = raw[item.id];
    if (isBlankAnswer(value)) {
      if (reported && mode === 'submit' && item.required) refused(item.id, 'this question needs an answer', { reason: 'required' });
      continue;
    }
    const checked = checkAnswer(item, value, mode);
    if (checked.ok) {
      seen[item.id] = checked.value;
      if (reported) answers[item.id] = checked.value;
    } else if (reported) refused(item.id, checked.error.text, checked.error.reason);
  }
  return { answers, errors, reasons };
}
