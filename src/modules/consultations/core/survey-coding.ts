import type { LocalizedText } from '../../../kernel/i18n.js';
import { readChoices, scaleRange, type Item } from '../../questionnaires/index.js';
import type { SurveyRow, SurveyVariable } from './variables.js';

/** Words the data file needs beside the questionnaire's own, per language (from the module's catalogue). */
export interface VariableWords {
  other: LocalizedText;
  chosen: LocalizedText;
  notChosen: LocalizedText;
  latitude: LocalizedText;
  longitude: LocalizedText;
  /** "{question}: {part}" joined per language; parts name an option, a row or a column. */
  join: (question: LocalizedText | undefined, part: LocalizedText | undefined) => LocalizedText;
}

/** How one variable reads its value from a response's answers. */
type Reader = (answers: Record<string, unknown>) => string | number | null;

/** The variables of a questionnaire and how each reads a response: the basis of every data export and cross-tab. */
export interface SurveyCoding {
  variables: SurveyVariable[];
  readers: Reader[];
}

const safePart = (value: string) => value.replace(/[^a-z0-9_]/g, '_');

/**
 * Codes a questionnaire as a flat list of variables (one per column of the data file):
 * - text, web address, country, date and files: one string variable (files' names joined by "; ");
 * - single choice: one numeric variable coded 1..n in the options' order, "other" coded n+1 with
 *   its words in `<id>_other`;
 * - multiple choice: one 0/1 variable per option (`<id>_<option>`), and `<id>_other`;
 * - scale, number, year: one numeric variable (a scale's end points carry its end labels);
 * - matrix: one variable per row coded by column (1..k), or one 0/1 variable per row and column
 *   when a row takes several answers;
 * - ranking: one variable per option holding the rank it was given (1 = first);
 * - place: `<id>_lat`, `<id>_lon` and `<id>_text`.
 * Sections and page breaks take no answer and give no variable. Names are unique: a clash gets
 * `_2`, `_3`, ...
 */
