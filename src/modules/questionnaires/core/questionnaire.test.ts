import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { breakingChanges, compareQuestionnaires } from './compare.js';
import { itemSchema, type Item, type ItemInput } from './items.js';
import { validateQuestionnaire } from './validate-questionnaire.js';

const en = (s: string) => ({ en: s });
const opts = (...values: string[]) => values.map((v) => ({ value: v, label: en(v) }));

function build(items: ItemInput[]): Item[] {
  const r = validateQuestionnaire(items);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** The coded reason the questionnaire is refused with for item `id` (undefined when accepted). */
function reasonFor(items: ItemInput[], id: string): string | undefined {
  const r = validateQuestionnaire(items);
  return r.ok ? undefined : r.error.reasons[`questions.${id}`]?.reason;
}

const every: ItemInput[] = [
  { id: 'p1', type: 'page_break', label: { en: 'About you', uk: 'Про вас' } },
  { id: 'intro', type: 'section', label: en('Welcome'), body: en('Thank you for taking part.') },
  { id: 'name', type: 'short_text', label: en('Name'), maxLength: 80 },
  { id: 'story', type: 'long_text', label: en('Story') },
  { id: 'age', type: 'single_choice', label: en('Age band'), options: opts('a18', 'a30', 'a50'), display: 'list', demographic: true, required: true },
  { id: 'modes', type: 'multiple_choice', label: en('Modes'), options: opts('bus', 'tram'), minChoices: 1, maxChoices: 3, allowOther: true },
  { id: 'nps', type: 'scale', label: en('Recommend'), min: 0, max: 10, minLabel: en('No'), maxLabel: en('Yes') },
  { id: 'km', type: 'number', label: en('Kilometres'), min: 0, max: 1000, step: 0.5 },
  { id: 'when', type: 'date', label: en('When'), minDate: '2026-01-01', maxDate: '2026-12-31' },
  { id: 'grid', type: 'matrix', label: en('Rate'), rows: opts('bus', 'tram'), columns: opts('bad', 'good'), multiple: false },
  { id: 'prio', type: 'ranking', label: en('Priorities'), options: opts('safety', 'cost', 'speed'), top: 2 },
  { id: 'docs', type: 'file', label: en('Documents'), maxFiles: 3 },
  { id: 'where', type: 'place', label: en('Where') },
  { id: 'country', type: 'country', label: en('Country') },
  { id: 'since', type: 'year', label: en('Since'), minYear: 1950 },
  { id: 'site', type: 'url', label: en('Website'), showIf: { combine: 'any', rules: [{ question: 'modes', op: 'contains', value: 'bus' }] } },
];

describe('validateQuestionnaire', () => {
  it('accepts every type with its settings, in any language', () => {
    expect(build(every)).toHaveLength(every.length);
  });

  it('accepts the library’s first questionnaires as they are (a flat list of questions)', () => {
    expect(build([{ id: 'title', type: 'short_text', label: en('Title'), required: true, maxLength: 200 }])[0].options).toEqual([]);
  });

  it('refuses per-type settings that do not fit, with coded reasons keyed by question id', () => {
    expect(
      reasonFor(
        [
          { id: 'a', type: 'short_text', label: en('A') },
          { id: 'a', type: 'long_text', label: en('B') },
        ],
        'a',
      ),
    ).toBe('in_use');
    expect(reasonFor([{ id: 's', type: 'single_choice', label: en('S'), options: opts('x') }], 's')).toBe('options_too_few');
    expect(reasonFor([{ id: 's', type: 'single_choice', label: en('S'), options: opts('x', 'x') }], 's')).toBe('options_repeated');
    expect(reasonFor([{ id: 't', type: 'short_text', label: en('T'), options: opts('x', 'y') }], 't')).toBe('options_not_allowed');
    expect(reasonFor([{ id: 't', type: 'short_text', label: en('T'), min: 1 }], 't')).toBe('setting_not_allowed');
    expect(reasonFor([{ id: 't', type: 'short_text' }], 't')).toBe('label_required');
    expect(reasonFor([{ id: 'x', type: 'section' }], 'x')).toBe('label_required');
    expect(reasonFor([{ id: 'x', type: 'section', label: en('X'), required: true }], 'x')).toBe('setting_not_allowed');
    expect(reasonFor([{ id: 'n', type: 'number', label: en('N'), min: 5, max: 1 }], 'n')).toBe('range_reversed');
    expect(reasonFor([{ id: 'n', type: 'number', label: en('N'), integer: true, step: 0.5 }], 'n')).toBe('step_not_whole');
    expect(reasonFor([{ id: 'c', type: 'scale', label: en('C'), min: 5, max: 5 }], 'c')).toBe('range_reversed');
    expect(reasonFor([{ id: 'c', type: 'scale', label: en('C'), min: 0, max: 11 }], 'c')).toBe('scale_too_long');
    expect(reasonFor([{ id: 'c', type: 'scale', label: en('C'), min: 0.5, max: 4 }], 'c')).toBe('scale_not_whole');
    expect(reasonFor([{ id: 'd', type: 'date', label: en('D'), minDate: '2026-05-01', maxDate: '2026-04-01' }], 'd')).toBe('range_reversed');
    expect(reasonFor([{ id: 'd', type: 'date', label: en('D'), minDate: '2026-02-31' }], 'd')).toBe('invalid_date');
    expect(reasonFor([{ id: 'y', type: 'year', label: en('Y'), minYear: 2020, maxYear: 2000 }], 'y')).toBe('year_range_reversed');
    expect(reasonFor([{ id: 'm', type: 'multiple_choice', label: en('M'), options: opts('a', 'b'), minChoices: 2, maxChoices: 1 }], 'm')).toBe(
      'range_reversed',
    );
    expect(reasonFor([{ id: 'm', type: 'multiple_choice', label: en('M'), options: opts('a', 'b'), maxChoices: 3 }], 'm')).toBe(
      'choices_above_options',
    );
    expect(reasonFor([{ id: 'r', type: 'ranking', label: en('R'), options: opts('a', 'b'), top: 3 }], 'r')).toBe('top_above_options');
    expect(reasonFor([{ id: 'g', type: 'matrix', label: en('G'), rows: [], columns: opts('a', 'b') }], 'g')).toBe('rows_too_few');
    expect(reasonFor([{ id: 'g', type: 'matrix', label: en('G'), rows: opts('r'), columns: opts('a') }], 'g')).toBe('columns_too_few');
    expect(reasonFor([{ id: 'g', type: 'matrix', label: en('G'), rows: opts('r', 'r'), columns: opts('a', 'b') }], 'g')).toBe('options_repeated');
  });

  it('refuses conditions on later questions, on itself, on sections, without a value, or with an unknown option', () => {
    const later: ItemInput[] = [
      { id: 'a', type: 'short_text', label: en('A'), showIf: { combine: 'all', rules: [{ question: 'b', op: 'answered' }] } },
      { id: 'b', type: 'short_text', label: en('B') },
    ];
    expect(reasonFor(later, 'a')).toBe('condition_not_earlier');
    expect(
      reasonFor([{ id: 'a', type: 'short_text', label: en('A'), showIf: { combine: 'all', rules: [{ question: 'a', op: 'answered' }] } }], 'a'),
    ).toBe('condition_not_earlier');
    const onSection: ItemInput[] = [
      { id: 's', type: 'section', label: en('S') },
      { id: 'a', type: 'short_text', label: en('A'), showIf: { combine: 'all', rules: [{ question: 's', op: 'answered' }] } },
    ];
    expect(reasonFor(onSection, 'a')).toBe('condition_not_question');
    const choice: ItemInput = { id: 'c', type: 'single_choice', label: en('C'), options: opts('yes', 'no') };
    expect(
      reasonFor([choice, { id: 'a', type: 'short_text', label: en('A'), showIf: { combine: 'all', rules: [{ question: 'c', op: 'equals' }] } }], 'a'),
    ).toBe('condition_value_missing');
    expect(
      reasonFor(
        [
          choice,
          { id: 'a', type: 'short_text', label: en('A'), showIf: { combine: 'all', rules: [{ question: 'c', op: 'equals', value: 'maybe' }] } },
        ],
        'a',
      ),
    ).toBe('condition_value_invalid');
  });

  it('reports shape errors by position and field', () => {
    const r = validateQuestionnaire([{ id: 'Bad Id', type: 'essay', label: {} }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.error.fields).sort()).toEqual(['questions.0.id', 'questions.0.label', 'questions.0.type']);
      expect(r.error.reasons['questions.0.label']).toEqual({ reason: 'required' });
    }
    expect(validateQuestionnaire('nope').ok).toBe(false);
  });

  it('takes a module’s extended item schema and keeps its settings', () => {
    const extended = itemSchema.extend({ mapsTo: z.enum(['title']).optional() });
    const r = validateQuestionnaire([{ id: 't', type: 'short_text', label: en('T'), mapsTo: 'title' }], { itemSchema: extended });
    expect(r.ok && r.value[0].mapsTo).toBe('title');
  });
});

