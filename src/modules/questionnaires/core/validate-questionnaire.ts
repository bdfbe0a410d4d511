import type { z } from 'zod';
import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { fieldErrorsOf, fieldReasonsOf } from '../../../kernel/validation.js';
import { isQuestionType, itemSchema, MAX_ITEMS, MAX_SCALE_POINTS, OTHER_VALUE, type Item, type ItemType } from './items.js';

/** Why a questionnaire is refused: English texts and coded reasons, keyed `questions.<id>` (or `questions.<index>.<field>` for shape errors, `questions` for the whole). */
export interface QuestionnaireErrors {
  fields: FieldErrors;
  reasons: FieldReasons;
}

/** Which settings each type may carry (any item may carry id, type, label, help, required, demographic, showIf). */
const SETTINGS: Record<string, readonly ItemType[]> = {
  options: ['single_choice', 'multiple_choice', 'ranking'],
  display: ['single_choice'],
  allowOther: ['single_choice', 'multiple_choice'],
  minChoices: ['multiple_choice'],
  maxChoices: ['multiple_choice'],
  min: ['scale', 'number'],
  max: ['scale', 'number'],
  step: ['number'],
  integer: ['number'],
  minLabel: ['scale'],
  maxLabel: ['scale'],
  minDate: ['date'],
  maxDate: ['date'],
  rows: ['matrix'],
  columns: ['matrix'],
  multiple: ['matrix'],
  top: ['ranking'],
  maxLength: ['short_text', 'long_text', 'url'],
  minYear: ['year'],
  maxYear: ['year'],
  maxFiles: ['file'],
  body: ['section'],
};

/** Every setting some type of item may carry beyond those every item has. */
export const TYPE_SETTINGS: readonly string[] = Object.keys(SETTINGS);

/** The settings an item of this type may carry beyond those every item has (the editor shows these). */
export function settingsOf(type: ItemType): string[] {
  return Object.entries(SETTINGS)
    .filter(([, types]) => types.includes(type))
    .map(([setting]) => setting);
}

/** Whether an ISO year-month-day is a real calendar date. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Whether values repeat in a list of choices. */
function repeats(list: readonly { value: string }[] | undefined): boolean {
  const values = (list ?? []).map((c) => c.value);
  return new Set(values).size !== values.length;
}

/**
 * Checks an item the editor set beyond its shape: settings that fit its type, option counts,
 * ranges in order, unique values, conditions on earlier questions only. Reports the first problem.
 */
