import type { LocalizedText } from '../../../kernel/i18n.js';
import { readTypedNumber } from '../../../kernel/typed-number.js';
import { formText } from '../../../web/kit/actions.js';
import { CONDITION_OPS, isQuestionType, type Choice, type ConditionOp, type Item, type ItemInput, type ItemType } from '../core/items.js';
import { settingsOf } from '../core/validate-questionnaire.js';

/**
 * The editor of one questionnaire item, as a plain form (it works without JavaScript). Texts are
 * written in one language at a time (the page's): saving a text in that language keeps the item's
 * texts in the others. Field names:
 * - `id`, `type`, `label`, `help`, `required`, `demographic`: every item (the last three: questions);
 * - the settings of the item's type (settingsOf): numbers and dates typed as text, `display` a
 *   select, `allowOther`/`integer`/`multiple` checkboxes, `options`/`rows`/`columns` one per line as
 *   `code | words`, `body`, `minLabel`, `maxLabel` texts;
 * - the display condition: `combine` (all/any) and rules `rule.<n>.question`, `rule.<n>.op`,
 *   `rule.<n>.value`; a rule with no question is no rule.
 */

/** Settings the editor reads as numbers. */
export const NUMBER_SETTINGS = new Set(['minChoices', 'maxChoices', 'min', 'max', 'step', 'top', 'maxLength', 'minYear', 'maxYear', 'maxFiles']);
/** Settings that are a ticked box. */
export const BOOLEAN_SETTINGS = new Set(['allowOther', 'integer', 'multiple']);
/** Settings whose text is in a language. */
const TEXT_SETTINGS = new Set(['body', 'minLabel', 'maxLabel']);
/** Settings that are lists of choices. */
export const LIST_SETTINGS = new Set(['options', 'rows', 'columns']);

/** How many empty condition rules the editor offers beyond those an item has. */
export const SPARE_RULES = 2;

/** The most rules a condition has (conditionSchema). */
export const MAX_RULES = 20;

/** A form's reading interface (FormData, URLSearchParams). */
interface FormLike {
  get(name: string): unknown;
}

/** Sets the text of one language, keeping the others (an empty text removes that language); undefined when none is left. */
export function withLanguage(text: LocalizedText | undefined, lang: string, value: string): LocalizedText | undefined {
  const out = { ...(text ?? {}) };
  if (value) out[lang] = value;
  else delete out[lang];
  return Object.keys(out).length ? out : undefined;
}

/** A typed number, or the text as typed when it is not one (the item's check then names the field), or undefined when empty. */
function numberOf(text: string): number | string | undefined {
  if (!text) return undefined;
  const read = readTypedNumber(text);
  return read.ok ? read.value : text;
}

/** A code for a choice written without one: its words when they make a code, else its position. */
function codeFor(words: string, index: number, taken: Set<string>): string {
  const slug = words
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  let code = /^[a-z0-9]/.test(slug) ? slug : `o${index + 1}`;
  for (let n = 2; taken.has(code); n++) code = `${slug || 'o'}_${n}`;
  return code;
}

/**
 * Choices from `code | words` lines, the words in `lang`, keeping the words of other languages of
 * the choices that were there before (matched by code). A line without `|` is words only: its code
 * is made from them (or from its position).
 */
export function choicesFromLines(text: string, lang: string, before: readonly Choice[] | undefined): NonNullable<ItemInput['options']> {
  const taken = new Set<string>();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const bar = line.indexOf('|');
      const words = (bar >= 0 ? line.slice(bar + 1) : line).trim();
      const value = bar >= 0 ? line.slice(0, bar).trim() : codeFor(words, index, taken);
      taken.add(value);
      const old = before?.find((c) => c.value === value);
      return { value, label: withLanguage(old?.label, lang, words) ?? { [lang]: value } };
    });
}

/** Choices as the editor shows them: `code | words` lines, the words in `lang` (empty when not written in it). */
export function linesOfChoices(choices: readonly Choice[] | undefined, lang: string): string {
  return (choices ?? []).map((c) => `${c.value} | ${c.label[lang] ?? ''}`.trimEnd()).join('\n');
}

/**
 * The item an editor's form describes, texts in `lang`. Settings that do not fit the chosen type
 * are left out (so changing an item's type drops them); the texts of other languages are kept
 * from `before`.
 */
