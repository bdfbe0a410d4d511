import type { LocalizedText } from '../../../kernel/i18n.js';
import { OTHER_VALUE, readChoices } from './choices.js';
import type { Condition, Item, Questionnaire } from './items.js';

/** Whether an answer counts as not given (blank text, no choice, no answered row, no point or words). */
export function isBlankAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.value === 'string' && v.value.trim()) return false;
    if ('values' in v || 'other' in v) return readChoices(v).values.length === 0 && !(readChoices(v).other ?? '').trim();
    return Object.values(v).every((x) => isBlankAnswer(x));
  }
  return false;
}

/** The answer's values as texts, for equals/contains: choices, list items, or the one value. */
function textsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  const { values, other } = readChoices(value);
  return other !== null ? [...values, OTHER_VALUE] : values;
}

/**
 * Whether one rule holds for the answers given so far:
 * - `answered` / `not_answered`: the question has (or has not) a non-blank answer;
 * - `equals`: the answer is exactly `value` (a single choice, a number or a text, compared as
 *   text; a multiple choice equals `value` when it is its only choice);
 * - `not_equals`: the opposite of equals (an unanswered question is not equal);
 * - `contains`: a multiple choice or ranking includes `value`; a text includes it (any case).
 */
export function ruleHolds(rule: Condition['rules'][number], answers: Record<string, unknown>): boolean {
  const answer = answers[rule.question];
  const wanted = rule.value === undefined ? '' : String(rule.value);
  switch (rule.op) {
    case 'answered':
      return !isBlankAnswer(answer);
    case 'not_answered':
      return isBlankAnswer(answer);
    case 'equals':
    case 'not_equals': {
      const texts = textsOf(answer);
      const equal = texts.length === 1 && texts[0].trim() === wanted;
      return rule.op === 'equals' ? equal : !equal;
    }
    case 'contains': {
      if (typeof answer === 'string') return answer.toLowerCase().includes(wanted.toLowerCase());
      return textsOf(answer).includes(wanted);
    }
  }
}

/** Whether a condition holds (no condition: always). */
export function conditionHolds(condition: Condition | undefined, answers: Record<string, unknown>): boolean {
  if (!condition || condition.rules.length === 0) return true;
  return condition.combine === 'any' ? condition.rules.some((r) => ruleHolds(r, answers)) : condition.rules.every((r) => ruleHolds(r, answers));
}

/**
 * The ids of the items shown given the answers so far. Items are taken in order: an item is shown
 * when its own condition holds and its page's condition holds. Since conditions only look at
 * earlier questions, one pass suffices; the answer of a hidden question counts as not given.
 */
export function visibleIds(questionnaire: Questionnaire, answers: Record<string, unknown>): Set<string> {
  const shown = new Set<string>();
  const seen: Record<string, unknown> = {};
  let pageShown = true;
  for (const item of questionnaire) {
    if (item.type === 'page_break') {
      pageShown = conditionHolds(item.showIf, seen);
      if (pageShown) shown.add(item.id);
      continue;
    }
    const visible = pageShown && conditionHolds(item.showIf, seen);
    if (visible) {
      shown.add(item.id);
      if (item.id in answers) seen[item.id] = answers[item.id];
    }
  }
  return shown;
}

/** The items shown given the answers so far, in order (see visibleIds). */
export function visibleItems<T extends Item>(questionnaire: readonly T[], answers: Record<string, unknown>): T[] {
  const shown = visibleIds(questionnaire, answers);
  return questionnaire.filter((item) => shown.has(item.id));
}

/** One page of a questionnaire: its items in order, the first being its page_break when it has one. */
export interface Page<T extends Item = Item> {
  index: number;
  /** The page_break that starts it (none for a first page without one). */
  pageBreak: T | null;
  /** The page's title: the page_break's label. */
  title: LocalizedText | undefined;
  items: T[];
}

/**
 * The pages of a questionnaire: a page_break starts a new page. A questionnaire without page
 * breaks is one page; one that starts with a page_break has no empty page before it.
 */
export function pagesOf<T extends Item>(questionnaire: readonly T[]): Page<T>[] {
  const pages: Page<T>[] = [];
  let current: Page<T> | null = null;
  for (const item of questionnaire) {
    if (item.type === 'page_break' || !current) {
      const pageBreak = item.type === 'page_break' ? item : null;
      current = { index: pages.length, pageBreak, title: pageBreak?.label, items: [] };
      pages.push(current);
    }
    current.items.push(item);
  }
  return pages;
}

/** Whether a page is shown given the answers: its page_break's condition holds and it shows some item. */
export function isPageShown(questionnaire: Questionnaire, page: Page, answers: Record<string, unknown>): boolean {
  const shown = visibleIds(questionnaire, answers);
  if (page.pageBreak && !shown.has(page.pageBreak.id)) return false;
  return page.items.some((i) => i.type !== 'page_break' && shown.has(i.id));
}

/** The index of the next page shown after `pageIndex` given the answers, or null after the last one. */
export function nextPage(questionnaire: Questionnaire, pageIndex: number, answers: Record<string, unknown>): number | null {
  const pages = pagesOf(questionnaire);
  for (let i = Math.max(pageIndex + 1, 0); i < pages.length; i++) if (isPageShown(questionnaire, pages[i], answers)) return i;
  return null;
}

/** The index of the page shown before `pageIndex` given the answers, or null before the first one. */
export function previousPage(questionnaire: Questionnaire, pageIndex: number, answers: Record<string, unknown>): number | null {
  const pages = pagesOf(questionnaire);
  for (let i = Math.min(pageIndex - 1, pages.length - 1); i >= 0; i--) if (isPageShown(questionnaire, pages[i], answers)) return i;
  return null;
}
