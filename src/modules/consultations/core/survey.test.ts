import { describe, expect, it } from 'vitest';
import { itemSchema, type Item } from '../../questionnaires/index.js';
import { DEMO_QUESTIONNAIRE } from '../seed/questionnaire.js';
import { answersOfRecord, readImportedRecords } from './csv-answers.js';
import { carryAnswers, moveThroughSurvey, pageToShow, progressOf } from './survey.js';

const demo: Item[] = DEMO_QUESTIONNAIRE.map((i) => itemSchema.parse(i));
const page1 = { age: '16_24', region: 'centre' };
const page2 = { topics: ['security'], trust: 5, went: 'yes' };

describe('moving through a survey', () => {
  it('counts the pages shown: the event page only once the respondent says they went to one', () => {
    expect(progressOf(demo, 0, {})).toEqual({ current: 1, total: 2 });
    expect(progressOf(demo, 1, { ...page1, went: 'yes' })).toEqual({ current: 2, total: 3 });
  });

  it('refuses a page with required answers missing, and keeps the well-formed ones', () => {
    const step = moveThroughSurvey(demo, {}, 0, { age: '16_24', edu: 'primary' }, 'next');
    expect(step.ok).toBe(false);
    if (step.ok) return;
    expect(Object.keys(step.errors)).toEqual(['region']);
    expect(step.answers).toEqual({ age: '16_24', edu: 'primary' });
    expect(step.page).toBe(0);
  });

  it('lets back and save leave required answers for later, but never a malformed one', () => {
    const saved = moveThroughSurvey(demo, page1, 1, { trust: '3' }, 'save');
    expect(saved).toMatchObject({ ok: true, page: 1, answers: { ...page1, trust: 3 } });
    const back = moveThroughSurvey(demo, page1, 1, { trust: '3' }, 'back');
    expect(back).toMatchObject({ ok: true, page: 0 });
    const bad = moveThroughSurvey(demo, page1, 1, { trust: '11' }, 'save');
    expect(bad.ok).toBe(false);
  });

  it('skips to the event page or past it, and submits only a complete response', () => {
    const toEvent = moveThroughSurvey(demo, page1, 1, page2, 'next');
    expect(toEvent).toMatchObject({ ok: true, page: 2, last: true, done: false });
    const noEvent = moveThroughSurvey(demo, page1, 1, { ...page2, went: 'no' }, 'next');
    expect(noEvent).toMatchObject({ ok: true, page: 1, last: true, done: false });
    // Submitting from the last page with page 1 incomplete stands on page 1.
    const early = moveThroughSurvey(demo, { age: '16_24' }, 1, { ...page2, went: 'no' }, 'submit');
    expect(early).toMatchObject({ ok: false, page: 0 });
    const done = moveThroughSurvey(demo, page1, 1, { ...page2, went: 'no' }, 'submit');
    expect(done).toMatchObject({ ok: true, done: true });
    // "Send" pressed on what was the last page, with an answer that brings the event page: that page comes first.
    const revealed = moveThroughSurvey(demo, page1, 1, page2, 'submit');
    expect(revealed).toMatchObject({ ok: true, page: 2, last: true, done: false });
  });

  it('drops the answers of a page that a changed answer now skips', () => {
    const stored = { ...page1, ...page2, ev_people: 12 };
    const step = moveThroughSurvey(demo, stored, 1, { ...page2, went: 'no' }, 'next');
    expect(step.answers).not.toHaveProperty('ev_people');
    expect(pageToShow(demo, 2, step.answers)).toBe(1);
  });

  it('carries a draft to another version with only the answers still valid there', () => {
    const next = demo.filter((i) => i.id !== 'edu').map((i) => (i.id === 'region' ? { ...i, options: i.options.slice(0, 2) } : i));
    expect(carryAnswers(next, { age: '16_24', edu: 'primary', region: 'centre', trust: 4 })).toEqual({ age: '16_24', trust: 4 });
  });
});

describe('reading imported rows', () => {
  it('reads choices by value, several separated by semicolons, matrix rows and rankings in rank order', () => {
    const raw = answersOfRecord(demo, {
      topics: 'climate; health',
      'views.voice': 'agree',
      prio: 'rail;care;training',
      'gender.other': 'Non-binary',
    });
    expect(raw.topics).toEqual(['climate', 'health']);
    expect(raw.views).toEqual({ voice: 'agree', local: '', future: '' });
    expect(raw.prio).toEqual(['rail', 'care', 'training']);
    expect(raw.gender).toEqual({ value: '_other', other: 'Non-binary' });
  });

  it('lists every problem by row and column, and imports nothing then', () => {
    const header = ['age', 'region', 'topics', 'trust', 'went', 'colour'];
    const reading = readImportedRecords(demo, header, [
      { age: '16_24', region: 'north', topics: 'health', trust: '2', went: 'no', colour: 'red' },
      { age: '16_24', region: 'north', topics: 'a;b', trust: '', went: 'no', colour: '' },
    ]);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => `${p.row}:${p.column}:${p.reason.reason}`)).toEqual([
      '1:colour:unknown_field',
      '3:topics:invalid_choice',
      '3:trust:required',
    ]);
  });
});
