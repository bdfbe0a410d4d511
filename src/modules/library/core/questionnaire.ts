import { z } from 'zod';
import { isCountryCode } from '../../../kernel/countries.js';
import type { FieldErrors, FieldReasons, Reason } from '../../../kernel/errors.js';
import { pickText, type LocalizedText } from '../../../kernel/i18n.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { fieldErrorsOf, fieldReasonsOf, reasonOfIssue } from '../../../kernel/validation.js';
import { caseStudyInput, localized, type CaseStudyInput } from './schemas.js';
import { LEVELS, SECTORS, STAGES } from './vocabulary.js';

/** The kinds of question an editor can put in a call's questionnaire. */
export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'country', 'year', 'file', 'url'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Case-study fields a question can fill when an accepted submission becomes a case study. */
export const CASE_STUDY_TARGETS = [
  'title',
  'summary',
  'body',
  'country',
  'level',
  'sectors',
  'stage',
  'yearLaunched',
  'tags',
  'links',
  'images',
  'organisations',
] as const;
export type CaseStudyTarget = (typeof CASE_STUDY_TARGETS)[number];

/** Case-study fields without a default: a publishable questionnaire must fill each with a required question. */
export const REQUIRED_TARGETS: CaseStudyTarget[] = ['title', 'summary', 'body', 'country', 'level', 'sectors', 'stage', 'yearLaunched'];

/** Targets that take one value: only one question may fill each. */
const SINGLE_TARGETS = new Set<CaseStudyTarget>(['title', 'summary', 'country', 'level', 'stage', 'yearLaunched']);

/** Which question types may fill which case-study field. */
const TARGET_TYPES: Record<CaseStudyTarget, QuestionType[]> = {
  title: ['short_text'],
  summary: ['short_text', 'long_text'],
  body: ['short_text', 'long_text'],
  country: ['country'],
  level: ['single_choice'],
  sectors: ['single_choice', 'multiple_choice'],
  stage: ['single_choice'],
  yearLaunched: ['year'],
  tags: ['short_text', 'multiple_choice'],
  links: ['url'],
  images: ['file'],
  organisations: ['short_text', 'long_text'],
};

/** Choice targets whose option values must come from a controlled vocabulary. */
const TARGET_VOCABULARY: Partial<Record<CaseStudyTarget, readonly string[]>> = { level: LEVELS, sectors: SECTORS, stage: STAGES };

const CHOICE_TYPES = new Set<QuestionType>(['single_choice', 'multiple_choice']);
const TEXT_TYPES = new Set<QuestionType>(['short_text', 'long_text', 'url']);

/** Default limits when the editor sets none. */
export const DEFAULT_LIMITS = { shortText: 300, longText: 20_000, url: 2_000, minYear: 1900, maxYear: 2100, maxFiles: 1 } as const;

export const questionSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and underscores, starting with a letter'),
  type: z.enum(QUESTION_TYPES),
  label: localized(300),
  help: localized(1000).optional(),
  required: z.boolean().default(false),
  options: z
    .array(
      z.object({
        value: z
          .string()
          .trim()
          .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lowercase letters, digits, dashes and underscores'),
        label: localized(200),
      }),
    )
    .max(100)
    .default([]),
  maxLength: z.number().int().min(1).max(50_000).optional(),
  minYear: z.number().int().min(1000).max(3000).optional(),
  maxYear: z.number().int().min(1000).max(3000).optional(),
  maxFiles: z.number().int().min(1).max(20).optional(),
  mapsTo: z.enum(CASE_STUDY_TARGETS).optional(),
});
export type QuestionInput = z.input<typeof questionSchema>;
export type Question = z.output<typeof questionSchema>;

/** A questionnaire: its questions in order. */
export const questionnaireSchema = z.array(questionSchema).max(100);

/** An uploaded file given as an answer. */
export interface FileAnswer {
  uploadId: string;
  name: string;
}
/** One answer: text, a choice, several choices, a year, or files. */
export type AnswerValue = string | string[] | number | FileAnswer[];
/** Answers keyed by question id. */
export type Answers = Record<string, AnswerValue>;