export function codeSurvey(items: readonly Item[], words: VariableWords): SurveyCoding {
  const variables: SurveyVariable[] = [];
  const readers: Reader[] = [];
  const used = new Set<string>();
  const add = (v: SurveyVariable, read: Reader) => {
    let name = v.name.slice(0, 60);
    for (let n = 2; used.has(name); n++) name = `${v.name.slice(0, 56)}_${n}`;
    used.add(name);
    variables.push({ ...v, name });
    readers.push(read);
  };
  const chosenValues = [
    { code: 0, label: words.notChosen },
    { code: 1, label: words.chosen },
  ];
  for (const item of items) {
    const id = item.id;
    const base = { questionId: id, question: item.label };
    const label = item.label ?? { en: id };
    switch (item.type) {
      case 'section':
      case 'page_break':
        break;
      case 'short_text':
      case 'long_text':
      case 'url':
      case 'country':
      case 'date':
        add({ ...base, name: id, label, kind: 'string', measure: 'nominal' }, (a) => (typeof a[id] === 'string' ? (a[id] as string) : null));
        break;
      case 'file':
        add({ ...base, name: id, label, kind: 'string', measure: 'nominal' }, (a) =>
          Array.isArray(a[id]) ? (a[id] as { name?: string }[]).map((f) => f?.name ?? '').join('; ') : null,
        );
        break;
      case 'number':
      case 'year':
        add({ ...base, name: id, label, kind: 'numeric', measure: 'scale' }, (a) => (typeof a[id] === 'number' ? (a[id] as number) : null));
        break;
      case 'scale': {
        const { min, max } = scaleRange(item);
        const values = [
          ...(item.minLabel ? [{ code: min, label: item.minLabel }] : []),
          ...(item.maxLabel ? [{ code: max, label: item.maxLabel }] : []),
        ];
        add({ ...base, name: id, label, kind: 'numeric', measure: 'ordinal', values }, (a) => (typeof a[id] === 'number' ? (a[id] as number) : null));
        break;
      }
      case 'single_choice': {
        const values = item.options.map((o, i) => ({ code: i + 1, label: o.label }));
        const otherCode = item.options.length + 1;
        if (item.allowOther) values.push({ code: otherCode, label: words.other });
        const codeOf = new Map(item.options.map((o, i) => [o.value, i + 1]));
        add({ ...base, name: id, label, kind: 'numeric', measure: 'nominal', values }, (a) => {
          const answer = a[id];
          // The common case, one option chosen, read without building anything.
          if (typeof answer === 'string') return codeOf.get(answer) ?? null;
          if (answer === undefined) return null;
          const { values: chosen, other } = readChoices(answer);
          if (other !== null) return otherCode;
          return codeOf.get(chosen[0]) ?? null;
        });
        if (item.allowOther)
          add({ ...base, name: `${id}_other`, label: words.join(item.label, words.other), kind: 'string', measure: 'nominal' }, (a) =>
            a[id] === undefined ? null : readChoices(a[id]).other,
          );
        break;
      }
      case 'multiple_choice': {
        for (const o of item.options)
          add(
            {
              ...base,
              name: `${id}_${safePart(o.value)}`,
              label: words.join(item.label, o.label),
              kind: 'numeric',
              measure: 'nominal',
              values: chosenValues,
            },
            (a) => {
              const answer = a[id];
              if (answer === undefined) return null;
              // A list of options (the usual answer) is read as it is.
              return (Array.isArray(answer) ? answer : readChoices(answer).values).includes(o.value) ? 1 : 0;
            },
          );
        if (item.allowOther)
          add({ ...base, name: `${id}_other`, label: words.join(item.label, words.other), kind: 'string', measure: 'nominal' }, (a) =>
            a[id] === undefined ? null : readChoices(a[id]).other,
          );
        break;
      }
      case 'matrix': {
        const rows = item.rows ?? [];
        const columns = item.columns ?? [];
        const cell = (a: Record<string, unknown>, row: string) => {
          const m = a[id];
          return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>)[row] : undefined;
        };
        if (item.multiple) {
          for (const r of rows)
            for (const c of columns)
              add(
                {
                  ...base,
                  name: `${id}_${safePart(r.value)}_${safePart(c.value)}`,
                  label: words.join(words.join(item.label, r.label), c.label),
                  kind: 'numeric',
                  measure: 'nominal',
                  values: chosenValues,
                },
                (a) => {
                  if (a[id] === undefined) return null;
                  const v = cell(a, r.value);
                  return Array.isArray(v) && v.includes(c.value) ? 1 : 0;
                },
              );
        } else {
          const values = columns.map((c, i) => ({ code: i + 1, label: c.label }));
          const codeOf = new Map(columns.map((c, i) => [c.value, i + 1]));
          for (const r of rows)
            add(
              { ...base, name: `${id}_${safePart(r.value)}`, label: words.join(item.label, r.label), kind: 'numeric', measure: 'nominal', values },
              (a) => {
                const v = cell(a, r.value);
                return typeof v === 'string' ? (codeOf.get(v) ?? null) : null;
              },
            );
        }
        break;
      }
      case 'ranking':
        for (const o of item.options)
          add({ ...base, name: `${id}_${safePart(o.value)}`, label: words.join(item.label, o.label), kind: 'numeric', measure: 'ordinal' }, (a) => {
            const ranked = a[id];
            if (!Array.isArray(ranked)) return null;
            const at = ranked.indexOf(o.value);
            return at < 0 ? null : at + 1;
          });
        break;
      case 'place': {
        const place = (a: Record<string, unknown>) =>
          a[id] && typeof a[id] === 'object' ? (a[id] as { lat?: number; lon?: number; text?: string }) : null;
        add(
          { ...base, name: `${id}_lat`, label: words.join(item.label, words.latitude), kind: 'numeric', measure: 'scale' },
          (a) => place(a)?.lat ?? null,
        );
        add(
          { ...base, name: `${id}_lon`, label: words.join(item.label, words.longitude), kind: 'numeric', measure: 'scale' },
          (a) => place(a)?.lon ?? null,
        );
        add({ ...base, name: `${id}_text`, label: label, kind: 'string', measure: 'nominal' }, (a) => place(a)?.text ?? null);
        break;
      }
    }
  }
  return { variables, readers };
}

/** One response's row under a coding. */
export function codeResponse(coding: SurveyCoding, answers: Record<string, unknown>): SurveyRow {
  return coding.readers.map((read) => read(answers));
}
