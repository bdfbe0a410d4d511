import { validateAnswers } from '../core/answers.js';
import { OTHER_VALUE, type Answers, type FileAnswer, type Item } from '../core/items.js';

/**
 * The form's field names for a questionnaire's answers (what `QuestionnaireFields` renders and
 * `answersFromForm` reads), with `p` the prefix (default `q_`) and `<id>` the question id:
 * - `p<id>`: the answer (text, number, date, year, country, scale point, single choice — several
 *   values for a multiple choice; `_other` when "other" is chosen; new files of a file question);
 * - `p<id>.other`: the "other, please say" text;
 * - `p<id>.<row>`: a matrix row's column (several values when `multiple`);
 * - `p<id>.rank.<option>`: the rank (1..N, or empty) of a ranking's option;
 * - `p<id>.text`, `p<id>.lat`, `p<id>.lon`: a place's words and point;
 * - `p<id>.keep`: the upload ids of a file question's files kept from before.
 * Each field's element id is `field-<name>` (what error summaries and the map link to).
 */
export const DEFAULT_PREFIX = 'q_';

/** The form field name of a question's answer. */
export function answerName(id: string, prefix = DEFAULT_PREFIX): string {
  return `${prefix}${id}`;
}

/** Form values as a form sends them back: name -> value (or values). */
export type FormValues = Record<string, string | string[]>;

/** A form's reading interface (FormData, URLSearchParams). */
interface FormLike {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

const texts = (list: unknown[]): string[] => list.filter((v): v is string => typeof v === 'string');
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Reads a questionnaire's answers from a submitted form (names above) as raw answers for
 * `validateAnswers`: text as typed, choices, matrix rows, ranks per option, places. For a file
 * question it gives the files of `opts.previous` that the form keeps; new uploads (the `File`s
 * under `p<id>`) are for the caller to store through the platform's upload checks and append.
 */
export function answersFromForm(
  questionnaire: readonly Item[],
  form: FormLike,
  opts: { prefix?: string; previous?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of questionnaire) {
    const name = answerName(item.id, opts.prefix);
    switch (item.type) {
      case 'section':
      case 'page_break':
        break;
      case 'single_choice': {
        const value = text(form.get(name));
        const other = text(form.get(`${name}.other`)).trim();
        out[item.id] = value === OTHER_VALUE || (!value && other && item.allowOther) ? { value: OTHER_VALUE, other } : value;
        break;
      }
      case 'multiple_choice': {
        const values = texts(form.getAll(name));
        const other = text(form.get(`${name}.other`)).trim();
        out[item.id] =
          values.includes(OTHER_VALUE) || (other && item.allowOther)
            ? { values: values.filter((v) => v !== OTHER_VALUE).concat(OTHER_VALUE), other }
            : values;
        break;
      }
      case 'matrix': {
        const rows: Record<string, string | string[]> = {};
        for (const row of item.rows ?? [])
          rows[row.value] = item.multiple ? texts(form.getAll(`${name}.${row.value}`)) : text(form.get(`${name}.${row.value}`));
        out[item.id] = rows;
        break;
      }
      case 'ranking': {
        const ranks: Record<string, string> = {};
        for (const option of item.options) ranks[option.value] = text(form.get(`${name}.rank.${option.value}`));
        out[item.id] = ranks;
        break;
      }
      case 'place':
        out[item.id] = { text: text(form.get(`${name}.text`)), lat: text(form.get(`${name}.lat`)), lon: text(form.get(`${name}.lon`)) };
        break;
      case 'file': {
        const before = Array.isArray(opts.previous?.[item.id]) ? (opts.previous[item.id] as FileAnswer[]) : [];
        const keep = new Set(texts(form.getAll(`${name}.keep`)));
        out[item.id] = before.filter((f) => keep.has(f.uploadId));
        break;
      }
      default:
        out[item.id] = text(form.get(name));
    }
  }
  return out;
}

/** Form values (as `QuestionnaireFields` shows them) read back as a form would send them. */
export function searchParamsOf(values: FormValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params;
}

/** Saved answers as form values, so a form shows them (the inverse of answersFromForm, files aside). */
export function formValuesOf(questionnaire: readonly Item[], answers: Answers | Record<string, unknown>, prefix = DEFAULT_PREFIX): FormValues {
  const out: FormValues = {};
  for (const item of questionnaire) {
    const value = answers[item.id];
    if (value === undefined || value === null) continue;
    const name = answerName(item.id, prefix);
    if (typeof value === 'string' || typeof value === 'number') {
      out[name] = String(value);
      continue;
    }
    switch (item.type) {
      case 'single_choice':
      case 'multiple_choice': {
        const v = value as { values?: unknown; other?: unknown };
        if (Array.isArray(value)) out[name] = texts(value);
        else {
          out[name] = [...texts(Array.isArray(v.values) ? v.values : []).filter((x) => x !== OTHER_VALUE), OTHER_VALUE];
          out[`${name}.other`] = text(v.other);
        }
        break;
      }
      case 'matrix':
        for (const [row, cols] of Object.entries(value as Record<string, unknown>))
          out[`${name}.${row}`] = Array.isArray(cols) ? texts(cols) : text(cols);
        break;
      case 'ranking':
        if (Array.isArray(value)) value.forEach((option, i) => (out[`${name}.rank.${String(option)}`] = String(i + 1)));
        break;
      case 'place': {
        const p = value as { lat?: unknown; lon?: unknown; text?: unknown };
        if (typeof p.text === 'string') out[`${name}.text`] = p.text;
        if (typeof p.lat === 'number' && typeof p.lon === 'number') {
          out[`${name}.lat`] = String(p.lat);
          out[`${name}.lon`] = String(p.lon);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * The answers a form shows, checked as a draft: what display conditions read to decide which
 * questions to show (an answer refused as malformed counts as not given, as on the server).
 */
export function answersOfValues(questionnaire: readonly Item[], values: FormValues, prefix = DEFAULT_PREFIX): Answers {
  return validateAnswers(questionnaire, answersFromForm(questionnaire, searchParamsOf(values), { prefix }), 'draft').answers;
}
