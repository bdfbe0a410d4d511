import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.js';
import type { ItemInput, Item } from './items.js';
import { validateQuestionnaire } from './validate-questionnaire.js';

const en = (s: string) => ({ en: s });
const opts = (...values: string[]) => values.map((v) => ({ value: v, label: en(v.toUpperCase()) }));

/** A questionnaire, checked (a test fails loudly when the fixture itself is refused). */
function build(items: ItemInput[]): Item[] {
  const r = validateQuestionnaire(items);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** One question's answer checked in submit mode: the cleaned value, or the coded reason and its values. */
function check(item: ItemInput, value: unknown, mode: 'draft' | 'submit' = 'submit') {
  const q = build([item]);
  const r = validateAnswers(q, { [item.id]: value }, mode);
  return { value: r.answers[item.id], reason: r.reasons[item.id], error: r.errors[item.id] };
}

describe('validateAnswers by type', () => {
  it('short and long text: trimmed, limited in length', () => {
    expect(check({ id: 'a', type: 'short_text', label: en('A') }, '  hello  ').value).toBe('hello');
    expect(check({ id: 'a', type: 'short_text', label: en('A'), maxLength: 5 }, 'too long').reason).toEqual({
      reason: 'too_long',
      values: { max: 5 },
    });
    expect(check({ id: 'a', type: 'long_text', label: en('A') }, 'x'.repeat(20_001)).reason?.reason).toBe('too_long');
    expect(check({ id: 'a', type: 'long_text', label: en('A') }, 42).reason).toEqual({ reason: 'invalid' });
  });

  it('url: only http(s) addresses', () => {
    expect(check({ id: 'u', type: 'url', label: en('U') }, 'https://example.org/x').value).toBe('https://example.org/x');
    expect(check({ id: 'u', type: 'url', label: en('U') }, 'javascript:alert(1)').reason).toEqual({ reason: 'invalid_url' });
    expect(check({ id: 'u', type: 'url', label: en('U') }, 'not a url').reason).toEqual({ reason: 'invalid_url' });
  });

  it('single choice: an option, or "other" with its text when allowed', () => {
    const q: ItemInput = { id: 's', type: 'single_choice', label: en('S'), options: opts('a', 'b'), allowOther: true };
    expect(check(q, 'a').value).toBe('a');
    expect(check(q, 'z').reason).toEqual({ reason: 'invalid_choice' });
    expect(check(q, { value: '_other', other: ' bikes ' }).value).toEqual({ other: 'bikes' });
    expect(check(q, { value: '_other', other: '' }).reason).toEqual({ reason: 'other_missing' });
    expect(check(q, '_other').reason).toEqual({ reason: 'other_missing' });
    expect(check({ ...q, allowOther: false }, { value: '_other', other: 'x' }).reason).toEqual({ reason: 'invalid_choice' });
    expect(check(q, ['a']).reason).toEqual({ reason: 'invalid_choice' });
  });

  it('multiple choice: options, deduplicated, within min and max choices, other counted', () => {
    const q: ItemInput = {
      id: 'm',
      type: 'multiple_choice',
      label: en('M'),
      options: opts('a', 'b', 'c'),
      minChoices: 2,
      maxChoices: 2,
      allowOther: true,
    };
    expect(check(q, ['a', 'b', 'a']).value).toEqual(['a', 'b']);
    expect(check(q, ['a']).reason).toEqual({ reason: 'too_few_choices', values: { min: 2 } });
    expect(check(q, ['a', 'b', 'c']).reason).toEqual({ reason: 'too_many_choices', values: { max: 2 } });
    expect(check(q, ['a', 'x']).reason).toEqual({ reason: 'invalid_choice' });
    expect(check(q, { values: ['a', '_other'], other: 'trams' }).value).toEqual({ values: ['a'], other: 'trams' });
    expect(check(q, { values: ['a', 'b', '_other'], other: 'trams' }).reason?.reason).toBe('too_many_choices');
    expect(check(q, { values: ['a', '_other'], other: '' }).reason).toEqual({ reason: 'other_missing' });
    // A single value (a form with one box ticked) is a list of one.
    expect(check({ ...q, minChoices: undefined }, 'c').value).toEqual(['c']);
  });

  it('scale: a whole point between its ends (0..10 here)', () => {
    const q: ItemInput = { id: 'n', type: 'scale', label: en('Recommend?'), min: 0, max: 10, minLabel: en('Never'), maxLabel: en('Surely') };
    expect(check(q, '0').value).toBe(0);
    expect(check(q, 10).value).toBe(10);
    expect(check(q, '11').reason).toEqual({ reason: 'out_of_range', values: { min: 0, max: 10 } });
    expect(check(q, '2.5').reason?.reason).toBe('out_of_range');
    expect(check(q, 'lots').reason).toEqual({ reason: 'not_a_number' });
    // Default 1..5.
    expect(check({ id: 'd', type: 'scale', label: en('D') }, '0').reason).toEqual({ reason: 'out_of_range', values: { min: 1, max: 5 } });
  });

  it('number: within range, whole when asked, on the step, decimal comma accepted', () => {
    const q: ItemInput = { id: 'x', type: 'number', label: en('X'), min: 0, max: 100, step: 0.5 };
    expect(check(q, '12,5').value).toBe(12.5);
    expect(check(q, '12.25').reason).toEqual({ reason: 'step_mismatch', values: { step: 0.5 } });
    expect(check(q, '101').reason).toEqual({ reason: 'out_of_range', values: { min: 0, max: 100 } });
    expect(check(q, 'twelve').reason).toEqual({ reason: 'not_a_number' });
    // "1,000" is a thousand in English and one in French: refused, not guessed; grouped by spaces it is clear.
    const people: ItemInput = { id: 'p', type: 'number', label: en('People') };
    expect(check(people, '1,000').reason).toEqual({ reason: 'ambiguous_number' });
    expect(check(people, '1 000').value).toBe(1000);
    expect(check(people, '1,000.5').value).toBe(1000.5);
    expect(check({ id: 'i', type: 'number', label: en('I'), integer: true }, '3.5').reason).toEqual({ reason: 'not_whole' });
    expect(check({ id: 'i', type: 'number', label: en('I'), min: 18 }, '17').reason).toEqual({ reason: 'too_small', values: { min: 18 } });
    expect(check({ id: 'i', type: 'number', label: en('I'), max: 9 }, '10').reason).toEqual({ reason: 'too_large', values: { max: 9 } });
  });

  it('date: a calendar date within its limits', () => {
    const q: ItemInput = { id: 'd', type: 'date', label: en('D'), minDate: '2026-01-01', maxDate: '2026-12-31' };
    expect(check(q, '2026-03-31').value).toBe('2026-03-31');
    expect(check(q, '2026-02-30').reason).toEqual({ reason: 'not_a_date' });
    expect(check(q, '31/03/2026').reason).toEqual({ reason: 'not_a_date' });
    expect(check(q, '2025-12-31').reason).toEqual({ reason: 'date_too_early', values: { min: '2026-01-01' } });
    expect(check(q, '2027-01-01').reason).toEqual({ reason: 'date_too_late', values: { max: '2026-12-31' } });
  });

  it('year and country, as the library first had them', () => {
    expect(check({ id: 'y', type: 'year', label: en('Y'), minYear: 1990, maxYear: 2030 }, '2021').value).toBe(2021);
    expect(check({ id: 'y', type: 'year', label: en('Y'), minYear: 1990, maxYear: 2030 }, '1989').reason).toEqual({
      reason: 'year_out_of_range',
      values: { min: 1990, max: 2030 },
    });
    expect(check({ id: 'y', type: 'year', label: en('Y') }, 'soon').reason).toEqual({ reason: 'not_a_year' });
    expect(check({ id: 'c', type: 'country', label: en('C') }, 'br').value).toBe('BR');
    expect(check({ id: 'c', type: 'country', label: en('C') }, 'XX').reason).toEqual({ reason: 'invalid_choice' });
  });

  it('matrix: one column per row (or several), known rows and columns, every row when required', () => {
    const q: ItemInput = {
      id: 'mx',
      type: 'matrix',
      label: en('Rate'),
      rows: opts('bus', 'tram'),
      columns: opts('bad', 'ok', 'good'),
      required: true,
    };
    expect(check(q, { bus: 'ok', tram: 'good' }).value).toEqual({ bus: 'ok', tram: 'good' });
    expect(check(q, { bus: 'ok', tram: '' }).reason).toEqual({ reason: 'matrix_incomplete', values: { count: 1 } });
    expect(check(q, { bus: 'ok', tram: '' }, 'draft').value).toEqual({ bus: 'ok' });
    expect(check(q, { bus: 'meh', tram: 'ok' }).reason).toEqual({ reason: 'invalid_choice' });
    expect(check(q, { car: 'ok' }).reason).toEqual({ reason: 'invalid_choice' });
    expect(check(q, { bus: ['ok', 'good'], tram: 'ok' }).reason).toEqual({ reason: 'too_many_choices', values: { max: 1 } });
    expect(check({ ...q, multiple: true }, { bus: ['ok', 'good'], tram: 'ok' }).value).toEqual({ bus: ['ok', 'good'], tram: ['ok'] });
    // Not required: some rows may be left.
    expect(check({ ...q, required: false }, { bus: 'ok' }).value).toEqual({ bus: 'ok' });
    expect(check(q, 'ok').reason).toEqual({ reason: 'invalid' });
  });

  it('ranking: ranks 1..N without gaps or repeats, all options or the top N', () => {
    const q: ItemInput = { id: 'r', type: 'ranking', label: en('R'), options: opts('a', 'b', 'c') };
    expect(check(q, ['c', 'a', 'b']).value).toEqual(['c', 'a', 'b']);
    expect(check(q, { a: '2', b: '3', c: '1' }).value).toEqual(['c', 'a', 'b']);
    expect(check(q, { a: '1', b: '1', c: '2' }).reason).toEqual({ reason: 'ranking_repeated' });
    expect(check(q, { a: '1', b: '3', c: '' }).reason).toEqual({ reason: 'ranking_gap' });
    expect(check(q, { a: '1', b: '2', c: '' }).reason).toEqual({ reason: 'ranking_incomplete', values: { count: 3 } });
    expect(check(q, { a: '1', b: '2', c: '' }, 'draft').value).toEqual(['a', 'b']);
    expect(check(q, ['a', 'a']).reason).toEqual({ reason: 'ranking_repeated' });
    expect(check(q, ['a', 'x', 'b']).reason).toEqual({ reason: 'invalid_choice' });
    const top = { ...q, top: 2 };
    expect(check(top, { a: '', b: '1', c: '2' }).value).toEqual(['b', 'c']);
    expect(check(top, ['a', 'b', 'c']).reason).toEqual({ reason: 'too_many_choices', values: { max: 2 } });
    expect(check(top, { a: '1', b: '', c: '' }).reason).toEqual({ reason: 'ranking_incomplete', values: { count: 2 } });
  });

  it('file: uploads of the site, at most maxFiles', () => {
    const id = '0b6c7f5e-8a1d-4f7e-9c55-2f3e4a5b6c7d';
    const q: ItemInput = { id: 'f', type: 'file', label: en('F'), maxFiles: 1 };
    expect(check(q, [{ uploadId: id.toUpperCase(), name: ' team.jpg ' }]).value).toEqual([{ uploadId: id, name: 'team.jpg' }]);
    expect(check(q, [{ uploadId: '../etc/passwd', name: 'x' }]).reason).toEqual({ reason: 'invalid' });
    expect(
      check(q, [
        { uploadId: id, name: 'a' },
        { uploadId: id, name: 'b' },
      ]).reason,
    ).toEqual({ reason: 'too_many', values: { max: 1 } });
  });

  it('place: a point in range, words, or both', () => {
    const q: ItemInput = { id: 'p', type: 'place', label: en('P') };
    expect(check(q, { lat: '-8.05', lon: '-34.9', text: '' }).value).toEqual({ lat: -8.05, lon: -34.9 });
    expect(check(q, { text: ' Praça do Arsenal ', lat: '', lon: '' }).value).toEqual({ text: 'Praça do Arsenal' });
    expect(check(q, { lat: '91', lon: '0' }).reason).toEqual({ reason: 'latitude_range' });
    expect(check(q, { lat: '0', lon: '181' }).reason).toEqual({ reason: 'longitude_range' });
    expect(check(q, { lat: '10', lon: '' }).reason).toEqual({ reason: 'both_coordinates' });
    expect(check({ ...q, required: true }, { lat: '', lon: '', text: ' ' }).reason).toEqual({ reason: 'required' });
  });
});

describe('validateAnswers as a whole', () => {
  const qs = build([
    { id: 'name', type: 'short_text', label: en('Name'), required: true },
    { id: 'intro', type: 'section', label: en('About you'), body: en('Some words.') },
    { id: 'age', type: 'number', label: en('Age'), integer: true },
  ]);

  it('a draft may be incomplete, a submission names each required question left blank', () => {
    expect(validateAnswers(qs, { age: '30' }, 'draft')).toEqual({ answers: { age: 30 }, errors: {}, reasons: {} });
    expect(validateAnswers(qs, { age: '30' }, 'submit').reasons).toEqual({ name: { reason: 'required' } });
  });

  it('drops blank answers and refuses keys that are no question (sections take no answer)', () => {
    const r = validateAnswers(qs, { name: '  ', intro: 'x', nope: 1 }, 'draft');
    expect(r.answers).toEqual({});
    expect(r.reasons).toEqual({ intro: { reason: 'unknown_field' }, nope: { reason: 'unknown_field' } });
    expect(validateAnswers(qs, 'nope', 'draft').reasons).toEqual({ answers: { reason: 'invalid' } });
  });
});
