import { z } from 'zod';
import { localizedText } from '../../../kernel/validation.js';

/**
 * The kinds of item a questionnaire holds. Every kind but `section` and `page_break` asks a
 * question and takes an answer. `country`, `year` and `url` are the library's first kinds, kept.
 */
export const ITEM_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'scale',
  'number',
  'date',
  'matrix',
  'ranking',
  'file',
  'place',
  'country',
  'year',
  'url',
  'section',
  'page_break',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Item kinds that show text only and take no answer. */
export const DISPLAY_TYPES: readonly ItemType[] = ['section', 'page_break'];

/** Whether an item of this kind takes an answer. */
export function isQuestionType(type: ItemType): boolean {
  return !DISPLAY_TYPES.includes(type);
}

// Kept in a file without zod, so browser scripts (the live display conditions) can use them.
export { OTHER_VALUE, readChoices } from './choices.js';

/** Default limits when the editor sets none. */
export const DEFAULT_LIMITS = {
  shortText: 300,
  longText: 20_000,
  url: 2_000,
  placeText: 500,
  otherText: 300,
  minYear: 1900,
  maxYear: 2100,
  maxFiles: 1,
  scaleMin: 1,
  scaleMax: 5,
} as const;

/** The widest linear scale: 0..10 has eleven points. */
export const MAX_SCALE_POINTS = 11;

/** A stable code: lowercase letters, digits and underscores, starting with a letter (export variable names). */
const codeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and underscores, starting with a letter');

/** An option of a choice or ranking question, a row or a column of a matrix: a stored value and its words. */
export const choiceSchema = z.object({
  value: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lowercase letters, digits, dashes and underscores'),
  label: localizedText(200),
});
export type Choice = z.output<typeof choiceSchema>;