/**
 * Checks a questionnaire an editor built: the shape of each question, unique ids and option
 * values, limits that fit the type, and mappings to case-study fields that fit the type. With
 * `complete`, every case-study field without a default must be filled by a required question, so
 * that any complete submission can become a case study. Errors are keyed `questions.<id>` (or
 * `questions.<index>.<field>` for shape errors) and `questions` for the whole.
 */
export function validateQuestionnaire(
  input: unknown,
  opts: { complete?: boolean } = {},
): Result<Question[], { fields: FieldErrors; reasons: FieldReasons }> {
  const parsed = questionnaireSchema.safeParse(input);
  if (!parsed.success) {
    const fields: FieldErrors = {};
    const reasons: FieldReasons = {};
    const at = (k: string) => (k === '_' ? 'questions' : `questions.${k}`);
    for (const [k, v] of Object.entries(fieldErrorsOf(parsed.error))) fields[at(k)] = v;
    for (const [k, v] of Object.entries(fieldReasonsOf(parsed.error, input))) reasons[at(k)] = v;
    return err({ fields, reasons });
  }
  const questions = parsed.data;
  const errors: FieldErrors = {};
  const reasons: FieldReasons = {};
  const refused = (key: string, text: string, reason: string) => {
    if (errors[key]) return;
    errors[key] = text;
    reasons[key] = { reason };
  };
  const seen = new Set<string>();
  const mapped = new Map<CaseStudyTarget, Question[]>();
  for (const q of questions) {
    const fail = (text: string, reason: string) => refused(`questions.${q.id}`, text, reason);
    if (seen.has(q.id)) fail('another question has the same id', 'in_use');
    seen.add(q.id);
    if (CHOICE_TYPES.has(q.type)) {
      if (q.options.length < 2) fail('a choice question needs at least two options', 'options_too_few');
      const values = q.options.map((o) => o.value);
      if (new Set(values).size !== values.length) fail('two options have the same value', 'options_repeated');
    } else if (q.options.length > 0) fail('only choice questions have options', 'options_not_allowed');
    if (q.maxLength !== undefined && !TEXT_TYPES.has(q.type))
      fail('only text and web-address questions have a maximum length', 'setting_not_allowed');
    if ((q.minYear !== undefined || q.maxYear !== undefined) && q.type !== 'year')
      fail('only year questions have a year range', 'setting_not_allowed');
    if (q.minYear !== undefined && q.maxYear !== undefined && q.minYear > q.maxYear)
      fail('the first year is after the last year', 'year_range_reversed');
    if (q.maxFiles !== undefined && q.type !== 'file') fail('only file questions have a maximum number of files', 'setting_not_allowed');
    if (q.mapsTo) {
      if (!TARGET_TYPES[q.mapsTo].includes(q.type)) fail(`a ${q.type} question cannot fill the case study's ${q.mapsTo}`, 'maps_to_wrong_type');
      const vocabulary = TARGET_VOCABULARY[q.mapsTo];
      const stray = vocabulary ? q.options.filter((o) => !vocabulary.includes(o.value)).map((o) => o.value) : [];
      if (stray.length) fail(`options ${stray.join(', ')} are not values of the case study's ${q.mapsTo}`, 'options_outside_vocabulary');
      mapped.set(q.mapsTo, [...(mapped.get(q.mapsTo) ?? []), q]);
    }
  }
  for (const [target, qs] of mapped) {
    if (SINGLE_TARGETS.has(target) && qs.length > 1)
      refused(`questions.${qs[1].id}`, `only one question can fill the case study's ${target}`, 'maps_to_taken');
  }
  if (opts.complete) {
    const missing = REQUIRED_TARGETS.filter((target) => !(mapped.get(target) ?? []).some((q) => q.required));
    if (missing.length) {
      errors.questions = `no required question fills the case study's ${missing.join(', ')}`;
      reasons.questions = { reason: 'case_study_unfilled' };
    }
  }
  return Object.keys(errors).length ? err({ fields: errors, reasons }) : ok(questions);
}

/** Whether an answer counts as not given. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why an answer is refused: the English text (the API's) and its coded reason (for pages). */
interface Refusal {
  text: string;
  reason: Reason;
}

