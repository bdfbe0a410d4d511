import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import {
  isPageShown,
  nextPage,
  pagesOf,
  previousPage,
  validateAnswers,
  type Answers,
  type Item,
  type Questionnaire,
} from '../../questionnaires/index.js';

/** What a respondent does with one page of the survey: go back, go on, save to come back, or send. */
export type SurveyMove = 'back' | 'next' | 'save' | 'submit';

/** The outcome of a move: where the respondent stands now, or what is wrong (keyed by question id). */
export type SurveyStep =
  | { ok: true; answers: Answers; page: number; done: boolean; last: boolean }
  | { ok: false; answers: Answers; page: number; errors: FieldErrors; reasons: FieldReasons };

/** The ids of a page's questions. */
function idsOnPage(items: Questionnaire, page: number): Set<string> {
  return new Set((pagesOf(items)[page]?.items ?? []).map((i) => i.id));
}

/** The first page shown given the answers (0 when none is). */
export function firstPage(items: Questionnaire, answers: Answers): number {
  return nextPage(items, -1, answers) ?? 0;
}

/** Whether `page` is the last page shown given the answers (nothing shown after it). */
export function isLastPage(items: Questionnaire, page: number, answers: Answers): boolean {
  return nextPage(items, page, answers) === null;
}

/** The pages shown given the answers, and where `page` stands among them (1-based), for "page 2 of 3". */
export function progressOf(items: Questionnaire, page: number, answers: Answers): { current: number; total: number } {
  const shown = pagesOf(items)
    .filter((p) => isPageShown(items, p, answers))
    .map((p) => p.index);
  const at = shown.indexOf(page);
  return { current: at < 0 ? 1 : at + 1, total: Math.max(shown.length, 1) };
}

/** A page to stand on given the answers: `page` when it is shown, else the nearest shown page before it, else the first. */
export function pageToShow(items: Questionnaire, page: number, answers: Answers): number {
  const pages = pagesOf(items);
  if (page >= 0 && page < pages.length && isPageShown(items, pages[page], answers)) return page;
  return previousPage(items, Math.min(page, pages.length), answers) ?? firstPage(items, answers);
}

/**
 * One move through the survey. The page's answers (`pageAnswers`, raw as read from its form)
 * replace the stored ones of that page's questions; everything is then cleaned as a draft, which
 * drops the answers of questions that the answers now hide. Any move refuses a malformed answer
 * (the page shows it again as typed); going back or saving leaves required questions for later; going on checks the page as if it were
 * submitted (required answers, complete rankings); submitting checks the page and then the whole
 * questionnaire, standing on the first page that has a problem. Page skips come from the
 * engine's `nextPage`/`previousPage` (a page whose page_break condition fails is skipped).
 */
export function moveThroughSurvey(
  items: Questionnaire,
  stored: Answers,
  page: number,
  pageAnswers: Record<string, unknown>,
  move: SurveyMove,
): SurveyStep {
  const onPage = idsOnPage(items, page);
  const merged: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(stored)) if (!onPage.has(id)) merged[id] = v;
  for (const [id, v] of Object.entries(pageAnswers)) if (onPage.has(id)) merged[id] = v;
  const draft = validateAnswers(items, merged, 'draft');
  const pageDraftErrors = Object.keys(draft.errors).filter((id) => onPage.has(id));
  // Keep every well-formed answer, and on a refusal what was typed on the page (the form shows it).
  const answers = draft.answers;
  if (pageDraftErrors.length > 0) {
    return { ok: false, answers, page, errors: pick(draft.errors, pageDraftErrors), reasons: pick(draft.reasons, pageDraftErrors) };
  }
  if (move === 'back') return { ok: true, answers, page: previousPage(items, page, answers) ?? page, done: false, last: false };
  if (move === 'save') return { ok: true, answers, page, done: false, last: isLastPage(items, page, answers) };
  const pageCheck = validateAnswers(items, answers, 'submit', { page });
  if (Object.keys(pageCheck.errors).length > 0) return { ok: false, answers, page, errors: pageCheck.errors, reasons: pageCheck.reasons };
  const next = nextPage(items, page, answers);
  // A page the answers have just brought in comes before sending, even when "send" was pressed
  // (the page was the last one when it was drawn).
  if (next !== null) return { ok: true, answers, page: next, done: false, last: isLastPage(items, next, answers) };
  if (move === 'next') return { ok: true, answers, page, done: false, last: true };
  const whole = validateAnswers(items, answers, 'submit');
  if (Object.keys(whole.errors).length > 0) {
    const pages = pagesOf(items);
    const wrong = pages.find((p) => p.items.some((i) => i.id in whole.errors));
    return { ok: false, answers, page: wrong?.index ?? page, errors: whole.errors, reasons: whole.reasons };
  }
  return { ok: true, answers: whole.answers, page, done: true, last: true };
}

function pick<V>(byId: Record<string, V>, ids: string[]): Record<string, V> {
  return Object.fromEntries(ids.map((id) => [id, byId[id]]));
}

/**
 * A draft's answers carried to another version of the questionnaire: those still valid there (a
 * question removed, an option gone, a limit narrowed drops the answer), hidden ones dropped.
 */
export function carryAnswers(items: Questionnaire, answers: Record<string, unknown>): Answers {
  const known = new Set(items.map((i) => i.id));
  const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => known.has(id)));
  return validateAnswers(items, kept, 'draft').answers;
}

/** Questions' labels in a language (question id -> label), for naming refused answers. */
export function questionLabels(items: readonly Item[], locale: string, fallback: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) out[item.id] = item.label ? pickText(item.label, locale, fallback).text : item.id;
  return out;
}

/**
 * Refused answers named by their questions' labels (the API's words): `"Age band": this question
 * needs an answer`, keyed by question id.
 */
export function namedErrors(items: readonly Item[], errors: FieldErrors, locale: string, fallback: string): FieldErrors {
  const labels = questionLabels(items, locale, fallback);
  return Object.fromEntries(Object.entries(errors).map(([id, text]) => [id, `"${labels[id] ?? id}": ${text}`]));
}