function checkItem(
  item: Item,
  index: number,
  earlier: Map<string, Item>,
  fail: (text: string, reason: string, values?: Record<string, number>) => void,
): void {
  for (const [setting, types] of Object.entries(SETTINGS)) {
    const value = (item as Record<string, unknown>)[setting];
    const set = Array.isArray(value) ? value.length > 0 : value !== undefined;
    if (set && !types.includes(item.type)) {
      if (setting === 'options') fail('only choice and ranking questions have options', 'options_not_allowed');
      else if (setting === 'maxFiles') fail('only file questions have a maximum number of files', 'setting_not_allowed');
      else fail(`a ${item.type} item has no ${setting}`, 'setting_not_allowed');
      return;
    }
  }
  if (isQuestionType(item.type) && !item.label) fail('a question needs a label', 'label_required');
  if (item.type === 'section' && !item.label && !item.body) fail('a section needs a title or a text', 'label_required');
  if (!isQuestionType(item.type) && (item.required || item.demographic)) fail('a section or page break takes no answer', 'setting_not_allowed');
  switch (item.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'ranking': {
      if (item.options.length < 2) fail('a choice question needs at least two options', 'options_too_few');
      if (repeats(item.options)) fail('two options have the same value', 'options_repeated');
      const n = item.options.length + (item.allowOther ? 1 : 0);
      if (item.minChoices !== undefined && item.maxChoices !== undefined && item.minChoices > item.maxChoices)
        fail('the minimum number of choices is above the maximum', 'range_reversed');
      if ((item.minChoices ?? 0) > n || (item.maxChoices ?? 0) > n) fail(`at most ${n} choices can be made`, 'choices_above_options', { max: n });
      if (item.top !== undefined && item.top > item.options.length)
        fail(`only ${item.options.length} options can be ranked`, 'top_above_options', { max: item.options.length });
      break;
    }
    case 'scale': {
      const min = item.min ?? 1;
      const max = item.max ?? 5;
      if (!Number.isInteger(min) || !Number.isInteger(max)) fail('a scale runs between whole numbers', 'scale_not_whole');
      else if (min >= max) fail('the start of the scale is not below its end', 'range_reversed');
      else if (max - min + 1 > MAX_SCALE_POINTS) fail(`a scale has at most ${MAX_SCALE_POINTS} points`, 'scale_too_long', { max: MAX_SCALE_POINTS });
      break;
    }
    case 'number':
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) fail('the minimum is above the maximum', 'range_reversed');
      if (item.integer && item.step !== undefined && !Number.isInteger(item.step)) fail('a whole number takes a whole step', 'step_not_whole');
      break;
    case 'date':
      if ((item.minDate && !isCalendarDate(item.minDate)) || (item.maxDate && !isCalendarDate(item.maxDate)))
        fail('a limit is not a date of the calendar', 'invalid_date');
      else if (item.minDate && item.maxDate && item.minDate > item.maxDate) fail('the first date is after the last date', 'range_reversed');
      break;
    case 'year':
      if (item.minYear !== undefined && item.maxYear !== undefined && item.minYear > item.maxYear)
        fail('the first year is after the last year', 'year_range_reversed');
      break;
    case 'matrix':
      if ((item.rows ?? []).length < 1) fail('a matrix needs at least one row', 'rows_too_few');
      if ((item.columns ?? []).length < 2) fail('a matrix needs at least two columns', 'columns_too_few');
      if (repeats(item.rows) || repeats(item.columns)) fail('two rows or two columns have the same value', 'options_repeated');
      break;
    default:
      break;
  }
  for (const [n, rule] of (item.showIf?.rules ?? []).entries()) {
    const target = earlier.get(rule.question);
    if (!target) {
      fail(`the condition refers to "${rule.question}", which is not a question before this one (item ${index + 1})`, 'condition_not_earlier', {
        rule: n,
      });
      return;
    }
    if (!isQuestionType(target.type)) {
      fail(`"${rule.question}" takes no answer, so no condition can look at it`, 'condition_not_question', { rule: n });
      return;
    }
    if ((rule.op === 'equals' || rule.op === 'not_equals' || rule.op === 'contains') && (rule.value === undefined || rule.value === '')) {
      fail(`the condition on "${rule.question}" needs a value to compare`, 'condition_value_missing', { rule: n });
      return;
    }
    const values =
      target.type === 'single_choice' || target.type === 'multiple_choice' || target.type === 'ranking' ? target.options.map((o) => o.value) : null;
    if (values && rule.value !== undefined && rule.op !== 'answered' && rule.op !== 'not_answered') {
      const allowed = target.allowOther ? [...values, OTHER_VALUE] : values;
      if (!allowed.includes(String(rule.value)))
        fail(`"${String(rule.value)}" is not an option of "${rule.question}"`, 'condition_value_invalid', { rule: n });
    }
  }
}

/**
 * Checks a questionnaire an editor built: the shape of each item (with `itemSchema`, which a
 * module may extend with its own settings, as the library's `mapsTo`), unique ids, settings that
 * fit each type (min ≤ max, at least two options, unique option/row/column values, top N within
 * the options, scales of 2..11 points), and display conditions that look only at EARLIER questions
 * (so there are no cycles). Errors are keyed `questions.<id>`, with coded reasons.
 */
export function validateQuestionnaire<T extends Item = Item>(
  input: unknown,
  opts: { itemSchema?: z.ZodType<T> } = {},
): Result<T[], QuestionnaireErrors> {
  const schema = (opts.itemSchema ?? itemSchema) as z.ZodType<T>;
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  const at = (k: string) => (k === '_' ? 'questions' : `questions.${k}`);
  if (!Array.isArray(input) || input.length > MAX_ITEMS) {
    return err({
      fields: { questions: `a list of at most ${MAX_ITEMS} items` },
      reasons: { questions: Array.isArray(input) ? { reason: 'too_many', values: { max: MAX_ITEMS } } : { reason: 'invalid' } },
    });
  }
  const items: T[] = [];
  input.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const key = (k: string) => at(k === '_' ? String(index) : `${index}.${k}`);
    for (const [k, v] of Object.entries(fieldErrorsOf(parsed.error))) if (!fields[key(k)]) fields[key(k)] = v;
    for (const [k, v] of Object.entries(fieldReasonsOf(parsed.error, raw))) if (!reasons[key(k)]) reasons[key(k)] = v;
  });
  if (Object.keys(fields).length) return err({ fields, reasons });
  const earlier = new Map<string, Item>();
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = `questions.${item.id}`;
    const fail = (text: string, reason: string, values?: Record<string, number>) => {
      if (fields[key]) return;
      fields[key] = text;
      reasons[key] = values ? { reason, values } : { reason };
    };
    if (seen.has(item.id)) fail('another question has the same id', 'in_use');
    seen.add(item.id);
    checkItem(item, index, earlier, fail);
    earlier.set(item.id, item);
  });
  return Object.keys(fields).length ? err({ fields, reasons }) : ok(items);
}