const refuse = (text: string, reason: string, values?: Reason['values']) => err<Refusal>({ text, reason: { reason, ...(values ? { values } : {}) } });

/** Checks one non-blank answer against its question: the cleaned value, or the reason it is wrong. */
function checkAnswer(q: Question, value: unknown): Result<AnswerValue, Refusal> {
  switch (q.type) {
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return refuse('expected text', 'invalid');
      const text = value.trim();
      const max = q.maxLength ?? (q.type === 'short_text' ? DEFAULT_LIMITS.shortText : DEFAULT_LIMITS.longText);
      if (text.length > max) return refuse(`at most ${max} characters (this has ${text.length})`, 'too_long', { max });
      return ok(text);
    }
    case 'url': {
      if (typeof value !== 'string') return refuse('expected a web address', 'invalid_url');
      const text = value.trim();
      const max = q.maxLength ?? DEFAULT_LIMITS.url;
      if (text.length > max) return refuse(`at most ${max} characters`, 'too_long', { max });
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return refuse('a full web address starting with https://', 'invalid_url');
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('a full web address starting with https://', 'invalid_url');
      return ok(text);
    }
    case 'single_choice': {
      if (typeof value !== 'string') return refuse('choose one option', 'invalid_choice');
      if (!q.options.some((o) => o.value === value)) return refuse(`"${value}" is not one of the options`, 'invalid_choice');
      return ok(value);
    }
    case 'multiple_choice': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) return refuse('choose options from the list', 'invalid_choice');
      const unknown = (list as string[]).filter((v) => !q.options.some((o) => o.value === v));
      if (unknown.length) return refuse(`"${unknown.join('", "')}" not among the options`, 'invalid_choice');
      return ok([...new Set(list as string[])]);
    }
    case 'country': {
      if (typeof value !== 'string') return refuse('choose a country', 'invalid_choice');
      const code = value.trim().toUpperCase();
      if (!isCountryCode(code)) return refuse('an ISO 3166-1 alpha-2 country code such as BR', 'invalid_choice');
      return ok(code);
    }
    case 'year': {
      const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return refuse('a year such as 2024', 'not_a_year');
      const min = q.minYear ?? DEFAULT_LIMITS.minYear;
      const max = q.maxYear ?? DEFAULT_LIMITS.maxYear;
      if (n < min || n > max) return refuse(`a year from ${min} to ${max}`, 'year_out_of_range', { min, max });
      return ok(n);
    }
    case 'file': {
      if (!Array.isArray(value)) return refuse('expected a list of uploaded files', 'invalid');
      const files: FileAnswer[] = [];
      for (const f of value) {
        const item = f as Partial<FileAnswer> | null;
        if (!item || typeof item.uploadId !== 'string' || !UUID_RE.test(item.uploadId))
          return refuse('each file must be an upload of this site', 'invalid');
        const name = typeof item.name === 'string' && item.name.trim() ? item.name.trim().slice(0, 200) : 'file';
        files.push({ uploadId: item.uploadId.toLowerCase(), name });
      }
      const max = q.maxFiles ?? DEFAULT_LIMITS.maxFiles;
      if (files.length > max) return refuse(`at most ${max} file${max === 1 ? '' : 's'}`, 'too_many', { max });
      return ok(files);
    }
  }
}

/**
 * Checks answers against a questionnaire. Every error is keyed by the question id with its
 * reason. A draft may leave questions unanswered but what it answers must be well-formed; a
 * submission must also answer every required question. Blank answers are dropped.
 */
export function validateAnswers(
  questions: Question[],
  input: unknown,
  mode: 'draft' | 'submit',
): { answers: Answers; errors: FieldErrors; reasons: FieldReasons } {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  const reasons: FieldReasons = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { answers, errors: { answers: 'expected an object of answers keyed by question id' }, reasons: { answers: { reason: 'invalid' } } };
  }
  const raw = input as Record<string, unknown>;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const refused = (id: string, text: string, reason: Reason) => {
    errors[id] = text;
    reasons[id] = reason;
  };
  for (const id of Object.keys(raw)) if (!byId.has(id)) refused(id, 'not a question of this call', { reason: 'unknown_field' });
  for (const q of questions) {
    const value = raw[q.id];
    if (isBlank(value)) {
      if (mode === 'submit' && q.required) refused(q.id, 'this question needs an answer', { reason: 'required' });
      continue;
    }
    const checked = checkAnswer(q, value);
    if (checked.ok) answers[q.id] = checked.value;
    else refused(q.id, checked.error.text, checked.error.reason);
  }
  return { answers, errors, reasons };
}