describe('compareQuestionnaires', () => {
  const before = build(every);
  const change = (edit: (items: ItemInput[]) => ItemInput[]) => compareQuestionnaires(before, build(edit(structuredClone(every))));
  const only = (edit: (items: ItemInput[]) => ItemInput[]) => change(edit).map((c) => [c.question, c.kind, c.breaking, c.detail]);
  const set = (id: string, patch: Partial<ItemInput>) => (items: ItemInput[]) => items.map((i) => (i.id === id ? { ...i, ...patch } : i));

  it('finds nothing between equal versions', () => {
    expect(compareQuestionnaires(before, build(every))).toEqual([]);
  });

  it('marks texts, translations, added questions and options, widened limits and order as not breaking', () => {
    expect(only(set('name', { label: { en: 'Full name', fr: 'Nom complet' } }))).toEqual([['name', 'text_changed', false, undefined]]);
    expect(only((items) => [...items, { id: 'extra', type: 'short_text', label: en('Extra'), required: true }])).toEqual([
      ['extra', 'added', false, undefined],
    ]);
    expect(only(set('age', { options: opts('a18', 'a30', 'a50', 'a65') }))).toEqual([['age', 'option_added', false, 'a65']]);
    expect(only(set('km', { max: 5000 }))).toEqual([['km', 'limit_widened', false, 'max']]);
    expect(only(set('name', { maxLength: 200 }))).toEqual([['name', 'limit_widened', false, 'maxLength']]);
    expect(only(set('grid', { columns: opts('bad', 'good', 'great') }))).toEqual([['grid', 'column_added', false, 'great']]);
    const moved = change((items) => [items[0], items[3], items[2], ...items.slice(1, 2), ...items.slice(4)]);
    expect(breakingChanges(moved)).toEqual([]);
    expect(moved.some((c) => c.kind === 'moved')).toBe(true);
  });

  it('marks removals, type changes, removed values and narrowed limits as breaking', () => {
    expect(only((items) => items.filter((i) => i.id !== 'story'))).toEqual([['story', 'removed', true, undefined]]);
    expect(only(set('story', { type: 'short_text' }))).toEqual([['story', 'type_changed', true, 'long_text -> short_text']]);
    expect(only(set('age', { options: opts('a18', 'a30') }))).toEqual([['age', 'option_removed', true, 'a50']]);
    expect(only(set('grid', { rows: opts('bus') }))).toEqual([['grid', 'row_removed', true, 'tram']]);
    expect(only(set('modes', { allowOther: false, maxChoices: 2 }))).toEqual([
      ['modes', 'other_removed', true, undefined],
      ['modes', 'limit_narrowed', true, 'maxChoices'],
    ]);
    expect(only(set('name', { maxLength: 40 }))).toEqual([['name', 'limit_narrowed', true, 'maxLength']]);
    expect(only(set('km', { min: 1 }))).toEqual([['km', 'limit_narrowed', true, 'min']]);
    expect(only(set('when', { maxDate: '2026-06-30' }))).toEqual([['when', 'limit_narrowed', true, 'maxDate']]);
    expect(only(set('since', { minYear: 1960 }))).toEqual([['since', 'limit_narrowed', true, 'minYear']]);
    expect(only(set('docs', { maxFiles: 1 }))).toEqual([['docs', 'limit_narrowed', true, 'maxFiles']]);
    expect(only(set('nps', { min: 1, max: 10 }))).toEqual([['nps', 'limit_narrowed', true, 'min']]);
    expect(only(set('prio', { top: 1 }))).toEqual([['prio', 'limit_narrowed', true, 'top']]);
    expect(only(set('grid', { multiple: true }))).toEqual([['grid', 'answers_per_row_changed', true, undefined]]);
    expect(only(set('km', { step: 0.25 }))).toEqual([]);
    expect(only(set('km', { step: 1 }))).toEqual([['km', 'limit_narrowed', true, 'step']]);
  });

  it('keeps required and conditions not breaking: every stored answer stays valid', () => {
    expect(only(set('name', { required: true }))).toEqual([['name', 'required_added', false, undefined]]);
    expect(only(set('site', { showIf: undefined }))).toEqual([['site', 'condition_changed', false, undefined]]);
  });
});