/** How a condition compares an earlier answer. */
export const CONDITION_OPS = ['answered', 'not_answered', 'equals', 'not_equals', 'contains'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * When an item is shown: all (or any) of its rules hold. Each rule looks at the answer of an
 * EARLIER question (`validateQuestionnaire` refuses forward references, so there are no cycles).
 */
export const conditionSchema = z.object({
  combine: z.enum(['all', 'any']).default('all'),
  rules: z
    .array(
      z.object({
        question: codeSchema,
        op: z.enum(CONDITION_OPS),
        value: z.union([z.string().trim().max(200), z.number()]).optional(),
      }),
    )
    .min(1)
    .max(20),
});
export type Condition = z.output<typeof conditionSchema>;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as year-month-day');

/**
 * One item of a questionnaire. The shape is flat: one object whose settings apply by type
 * (`validateQuestionnaire` refuses a setting on a type it does not fit), so the library's first
 * questionnaires are valid as they are. Settings by type:
 * - short_text, long_text, url: `maxLength`;
 * - single_choice: `options`, `display` ('radio' or 'list'), `allowOther`;
 * - multiple_choice: `options`, `minChoices`, `maxChoices`, `allowOther`;
 * - scale: `min`, `max` (whole numbers, at most 11 points, default 1..5), `minLabel`, `maxLabel`;
 * - number: `min`, `max`, `step` (counted from `min`, or from 0), `integer`;
 * - date: `minDate`, `maxDate` (ISO year-month-day);
 * - matrix: `rows`, `columns`, `multiple` (several columns per row);
 * - ranking: `options`, `top` (rank only the first N; default: all);
 * - file: `maxFiles`; year: `minYear`, `maxYear`; place and country: none;
 * - section: `label` (its title) and `body`; page_break: an optional `label` (the page's title).
 * Any item may carry `showIf`; a page_break's condition skips its whole page.
 */
export const itemSchema = z.object({
  id: codeSchema,
  type: z.enum(ITEM_TYPES),
  label: localizedText(300).optional(),
  help: localizedText(1000).optional(),
  body: localizedText(5000).optional(),
  required: z.boolean().default(false),
  demographic: z.boolean().optional(),
  options: z.array(choiceSchema).max(100).default([]),
  display: z.enum(['radio', 'list']).optional(),
  allowOther: z.boolean().optional(),
  minChoices: z.number().int().min(0).max(100).optional(),
  maxChoices: z.number().int().min(1).max(100).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  step: z.number().positive().finite().optional(),
  integer: z.boolean().optional(),
  minLabel: localizedText(200).optional(),
  maxLabel: localizedText(200).optional(),
  minDate: isoDate.optional(),
  maxDate: isoDate.optional(),
  rows: z.array(choiceSchema).max(50).optional(),
  columns: z.array(choiceSchema).max(20).optional(),
  multiple: z.boolean().optional(),
  top: z.number().int().min(1).max(100).optional(),
  maxLength: z.number().int().min(1).max(50_000).optional(),
  minYear: z.number().int().min(1000).max(3000).optional(),
  maxYear: z.number().int().min(1000).max(3000).optional(),
  maxFiles: z.number().int().min(1).max(20).optional(),
  showIf: conditionSchema.optional(),
});
/** An item as editors write it. */
export type ItemInput = z.input<typeof itemSchema>;
/** An item as stored (defaults applied). */
export type Item = z.output<typeof itemSchema>;
/** A questionnaire: its items in order (questions, sections and page breaks). */
export type Questionnaire = readonly Item[];

/** The most items a questionnaire holds. */
export const MAX_ITEMS = 300;

// ---------------------------------------------------------------------------------------------
// Answers. They stay JSON; each type's cleaned shape (what `validateAnswers` returns and stores):
// ---------------------------------------------------------------------------------------------

/** An uploaded file given as an answer (the platform's upload checks ran when it was stored). */
export interface FileAnswer {
  uploadId: string;
  name: string;
}

/** A single choice answered "other, please say". */
export interface OtherChoice {
  other: string;
}

/** A multiple choice whose choices include "other, please say". */
export interface ChoicesWithOther {
  values: string[];
  other: string;
}

/** A place: a point on the map, words (a place name or address), or both. */
export interface PlaceAnswer {
  lat?: number;
  lon?: number;
  text?: string;
}

/**
 * One cleaned answer, by type:
 * - short_text, long_text, url: the trimmed text (string);
 * - country: an ISO 3166-1 alpha-2 code (string, upper case);
 * - single_choice: the option value (string), or `{ other: text }`;
 * - multiple_choice: option values (string[]), or `{ values, other }` when "other" was chosen;
 * - scale, number, year: a number;
 * - date: 'YYYY-MM-DD';
 * - matrix: row value -> column value (one per row) or column values (`multiple`), answered rows only;
 * - ranking: option values in rank order, first = rank 1 (all options, or the top N);
 * - file: FileAnswer[];
 * - place: PlaceAnswer.
 */
export type AnswerValue =
  string | number | string[] | OtherChoice | ChoicesWithOther | Record<string, string | string[]> | FileAnswer[] | PlaceAnswer;

/** Answers keyed by question id. */
export type Answers = Record<string, AnswerValue>;

/** The range of a scale, with defaults. */
export function scaleRange(item: Pick<Item, 'min' | 'max'>): { min: number; max: number } {
  return { min: item.min ?? DEFAULT_LIMITS.scaleMin, max: item.max ?? DEFAULT_LIMITS.scaleMax };
}

/** How many options a ranking asks to rank: the top N, or all of them. */
export function rankCount(item: Pick<Item, 'options' | 'top'>): number {
  return Math.min(item.top ?? item.options.length, item.options.length);
}

/** The maximum length of a text answer, with defaults. */
export function maxLengthOf(item: Pick<Item, 'type' | 'maxLength'>): number {
  if (item.maxLength !== undefined) return item.maxLength;
  if (item.type === 'long_text') return DEFAULT_LIMITS.longText;
  if (item.type === 'url') return DEFAULT_LIMITS.url;
  return DEFAULT_LIMITS.shortText;
}
