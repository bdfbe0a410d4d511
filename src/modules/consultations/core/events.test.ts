import { describe, expect, it } from 'vitest';
import {
  checkEventInput,
  checkOutcomeInput,
  eventDecisionsFor,
  eventTimeOf,
  formatMakeUp,
  groupOutcomesByTheme,
  parseEventTime,
  parseMakeUp,
} from './events.js';

const valid = {
  title: 'Dialogue',
  organiserName: 'Youth council',
  country: 'pt',
  startsAt: '2026-04-18T18:30',
  placeName: 'Library',
  format: 'workshop',
  language: 'pt',
};

describe('event input', () => {
  it('reads the form strings: upper-cases the country, numbers from text, online drops nothing by itself', () => {
    const r = checkEventInput({ ...valid, lat: '41.5', lon: '-8.42', participants: '40', online: 'on' });
    expect(r.ok && r.value).toMatchObject({ country: 'PT', lat: 41.5, lon: -8.42, participants: 40, online: true, makeUp: {} });
  });

  it('names every refused field at once with its coded reason, including the checks across fields', () => {
    const r = checkEventInput({ ...valid, organiserName: '', placeName: ' ', country: 'ZZ', lat: '91', participants: '2.5', startsAt: '2026-13-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reasons).toEqual({
      country: { reason: 'invalid_choice' },
      startsAt: { reason: 'invalid_date' },
      lat: { reason: 'latitude_range' },
      participants: { reason: 'not_whole' },
      organiserName: { reason: 'required' },
      placeName: { reason: 'required' },
      lon: { reason: 'both_coordinates' },
    });
  });

  it('needs no place when online', () => {
    expect(checkEventInput({ ...valid, placeName: '', online: true }).ok).toBe(true);
  });
});

describe('event time', () => {
  it('reads a local date and time as UTC wall time and refuses dates that do not exist', () => {
    expect(parseEventTime('2026-04-18T18:30')?.toISOString()).toBe('2026-04-18T18:30:00.000Z');
    expect(parseEventTime('2026-04-18T18:30:00.000Z')?.toISOString()).toBe('2026-04-18T18:30:00.000Z');
    expect(parseEventTime('2026-02-29T10:00')).toBeNull();
    expect(parseEventTime('2028-02-29T10:00')?.getUTCDate()).toBe(29);
    expect(parseEventTime('2026-04-18T24:00')).toBeNull();
    expect(parseEventTime('18/04/2026')).toBeNull();
    expect(eventTimeOf(new Date('2026-04-18T18:30:00Z'))).toBe('2026-04-18T18:30');
  });
});

describe('participants make-up', () => {
  it('reads one group a line, adds repeated groups, and refuses a line by its number', () => {
    expect(parseMakeUp('students = 12\n\nfarmers: 4\nstudents=3')).toEqual({ ok: true, value: { students: 15, farmers: 4 } });
    expect(parseMakeUp('students = 12\nteachers twelve')).toEqual({ ok: false, error: { line: 2 } });
    expect(parseMakeUp('= 3')).toEqual({ ok: false, error: { line: 1 } });
    expect(formatMakeUp({ students: 15, farmers: 4, 'aged 16-29': 2 })).toBe('aged 16-29 = 2\nfarmers = 4\nstudents = 15');
  });
});

describe('outcome', () => {
  it("refuses a theme the consultation does not have, naming the item's themes", () => {
    const r = checkOutcomeInput(
      {
        summary: 'ok',
        items: [
          { kind: 'concern', text: 'a', themes: ['climate'] },
          { kind: 'concern', text: 'b', themes: ['mars'] },
        ],
      },
      ['climate'],
    );
    expect(r).toEqual({
      ok: false,
      error: { fields: { 'items.1.themes': 'not a theme of this consultation: mars' }, reasons: { 'items.1.themes': { reason: 'invalid_choice' } } },
    });
  });

  it('groups items by theme in the consultation order, an item in each of its themes, untagged last, empty themes left out', () => {
    const events = [
      {
        id: 'e1',
        title: 'One',
        country: 'PT',
        outcomeItems: [
          { kind: 'recommendation' as const, text: 'Both', themes: ['b', 'a'] },
          { kind: 'concern' as const, text: 'None', themes: [] },
          { kind: 'concern' as const, text: 'Unknown theme', themes: ['gone'] },
        ],
      },
      { id: 'e2', title: 'Two', country: 'ES', outcomeItems: [{ kind: 'concern' as const, text: 'B only', themes: ['b'] }] },
    ];
    const groups = groupOutcomesByTheme(events, ['a', 'b', 'c']);
    expect(groups.map((g) => [g.themeId, g.items.map((i) => i.text)])).toEqual([
      ['a', ['Both']],
      ['b', ['Both', 'B only']],
      [null, ['None', 'Unknown theme']],
    ]);
    expect(groups[1].items[1]).toEqual({ eventId: 'e2', eventTitle: 'Two', country: 'ES', kind: 'concern', text: 'B only' });
  });
});

describe('decisions', () => {
  it('lets editors decide a proposed event either way and change their decision', () => {
    expect(eventDecisionsFor('proposed')).toEqual(['approve', 'reject']);
    expect(eventDecisionsFor('approved')).toEqual(['reject']);
    expect(eventDecisionsFor('rejected')).toEqual(['approve']);
  });
});
