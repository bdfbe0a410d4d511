import { describe, expect, it } from 'vitest';
import { parseW3cDatetime } from './w3c-datetime.js';

// W3C datetime profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime): YYYY-MM-DD, or with
// Thh:mm[:ss[.s]] and TZD (Z or +hh:mm).
describe('parseW3cDatetime', () => {
  it('reads dates, times and zones to the instant they name', () => {
    expect(parseW3cDatetime('2026-03-02', { time: 'optional' })?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(parseW3cDatetime('2026-03-02T10:00Z', { time: 'optional' })?.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(parseW3cDatetime('2026-03-02T10:00:30.25+01:00', { time: 'required' })?.toISOString()).toBe('2026-03-02T09:00:30.250Z');
    expect(parseW3cDatetime('2026-03-02T10:00:00-0530', { time: 'required' })?.toISOString()).toBe('2026-03-02T15:30:00.000Z');
    expect(parseW3cDatetime('2024-02-29', { time: 'optional' })).not.toBeNull();
  });

  it('refuses what names no real day or time instead of rolling it over', () => {
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-01T24:00Z',
      '2026-01-01T10:60Z',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00+15:00',
    ])
      expect(parseW3cDatetime(bad, { time: 'optional' }), bad).toBeNull();
    for (const bad of ['0000-01-01', '0999-12-31', '+275760-09-13', 'NaN', 'Infinity', '', '2026-01-01T10:00', '2026-1-1'])
      expect(parseW3cDatetime(bad, { time: 'optional' }), bad).toBeNull();
    expect(parseW3cDatetime('2026-03-02', { time: 'required' })).toBeNull();
  });
});
