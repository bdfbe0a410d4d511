import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.js';
import { isBlankAnswer, nextPage, pagesOf, previousPage, ruleHolds, visibleIds, visibleItems } from './conditions.js';
import type { Item, ItemInput } from './items.js';
import { validateQuestionnaire } from './validate-questionnaire.js';

const en = (s: string) => ({ en: s });
const opts = (...values: string[]) => values.map((v) => ({ value: v, label: en(v) }));

function build(items: ItemInput[]): Item[] {
  const r = validateQuestionnaire(items);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('rules', () => {
  const rule = (op: 'answered' | 'not_answered' | 'equals' | 'not_equals' | 'contains', value?: string | number) => ({ question: 'q', op, value });
  it('answered / not_answered', () => {
    expect(ruleHolds(rule('answered'), { q: 'x' })).toBe(true);
    expect(ruleHolds(rule('answered'), { q: '  ' })).toBe(false);
    expect(ruleHolds(rule('answered'), {})).toBe(false);
    expect(ruleHolds(rule('not_answered'), { q: [] })).toBe(true);
    expect(ruleHolds(rule('not_answered'), { q: { bus: 'ok' } })).toBe(false);
  });
  it('equals / not_equals compare the one value as text (numbers too); an unanswered question is not equal', () => {
    expect(ruleHolds(rule('equals', 'yes'), { q: 'yes' })).toBe(true);
    expect(ruleHolds(rule('equals', 'yes'), { q: 'no' })).toBe(false);
    expect(ruleHolds(rule('equals', 4), { q: 4 })).toBe(true);
    expect(ruleHolds(rule('equals', '4'), { q: 4 })).toBe(true);
    expect(ruleHolds(rule('equals', 'a'), { q: ['a'] })).toBe(true);
    expect(ruleHolds(rule('equals', 'a'), { q: ['a', 'b'] })).toBe(false);
    expect(ruleHolds(rule('equals', '_other'), { q: { other: 'bikes' } })).toBe(true);
    expect(ruleHolds(rule('not_equals', 'yes'), { q: 'no' })).toBe(true);
    expect(ruleHolds(rule('not_equals', 'yes'), {})).toBe(true);
    expect(ruleHolds(rule('not_equals', 'yes'), { q: 'yes' })).toBe(false);
  });
  it('contains: a choice among several, or words in a text (any case)', () => {
    expect(ruleHolds(rule('contains', 'b'), { q: ['a', 'b'] })).toBe(true);
    expect(ruleHolds(rule('contains', 'c'), { q: ['a', 'b'] })).toBe(false);
    expect(ruleHolds(rule('contains', 'c'), { q: { values: ['c'], other: 'x' } })).toBe(true);
    expect(ruleHolds(rule('contains', 'bus'), { q: 'The BUS is late' })).toBe(true);
    expect(ruleHolds(rule('contains', 'tram'), { q: 'The bus is late' })).toBe(false);
  });
  it('blank answers of every shape', () => {
    for (const v of [undefined, null, '', '  ', [], {}, { a: '', b: [] }, { values: [], other: '' }, { value: '', other: '' }])
      expect(isBlankAnswer(v)).toBe(true);
    for (const v of ['x', 0, ['a'], { a: 'x' }, { other: 'x' }, { value: '_other', other: '' }, { lat: 0, lon: 0 }])
      expect(isBlankAnswer(v)).toBe(false);
  });
});

describe('display conditions', () => {
  const qs = build([
    { id: 'uses', type: 'single_choice', label: en('Do you use the bus?'), options: opts('yes', 'no'), required: true },
    // Two questions depend on the one above.
    {
      id: 'how_often',
      type: 'scale',
      label: en('How often?'),
      required: true,
      showIf: { combine: 'all', rules: [{ question: 'uses', op: 'equals', value: 'yes' }] },
    },
    {
      id: 'why_not',
      type: 'long_text',
      label: en('Why not?'),
      required: true,
      showIf: { combine: 'all', rules: [{ question: 'uses', op: 'equals', value: 'no' }] },
    },
    { id: 'modes', type: 'multiple_choice', label: en('Other modes'), options: opts('tram', 'bike', 'car') },
    {
      id: 'parking',
      type: 'short_text',
      label: en('Parking?'),
      showIf: {
        combine: 'any',
        rules: [
          { question: 'modes', op: 'contains', value: 'car' },
          { question: 'modes', op: 'contains', value: 'bike' },
        ],
      },
    },
    {
      id: 'both',
      type: 'short_text',
      label: en('Both?'),
      showIf: {
        combine: 'all',
        rules: [
          { question: 'modes', op: 'contains', value: 'car' },
          { question: 'modes', op: 'contains', value: 'bike' },
        ],
      },
    },
    // Depends on a conditional question: hidden whenever that one is.
    { id: 'often_note', type: 'short_text', label: en('Note'), showIf: { combine: 'all', rules: [{ question: 'how_often', op: 'answered' }] } },
  ]);

  it('shows each dependent by its own rule, combining rules with all or any', () => {
    expect([...visibleIds(qs, { uses: 'yes' })]).toEqual(['uses', 'how_often', 'modes']);
    expect([...visibleIds(qs, { uses: 'no', modes: ['bike'] })]).toEqual(['uses', 'why_not', 'modes', 'parking']);
    expect([...visibleIds(qs, { modes: ['bike', 'car'] })]).toEqual(['uses', 'modes', 'parking', 'both']);
    expect(visibleItems(qs, { uses: 'yes', how_often: 3 }).map((i) => i.id)).toContain('often_note');
  });

  it('reads a hidden question as not answered, so its dependents hide too', () => {
    expect([...visibleIds(qs, { uses: 'no', how_often: 3 })]).not.toContain('often_note');
  });

  it('requires only visible questions and drops answers to hidden ones', () => {
    const r = validateAnswers(qs, { uses: 'no', how_often: '4', why_not: 'Too slow' }, 'submit');
    expect(r.errors).toEqual({});
    expect(r.answers).toEqual({ uses: 'no', why_not: 'Too slow' });
    expect(validateAnswers(qs, { uses: 'yes' }, 'submit').reasons).toEqual({ how_often: { reason: 'required' } });
    // A malformed answer counts as not given for the conditions after it.
    expect(validateAnswers(qs, { uses: 'maybe' }, 'submit').reasons).toEqual({ uses: { reason: 'invalid_choice' } });
  });
});

describe('pages', () => {
  const qs = build([
    { id: 'resident', type: 'single_choice', label: en('Do you live here?'), options: opts('yes', 'no'), required: true },
    {
      id: 'p_area',
      type: 'page_break',
      label: en('Your area'),
      showIf: { combine: 'all', rules: [{ question: 'resident', op: 'equals', value: 'yes' }] },
    },
    { id: 'district', type: 'short_text', label: en('District'), required: true },
    { id: 'years', type: 'number', label: en('Years here') },
    { id: 'p_end', type: 'page_break', label: en('Last words') },
    { id: 'comment', type: 'long_text', label: en('Anything else?') },
  ]);

  it('splits at page breaks', () => {
    const pages = pagesOf(qs);
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([['resident'], ['p_area', 'district', 'years'], ['p_end', 'comment']]);
    expect(pages[1].title).toEqual(en('Your area'));
    expect(pages[0].pageBreak).toBeNull();
    expect(
      pagesOf(
        build([
          { id: 'p', type: 'page_break' },
          { id: 'a', type: 'short_text', label: en('A') },
        ]),
      ).length,
    ).toBe(1);
  });

  it('skips a page whose condition fails, both ways', () => {
    expect(nextPage(qs, 0, { resident: 'yes' })).toBe(1);
    expect(nextPage(qs, 0, { resident: 'no' })).toBe(2);
    expect(previousPage(qs, 2, { resident: 'no' })).toBe(0);
    expect(previousPage(qs, 2, { resident: 'yes' })).toBe(1);
    expect(nextPage(qs, 2, {})).toBeNull();
    expect(previousPage(qs, 0, {})).toBeNull();
  });

  it('does not require the questions of a skipped page, and checks one page at a time', () => {
    expect(validateAnswers(qs, { resident: 'no', district: 'North' }, 'submit')).toEqual({ answers: { resident: 'no' }, errors: {}, reasons: {} });
    expect(validateAnswers(qs, { resident: 'yes' }, 'submit').reasons).toEqual({ district: { reason: 'required' } });
    // Page 1 alone: its own errors and answers, reading page 0's answer for its condition.
    const page = validateAnswers(qs, { resident: 'yes', years: 'many' }, 'submit', { page: 1 });
    expect(page.reasons).toEqual({ district: { reason: 'required' }, years: { reason: 'not_a_number' } });
    expect(validateAnswers(qs, { resident: 'yes', district: 'North', years: '3' }, 'submit', { page: 1 }).answers).toEqual({
      district: 'North',
      years: 3,
    });
    expect(validateAnswers(qs, { resident: 'yes' }, 'submit', { page: 0 }).errors).toEqual({});
  });
});