function asText(value: AnswerValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Turns the answers of an accepted submission into a case study (published, written in
 * `locale`), following each question's `mapsTo`. Several questions may fill the body (each under
 * its label as a heading), tags, links, images, organisations and sectors. The result is checked
 * with the case-study schema; each problem is keyed by the question that fills the field, or by
 * `caseStudy.<field>` when no question does.
 */
export function mapAnswersToCaseStudy(
  questions: Question[],
  answers: Answers,
  opts: { locale: string },
): Result<CaseStudyInput, { fields: FieldErrors; reasons: FieldReasons }> {
  const { locale } = opts;
  const text = (t: string): LocalizedText => ({ [locale]: t });
  const out: Record<string, unknown> = { status: 'published', originalLocale: locale };
  const sourceOf = new Map<string, string>();
  const bodyParts: { label: string; text: string }[] = [];
  const push = (key: string, items: unknown[]) => {
    out[key] = [...((out[key] as unknown[] | undefined) ?? []), ...items];
  };
  for (const q of questions) {
    if (!q.mapsTo) continue;
    if (!sourceOf.has(q.mapsTo)) sourceOf.set(q.mapsTo, q.id);
    const value = answers[q.id];
    if (value === undefined) continue;
    const label = pickText(q.label, locale, locale).text;
    switch (q.mapsTo) {
      case 'title':
      case 'summary': {
        const t = asText(value);
        if (t) out[q.mapsTo] = text(t);
        break;
      }
      case 'body': {
        const t = asText(value);
        if (t) bodyParts.push({ label, text: t });
        break;
      }
      case 'country':
      case 'level':
      case 'stage':
        out[q.mapsTo] = value;
        break;
      case 'yearLaunched':
        out.yearLaunched = value;
        break;
      case 'sectors':
        push('sectors', Array.isArray(value) ? value : [value]);
        out.sectors = [...new Set(out.sectors as string[])];
        break;
      case 'tags':
        push('tags', Array.isArray(value) ? value : String(value).split(/[,;\n]/));
        out.tags = [...new Set((out.tags as string[]).map((s) => s.trim().toLowerCase()).filter(Boolean))];
        break;
      case 'links':
        push('links', [{ title: label, url: value }]);
        break;
      case 'images':
        push(
          'images',
          (value as FileAnswer[]).map((f) => ({ uploadId: f.uploadId, alt: f.name })),
        );
        break;
      case 'organisations':
        push(
          'organisations',
          String(value)
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((name) => ({ name })),
        );
        break;
    }
  }
  if (bodyParts.length === 1) out.body = text(bodyParts[0].text);
  else if (bodyParts.length > 1) out.body = text(bodyParts.map((p) => `## ${p.label}\n\n${p.text}`).join('\n\n'));
  const parsed = caseStudyInput.safeParse(out);
  if (parsed.success) return ok(out as CaseStudyInput);
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  for (const issue of parsed.error.issues) {
    const target = String(issue.path[0] ?? '_');
    const key = sourceOf.get(target) ?? `caseStudy.${target}`;
    if (fields[key]) continue;
    const missing = out[target] === undefined;
    fields[key] = missing ? `the case study's ${target} is missing` : issue.message;
    reasons[key] = missing ? { reason: 'required' } : reasonOfIssue(issue, out);
  }
  return err({ fields, reasons });
}

/**
 * The title a submission gives itself: the answer to the question that fills the case study's
 * title, or null when there is none (yet). Lists and mails name a submission by it.
 */
export function submissionTitle(questions: Question[], answers: Answers): string | null {
  for (const q of questions) {
    if (q.mapsTo !== 'title') continue;
    const value = answers[q.id];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}
