import { describe, expect, it } from 'vitest';
import { MAX_FILLED_PERIODS, fillPeriods, periodKey } from './periods.js';

const byMonth = (rows: { k: string; n: number }[], extra: { from?: string | Date; to?: string | Date } = {}) =>
  fillPeriods(rows, { unit: 'month', key: (r) => r.k, empty: (k) => ({ k, n: 0 }), ...extra });

describe('periodKey', () => {
  it('names months and ISO weeks (Monday) in UTC', () => {
    expect(periodKey(new Date('2025-03-31T23:59:59Z'), 'month')).toBe('2025-03');
    // 2025-01-01 is a Wednesday: its ISO week starts Monday 2024-12-30.
    expect(periodKey(new Date('2025-01-01T10:00:00Z'), 'week')).toBe('2024-12-30');
    expect(periodKey(new Date('2025-01-05T23:00:00Z'), 'week')).toBe('2024-12-30'); // Sunday
    expect(periodKey(new Date('2025-01-06T00:00:00Z'), 'week')).toBe('2025-01-06'); // Monday
  });
});

describe('fillPeriods', () => {
  it('shows months without data as zero, across a year end, in order', () => {
    const out = byMonth([
      { k: '2025-02', n: 4 },
      { k: '2024-11', n: 1 },
    ]);
    expect(out).toEqual([
      { k: '2024-11', n: 1 },
      { k: '2024-12', n: 0 },
      { k: '2025-01', n: 0 },
      { k: '2025-02', n: 4 },
    ]);
  });

  it('extends the series to the range asked for (from and to as keys or dates)', () => {
    expect(byMonth([{ k: '2025-03', n: 2 }], { from: '2025-01', to: new Date('2025-04-15T00:00:00Z') }).map((r) => r.n)).toEqual([0, 0, 2, 0]);
    expect(byMonth([], { from: '2025-01', to: '2025-02' })).toEqual([
      { k: '2025-01', n: 0 },
      { k: '2025-02', n: 0 },
    ]);
  });

  it('never drops a row outside the range, nor one whose key is not a month', () => {
    const out = byMonth(
      [
        { k: '2024-12', n: 1 },
        { k: 'unknown', n: 3 },
        { k: '2025-13', n: 5 },
      ],
      { from: '2025-01', to: '2025-02' },
    );
    expect(out).toEqual([
      { k: '2024-12', n: 1 },
      { k: '2025-01', n: 0 },
      { k: '2025-02', n: 0 },
      { k: 'unknown', n: 3 },
      { k: '2025-13', n: 5 },
    ]);
  });

  it('keeps two rows of the same month (it fills, it does not merge)', () => {
    expect(
      byMonth([
        { k: '2025-01', n: 1 },
        { k: '2025-01', n: 2 },
        { k: '2025-03', n: 3 },
      ]).map((r) => r.n),
    ).toEqual([1, 2, 0, 3]);
  });

  it('fills weeks seven days apart, starting on Mondays', () => {
    const out = fillPeriods(
      [
        { k: '2024-12-23', n: 2 },
        { k: '2025-01-13', n: 1 },
      ],
      { unit: 'week', key: (r) => r.k, empty: (k) => ({ k, n: 0 }) },
    );
    expect(out.map((r) => r.k)).toEqual(['2024-12-23', '2024-12-30', '2025-01-06', '2025-01-13']);
    expect(out.map((r) => r.n)).toEqual([2, 0, 0, 1]);
  });

  it('does not fill an absurd span made by a stray date', () => {
    const out = byMonth([
      { k: '0201-05', n: 1 },
      { k: '2025-01', n: 2 },
    ]);
    expect(out).toHaveLength(2);
    expect(MAX_FILLED_PERIODS).toBeLessThan((2025 - 201) * 12);
  });

  it('returns nothing for nothing', () => {
    expect(byMonth([])).toEqual([]);
  });
});
