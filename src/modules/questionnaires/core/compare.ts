import { DEFAULT_LIMITS, maxLengthOf, rankCount, scaleRange, type Choice, type Item } from './items.js';

/** What changed about one item between two versions of a questionnaire. */
export type ChangeKind =
  | 'removed'
  | 'added'
  | 'type_changed'
  | 'option_removed'
  | 'option_added'
  | 'row_removed'
  | 'row_added'
  | 'column_removed'
  | 'column_added'
  | 'other_removed'
  | 'other_added'
  | 'limit_narrowed'
  | 'limit_widened'
  | 'required_added'
  | 'required_removed'
  | 'answers_per_row_changed'
  | 'condition_changed'
  | 'text_changed'
  | 'moved'
  | 'demographic_changed';

/**
 * One change. `breaking` when an answer stored for the previous version could be refused under
 * the next: a question removed or its type changed, an option/row/column value removed, "other"
 * removed, a limit narrowed (length, range, choices, step, whole numbers, files, top N), a matrix
 * switched between one and several answers per row. Not breaking (every stored answer stays
 * valid, though a stored response may now lack an answer a draft can add): texts and
 * translations, a question or option added, a limit widened, `required` or a condition changed,
 * order, demographic marking.
 */
export interface QuestionnaireChange {
  /** The item's id. */
  question: string;
  kind: ChangeKind;
  breaking: boolean;
  /** What exactly: the option, row or column value, or the setting whose limit moved. */
  detail?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function compareChoices(
  question: string,
  before: readonly Choice[] | undefined,
  after: readonly Choice[] | undefined,
  removed: ChangeKind,
  added: ChangeKind,
  out: QuestionnaireChange[],
): boolean {
  const next = new Map((after ?? []).map((c) => [c.value, c]));
  const prev = new Map((before ?? []).map((c) => [c.value, c]));
  let textChanged = false;
  for (const [value, c] of prev) {
    const n = next.get(value);
    if (!n) out.push({ question, kind: removed, breaking: true, detail: value });
    else if (!same(c.label, n.label)) textChanged = true;
  }
  for (const value of next.keys()) if (!prev.has(value)) out.push({ question, kind: added, breaking: false, detail: value });
  return textChanged;
}

/** A limit as a number (lower bounds: higher is narrower; upper bounds: lower is narrower); undefined when unlimited. */
function limitsOf(item: Item): { name: string; value: number | string | undefined; lower: boolean }[] {
  switch (item.type) {
    case 'short_text':
    case 'long_text':
    case 'url':
      return [{ name: 'maxLength', value: maxLengthOf(item), lower: false }];
    case 'multiple_choice':
      return [
        { name: 'minChoices', value: item.minChoices ?? 0, lower: true },
        { name: 'maxChoices', value: item.maxChoices, lower: false },
      ];
    case 'scale': {
      const { min, max } = scaleRange(item);
      return [
        { name: 'min', value: min, lower: true },
        { name: 'max', value: max, lower: false },
      ];
    }
    case 'number':
      return [
        { name: 'min', value: item.min, lower: true },
        { name: 'max', value: item.max, lower: false },
      ];
    case 'date':
      return [
        { name: 'minDate', value: item.minDate, lower: true },
        { name: 'maxDate', value: item.maxDate, lower: false },
      ];
    case 'year':
      return [
        { name: 'minYear', value: item.minYear ?? DEFAULT_LIMITS.minYear, lower: true },
        { name: 'maxYear', value: item.maxYear ?? DEFAULT_LIMITS.maxYear, lower: false },
      ];
    case 'file':
      return [{ name: 'maxFiles', value: item.maxFiles ?? DEFAULT_LIMITS.maxFiles, lower: false }];
    default:
      return [];
  }
}

/** Whether moving a limit from `a` to `b` narrows it (undefined = unlimited). */
function narrows(a: number | string | undefined, b: number | string | undefined, lower: boolean): boolean {
  if (same(a, b)) return false;
  if (b === undefined) return false;
  if (a === undefined) return true;
  return lower ? b > a : b < a;
}

function compareItem(prev: Item, next: Item, out: QuestionnaireChange[]): void {
  const question = next.id;
  if (prev.type !== next.type) {
    out.push({ question, kind: 'type_changed', breaking: true, detail: `${prev.type} -> ${next.type}` });
    return;
  }
  let textChanged = !same(prev.label, next.label) || !same(prev.help, next.help) || !same(prev.body, next.body);
  textChanged = !same(prev.minLabel, next.minLabel) || !same(prev.maxLabel, next.maxLabel) || textChanged;
  textChanged = compareChoices(question, prev.options, next.options, 'option_removed', 'option_added', out) || textChanged;
  textChanged = compareChoices(question, prev.rows, next.rows, 'row_removed', 'row_added', out) || textChanged;
  textChanged = compareChoices(question, prev.columns, next.columns, 'column_removed', 'column_added', out) || textChanged;
  if (textChanged) out.push({ question, kind: 'text_changed', breaking: false });
  if (prev.allowOther && !next.allowOther) out.push({ question, kind: 'other_removed', breaking: true });
  if (!prev.allowOther && next.allowOther) out.push({ question, kind: 'other_added', breaking: false });
  const before = limitsOf(prev);
  for (const [i, limit] of limitsOf(next).entries()) {
    const old = before[i]?.value;
    if (same(old, limit.value)) continue;
    const narrowed = narrows(old, limit.value, limit.lower);
    out.push({ question, kind: narrowed ? 'limit_narrowed' : 'limit_widened', breaking: narrowed, detail: limit.name });
  }
  if (prev.type === 'number') {
    if (!prev.integer && next.integer) out.push({ question, kind: 'limit_narrowed', breaking: true, detail: 'integer' });
    if (prev.step !== next.step && next.step !== undefined && (prev.step === undefined || prev.step % next.step !== 0))
      out.push({ question, kind: 'limit_narrowed', breaking: true, detail: 'step' });
  }
  if (prev.type === 'ranking' && rankCount(prev) !== rankCount(next)) out.push({ question, kind: 'limit_narrowed', breaking: true, detail: 'top' });
  if (prev.type === 'matrix' && !!prev.multiple !== !!next.multiple) out.push({ question, kind: 'answers_per_row_changed', breaking: true });
  if (!prev.required && next.required) out.push({ question, kind: 'required_added', breaking: false });
  if (prev.required && !next.required) out.push({ question, kind: 'required_removed', breaking: false });
  if (!same(prev.showIf, next.showIf)) out.push({ question, kind: 'condition_changed', breaking: false });
  if (!!prev.demographic !== !!next.demographic) out.push({ question, kind: 'demographic_changed', breaking: false });
}

/**
 * The changes from one version of a questionnaire to the next, item by item (matched by id), each
 * marked breaking or not (see QuestionnaireChange). Callers refuse a breaking change, or make a
 * new version, once answers exist.
 */
export function compareQuestionnaires(previous: readonly Item[], next: readonly Item[]): QuestionnaireChange[] {
  const out: QuestionnaireChange[] = [];
  const nextById = new Map(next.map((i) => [i.id, i]));
  const prevById = new Map(previous.map((i) => [i.id, i]));
  for (const item of previous) if (!nextById.has(item.id)) out.push({ question: item.id, kind: 'removed', breaking: true });
  const prevOrder = previous.filter((i) => nextById.has(i.id)).map((i) => i.id);
  const nextOrder = next.filter((i) => prevById.has(i.id)).map((i) => i.id);
  next.forEach((item) => {
    const prev = prevById.get(item.id);
    if (!prev) {
      out.push({ question: item.id, kind: 'added', breaking: false });
      return;
    }
    compareItem(prev, item, out);
    if (prevOrder.indexOf(item.id) !== nextOrder.indexOf(item.id)) out.push({ question: item.id, kind: 'moved', breaking: false });
  });
  return out;
}

/** The breaking changes among `changes`. */
export function breakingChanges(changes: readonly QuestionnaireChange[]): QuestionnaireChange[] {
  return changes.filter((c) => c.breaking);
}
