import { z } from 'zod';
import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import { pickText, type LocalizedText } from '../../../kernel/i18n.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { reasonOfIssue } from '../../../kernel/validation.js';
import {
  itemSchema,
  MAX_ITEMS,
  readChoices,
  validateAnswers as checkAnswers,
  validateQuestionnaire as checkQuestionnaire,
  type AnswersCheck,
  type AnswerValue,
  type Answers,
  type FileAnswer,
  type ItemType,
} from '../../questionnaires/index.js';
import { caseStudyInput, type CaseStudyInput } from './schemas.js';
import { LEVELS, SECTORS, STAGES } from './vocabulary.js';

export type { AnswerValue, Answers, FileAnswer } from '../../questionnaires/index.js';

/**
 * The kinds of question the call editor's form offers (the questionnaire engine's first kinds).
 * Calls written through the API may use every kind of the engine.
 */
export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'country', 'year', 'file', 'url'] as const;
export type QuestionType = ItemType;

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
const TARGET_TYPES: Record<CaseStudyTarget, ItemType[]> = {
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

/** A call's question: an item of the questionnaire engine, with the case-study field it may fill. */
export const questionSchema = itemSchema.extend({ mapsTo: z.enum(CASE_STUDY_TARGETS).optional() });
export type QuestionInput = z.input<typeof questionSchema>;
export type Question = z.output<typeof questionSchema>;

/** A call's questionnaire: its items in order. */
export const questionnaireSchema = z.array(questionSchema).max(MAX_ITEMS);

/**
 * Checks a questionnaire an editor built: every rule of the questionnaire engine (shapes, ids,
 * settings by type, conditions), then the mappings to case-study fields: the type fits, choice
 * values come from the field's vocabulary, a single-valued field is filled once. With `complete`,
 * every case-study field without a default must be filled by a required question, so that any
 * complete submission can become a case study. Errors are keyed `questions.<id>` (or
 * `questions.<index>.<field>` for shape errors) and `questions` for the whole.
 */
export function validateQuestionnaire(
  input: unknown,
  opts: { complete?: boolean } = {},
): Result<Question[], { fields: FieldErrors; reasons: FieldReasons }> {
  const checked = checkQuestionnaire(input, { itemSchema: questionSchema });
  // Shape errors first; past them, the engine's refusals and the mappings' are reported together.
  const parsed = questionnaireSchema.safeParse(input);
  if (!parsed.success) return checked;
  const questions = parsed.data;
  const errors: FieldErrors = checked.ok ? {} : { ...checked.error.fields };
  const reasons: FieldReasons = checked.ok ? {} : { ...checked.error.reasons };
  const refused = (key: string, text: string, reason: string) => {
    if (errors[key]) return;
    errors[key] = text;
    reasons[key] = { reason };
  };
  const mapped = new Map<CaseStudyTarget, Question[]>();
  for (const q of questions) {
    if (!q.mapsTo) continue;
    const fail = (text: string, reason: string) => refused(`questions.${q.id}`, text, reason);
    if (!TARGET_TYPES[q.mapsTo].includes(q.type)) fail(`a ${q.type} question cannot fill the case study's ${q.mapsTo}`, 'maps_to_wrong_type');
    const vocabulary = TARGET_VOCABULARY[q.mapsTo];
    const stray = vocabulary ? q.options.filter((o) => !vocabulary.includes(o.value)).map((o) => o.value) : [];
    if (stray.length) fail(`options ${stray.join(', ')} are not values of the case study's ${q.mapsTo}`, 'options_outside_vocabulary');
    if (q.allowOther && vocabulary) fail(`an "other" answer is not a value of the case study's ${q.mapsTo}`, 'options_outside_vocabulary');
    mapped.set(q.mapsTo, [...(mapped.get(q.mapsTo) ?? []), q]);
  }
  for (const [target, qs] of mapped) {
    if (SINGLE_TARGETS.has(target) && qs.length > 1)
      refused(`questions.${qs[1].id}`, `only one question can fill the case study's ${target}`, 'maps_to_taken');
  }
  if (opts.complete) {
    const missing = REQUIRED_TARGETS.filter((target) => !(mapped.get(target) ?? []).some((q) => q.required && !q.showIf));
    if (missing.length) {
      errors.questions = `no required question fills the case study's ${missing.join(', ')}`;
      reasons.questions = { reason: 'case_study_unfilled' };
    }
  }
  return Object.keys(errors).length ? err({ fields: errors, reasons }) : ok(questions);
}

/**
 * Checks answers to a call's questionnaire with the questionnaire engine (see its
 * `validateAnswers`): errors keyed by question id with coded reasons; a draft may be incomplete,
 * a submission must answer every visible required question; blank answers are dropped.
 */
export function validateAnswers(questions: Question[], input: unknown, mode: 'draft' | 'submit'): AnswersCheck {
  return checkAnswers(questions, input, mode);
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
        push('sectors', readChoices(value).values);
        out.sectors = [...new Set(out.sectors as string[])];
        break;
      case 'tags':
        if (typeof value === 'string') push('tags', value.split(/[,;\n]/));
        else {
          // A multiple choice, whose "other, please say" text is one more tag.
          const { values, other } = readChoices(value);
          push('tags', other ? [...values, other] : values);
        }
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
