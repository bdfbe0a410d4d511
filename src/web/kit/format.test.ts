import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from './format.js';

describe('formatMoney', () => {
  it('drops needless decimals but keeps cents that are not zero', () => {
    expect(formatMoney('150000', 'EUR', 'en')).toBe('€150,000');
    expect(formatMoney('150000.00', 'EUR', 'en')).toBe('€150,000');
    expect(formatMoney('99.5', 'EUR', 'en')).toBe('€99.50');
    expect(formatMoney(1234.05, 'USD', 'en')).toBe('$1,234.05');
  });

  it('writes the amount as each locale does', () => {
    // Intl separates thousands with a narrow no-break space in French, a no-break space in Ukrainian.
    expect(formatMoney('150000', 'EUR', 'fr')).toBe('150\u202f000\u00a0€');
    expect(formatMoney('150000', 'EUR', 'es')).toBe('150.000\u00a0€');
    expect(formatMoney('150000.25', 'EUR', 'pt')).toBe('€\u00a0150.000,25');
    expect(formatMoney('2500', 'UAH', 'uk')).toBe('2\u00a0500\u00a0₴');
  });

  it('writes a currency that is not an ISO code after the number', () => {
    expect(formatMoney('1200', 'points', 'en')).toBe('1,200 points');
    expect(formatMoney('not a number', 'EUR', 'en')).toBe('not a number');
  });
});

describe('formatDate', () => {
  it('writes a date in the locale, in UTC', () => {
    expect(formatDate('2027-06-01T00:00:00Z', 'en')).toBe('June 1, 2027');
    expect(formatDate('2027-06-01T00:00:00Z', 'fr')).toBe('1 juin 2027');
    expect(formatDate(null, 'en')).toBe('');
  });
});
