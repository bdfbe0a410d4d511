/**
 * Live display conditions on a questionnaire form (the survey page). The server draws every item
 * of the page, those a condition hides with `hidden` (see QuestionnaireFields' `drawHidden`), each
 * with `data-question`, `data-type` and its condition in `data-show-if`; the form carries, in
 * `data-answers`, the earlier pages' answers the conditions read. As people answer, this island
 * reads each shown item's answer from its inputs and shows or hides the items after it with the
 * engine's own rule (visibleIds, one pass in order), so a question appears as soon as it applies.
 * A hidden item is `hidden` (out of sight and of the accessibility tree) and its inputs disabled
 * (not sent); the server checks everything again and drops the answers of hidden questions.
 */
// The island takes the one rule straight from the engine's core (a zod-free file): the module's
// index would bring its React form and catalogues into the browser.
// eslint-disable-next-line polity/import-direction
import { conditionHolds } from '../../modules/questionnaires/core/conditions.js';
// eslint-disable-next-line polity/import-direction
import { OTHER_VALUE as OTHER } from '../../modules/questionnaires/core/choices.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Condition = Parameters<typeof conditionHolds>[0];

/** The values of an item's inputs: by sub-name after the answer's name (`other`, a matrix row, `rank.<option>`, ...; '' for the answer itself). */
function valuesOf(el: HTMLElement): Map<string, { values: string[]; many: boolean }> {
  const out = new Map<string, { values: string[]; many: boolean }>();
  for (const c of el.querySelectorAll<Control>('input, select, textarea')) {
    if (!c.name) continue;
    const dot = c.name.indexOf('.');
    const key = dot < 0 ? '' : c.name.slice(dot + 1);
    const entry = out.get(key) ?? { values: [], many: false };
    out.set(key, entry);
    if (c instanceof HTMLInputElement && c.type === 'checkbox') entry.many = true;
    if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox') && !c.checked) continue;
    if (c instanceof HTMLInputElement && c.type === 'file') {
      if (c.files?.length) entry.values.push('file');
      continue;
    }
    if (c.value.trim()) entry.values.push(c.value.trim());
  }
  return out;
}

const numberOf = (text: string | undefined) => (text && Number.isFinite(Number(text)) ? Number(text) : undefined);

/** An item's answer as its inputs hold it, in the shape the conditions read (the cleaned answers' shapes). */
function answerOf(el: HTMLElement): unknown {
  const v = valuesOf(el);
  const main = v.get('')?.values ?? [];
  const other = v.get('other')?.values[0];
  switch (el.dataset.type) {
    case 'single_choice':
      return main[0] === OTHER || (!main[0] && other) ? { other: other ?? '' } : main[0];
    case 'multiple_choice': {
      const chosen = main.filter((x) => x !== OTHER);
      return main.includes(OTHER) || other ? { values: [...chosen, OTHER], other: other ?? '' } : chosen;
    }
    case 'scale':
    case 'number':
    case 'year':
      return numberOf(main[0]);
    case 'country':
      return main[0]?.toUpperCase();
    case 'matrix': {
      const rows: Record<string, string | string[]> = {};
      for (const [row, x] of v) if (row && x.values.length) rows[row] = x.many ? x.values : x.values[0];
      return rows;
    }
    case 'ranking':
      return [...v]
        .filter(([k, x]) => k.startsWith('rank.') && x.values.length)
        .sort((a, b) => Number(a[1].values[0]) - Number(b[1].values[0]))
        .map(([k]) => k.slice('rank.'.length));
    case 'place':
      return { text: v.get('text')?.values[0], lat: numberOf(v.get('lat')?.values[0]), lon: numberOf(v.get('lon')?.values[0]) };
    case 'file':
      return main.length || v.get('keep')?.values.length ? ['file'] : [];
    default:
      return main[0];
  }
}

/** Shows or hides an item: out of sight and of the accessibility tree, its inputs not sent. */
function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
  if (el instanceof HTMLFieldSetElement) el.disabled = !visible;
  else for (const c of el.querySelectorAll<Control>('input, select, textarea')) c.disabled = !visible;
}

export function mount(el: HTMLElement): void {
  const form = el instanceof HTMLFormElement ? el : el.closest('form');
  if (!form) return;
  let earlier: Record<string, unknown> = {};
  try {
    earlier = JSON.parse(el.dataset.answers ?? '{}') as Record<string, unknown>;
  } catch {
    // Without the earlier answers, conditions on them count them as not given.
  }
  const conditions = new Map<HTMLElement, Condition>();
  const conditionOf = (item: HTMLElement): Condition => {
    if (!item.dataset.showIf) return undefined;
    if (!conditions.has(item)) conditions.set(item, JSON.parse(item.dataset.showIf) as Condition);
    return conditions.get(item);
  };
  const update = () => {
    const seen: Record<string, unknown> = { ...earlier };
    let pageShown = true;
    for (const item of form.querySelectorAll<HTMLElement>('[data-question]')) {
      if (item.dataset.type === 'page_break') {
        pageShown = conditionHolds(conditionOf(item), seen);
        show(item, pageShown);
        continue;
      }
      const visible = pageShown && conditionHolds(conditionOf(item), seen);
      show(item, visible);
      if (visible) seen[item.dataset.question ?? ''] = answerOf(item);
    }
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}