export function itemFromEditorForm(form: FormLike, lang: string, before?: Item): ItemInput {
  const type = formText(form, 'type') as ItemType;
  const asks = isQuestionType(type);
  const kept = before && before.type === type ? before : undefined;
  const item: Record<string, unknown> = {
    id: formText(form, 'id'),
    type,
    label: withLanguage(before?.label, lang, formText(form, 'label')),
    help: withLanguage(before?.help, lang, formText(form, 'help')),
    required: asks && form.get('required') === 'on',
    demographic: asks && form.get('demographic') === 'on' ? true : undefined,
  };
  for (const setting of settingsOf(type)) {
    const typed = formText(form, setting);
    if (NUMBER_SETTINGS.has(setting)) item[setting] = numberOf(typed);
    else if (BOOLEAN_SETTINGS.has(setting)) item[setting] = form.get(setting) === 'on' ? true : undefined;
    else if (TEXT_SETTINGS.has(setting)) item[setting] = withLanguage(kept?.[setting as 'body'], lang, typed);
    else if (LIST_SETTINGS.has(setting)) item[setting] = choicesFromLines(typed, lang, kept?.[setting as 'options']);
    else item[setting] = typed || undefined;
  }
  const rules: { question: string; op: ConditionOp; value?: string }[] = [];
  for (let n = 0; n < MAX_RULES + SPARE_RULES; n++) {
    const question = formText(form, `rule.${n}.question`);
    if (!question) continue;
    const op = formText(form, `rule.${n}.op`) as ConditionOp;
    const value = formText(form, `rule.${n}.value`);
    rules.push({ question, op, ...(value && op !== 'answered' && op !== 'not_answered' ? { value } : {}) });
  }
  if (rules.length) item.showIf = { combine: formText(form, 'combine') === 'any' ? 'any' : 'all', rules };
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as ItemInput;
}

/** The editor's form values of an item (texts in `lang`), or of a new item of a type. */
export function editorValuesOf(item: Item | null, type: ItemType, lang: string): Record<string, string> {
  const out: Record<string, string> = { type, id: item?.id ?? '', label: item?.label?.[lang] ?? '', help: item?.help?.[lang] ?? '' };
  if (item?.required) out.required = 'on';
  if (item?.demographic) out.demographic = 'on';
  for (const setting of settingsOf(type)) {
    const value = (item as Record<string, unknown> | null)?.[setting];
    if (value === undefined) continue;
    if (BOOLEAN_SETTINGS.has(setting)) {
      if (value) out[setting] = 'on';
    } else if (TEXT_SETTINGS.has(setting)) out[setting] = (value as LocalizedText)[lang] ?? '';
    else if (LIST_SETTINGS.has(setting)) out[setting] = linesOfChoices(value as Choice[], lang);
    else out[setting] = String(value);
  }
  if (item?.showIf) {
    out.combine = item.showIf.combine;
    item.showIf.rules.forEach((r, n) => {
      out[`rule.${n}.question`] = r.question;
      out[`rule.${n}.op`] = r.op;
      out[`rule.${n}.value`] = r.value === undefined ? '' : String(r.value);
    });
  }
  return out;
}

/** The editor field a checked item's coded reason is about (validateQuestionnaire words whole items). */
const FIELD_OF_REASON: Record<string, string> = {
  in_use: 'id',
  label_required: 'label',
  options_not_allowed: 'options',
  options_too_few: 'options',
  options_repeated: 'options',
  choices_above_options: 'maxChoices',
  top_above_options: 'top',
  scale_not_whole: 'min',
  scale_too_long: 'max',
  step_not_whole: 'step',
  invalid_date: 'minDate',
  year_range_reversed: 'minYear',
  rows_too_few: 'rows',
  columns_too_few: 'columns',
  condition_not_earlier: 'rule.0.question',
  condition_not_question: 'rule.0.question',
  condition_value_missing: 'rule.0.value',
  condition_value_invalid: 'rule.0.value',
};

/**
 * Where the editor shows a refusal of the questionnaire (keys `questions.<id>` with a coded reason,
 * or `questions.<index>.<setting>...` for the shape): on the field of the item being edited (its id
 * and its position), or, for any other item, where it stands. A condition's refusal names its rule
 * by position (`values.rule`), which is the rule's place in the form as the editor draws it.
 */
export function editorFieldOf(
  key: string,
  reason: { reason: string; values?: Record<string, unknown> } | undefined,
  edited: { id: string; index: number },
  item?: Item,
): string {
  const shape = /^questions\.(\d+)\.([A-Za-z]+)(?:\.rules\.(\d+)\.(question|op|value))?/.exec(key);
  if (shape && Number(shape[1]) === edited.index) {
    if (shape[2] === 'showIf') return shape[3] !== undefined ? `rule.${shape[3]}.${shape[4]}` : 'rule.0.question';
    return shape[2];
  }
  if (key !== `questions.${edited.id}`) return key;
  const code = reason?.reason ?? '';
  if (code === 'range_reversed') {
    if (item?.type === 'date') return 'minDate';
    if (item?.type === 'multiple_choice') return 'minChoices';
    return 'min';
  }
  const field = FIELD_OF_REASON[code] ?? 'id';
  const rule = reason?.values?.rule;
  return typeof rule === 'number' && field.startsWith('rule.0.') ? field.replace('rule.0.', `rule.${rule}.`) : field;
}

/** The comparisons a condition rule may make, in the editor's order. */
export const RULE_OPS: readonly ConditionOp[] = CONDITION_OPS;
