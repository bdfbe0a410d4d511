import { describe, expect, it } from 'vitest';
import { readTypedNumber } from './typed-number.js';

const value = (t: string) => {
  const r = readTypedNumber(t);
  return r.ok ? r.value : r.reason;
};

describe('numbers as people type them', () => {
  it('reads decimals with a point or a comma, and thousands grouped by spaces or by the other separator', () => {
    expect(value('1234.5')).toBe(1234.5);
    expect(value('1234,5')).toBe(1234.5);
    expect(value(' 1 234,5 ')).toBe(1234.5);
    expect(value('1\u00a0234\u202f567')).toBe(1234567);
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('1,234,567')).toBe(1234567);
    expect(value('1.234.567')).toBe(1234567);
    expect(value('0,125')).toBe(0.125);
    expect(value('-2')).toBe(-2);
    expect(value('3e6')).toBe(3e6);
    expect(value('12.3456')).toBe(12.3456);
  });

  it('refuses a lone separator before three digits as ambiguous, and what is not a number', () => {
    expect(value('12,345')).toBe('ambiguous_number');
    expect(value('12.345')).toBe('ambiguous_number');
    expect(value('1,000')).toBe('ambiguous_number');
    for (const t of ['', 'ten', '1,2,3', '1.2.3', '12,34.5', '1..2', 'Infinity', '1e999']) expect(value(t), t).toBe('not_a_number');
  });
});
