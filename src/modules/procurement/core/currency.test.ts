import { describe, expect, it } from 'vitest';
import { orderAuditQueue } from './risk-queue.js';
import { buildRateTable, chooseReferenceCurrency, convertToReference, convertValue, findRate } from './currency.js';

// Rates against USD as central banks publish them (units of the currency per 1 USD); figures of
// early 2025 rounded: NGN about 1,500-1,550, COP about 4,100-4,300, MXN about 20.5.
const table = buildRateTable('USD', [
  { currency: 'NGN', date: '2025-01-02', rate: 1550 },
  { currency: 'NGN', date: '2025-02-03', rate: 1500 },
  { currency: 'COP', date: '2025-01-02', rate: 4300 },
  { currency: 'COP', date: '2025-02-03', rate: 4100 },
  { currency: 'MXN', date: '2025-01-02', rate: 20.5 },
]);

describe('exchange rates by date', () => {
  it('takes the rate of the day, else the last one before it, never a later one', () => {
    expect(findRate(table, 'NGN', '2025-02-03')).toEqual({ date: '2025-02-03', rate: 1500 });
    expect(findRate(table, 'NGN', '2025-02-02T23:59:00Z')).toEqual({ date: '2025-01-02', rate: 1550 });
    expect(findRate(table, 'NGN', '2026-06-01')).toEqual({ date: '2025-02-03', rate: 1500 });
    expect(findRate(table, 'NGN', '2025-01-01')).toBeNull();
    expect(findRate(table, 'EUR', '2025-02-03')).toBeNull();
  });

  it('converts by the rate of the process date and says why when it cannot', () => {
    expect(convertToReference(table, 3_100_000, 'NGN', '2025-01-20')).toMatchObject({ converted: true, value: 2000, rateDate: '2025-01-02' });
    expect(convertToReference(table, 3_000_000, 'ngn', '2025-02-10')).toMatchObject({ converted: true, value: 2000, currency: 'USD' });
    expect(convertToReference(table, 500, 'USD', null)).toEqual({ converted: true, value: 500, currency: 'USD', rate: 1, rateDate: null });
    expect(convertToReference(table, 10, 'NGN', '2024-12-31')).toEqual({ converted: false, value: 10, currency: 'NGN', reason: 'no_rate' });
    expect(convertToReference(table, 10, 'BRL', '2025-02-10')).toMatchObject({ converted: false, reason: 'no_rate' });
    expect(convertToReference(table, 10, 'NGN', null)).toMatchObject({ converted: false, reason: 'no_date' });
    expect(convertToReference(table, 10, null, '2025-02-10')).toMatchObject({ converted: false, reason: 'no_currency' });
    expect(convertValue(null, 10, 'NGN', '2025-02-10')).toMatchObject({ converted: false, reason: 'no_reference' });
  });

  it('compares values in the configured currency, or in the one currency they share, else not at all', () => {
    expect(chooseReferenceCurrency('EUR', ['NGN', 'COP'])).toBe('EUR');
    expect(chooseReferenceCurrency(null, ['UAH', 'uah'])).toBe('UAH');
    expect(chooseReferenceCurrency(null, ['NGN', 'COP'])).toBeNull();
    expect(chooseReferenceCurrency(null, ['UAH', null])).toBeNull();
  });

  it('ranks NGN, COP and MXN values by what they are worth, not by their digits', () => {
    // As written, NGN 30,000,000 > COP 20,000,000 > MXN 200,000; in USD on 2025-02-10 they are
    // 20,000, about 4,878 and about 9,756: MXN comes before COP, and the BRL value without a rate
    // is not ranked above any of them.
    const processes = [
      { ocid: 'ng', amount: 30_000_000, currency: 'NGN', date: '2025-02-10' },
      { ocid: 'co', amount: 20_000_000, currency: 'COP', date: '2025-02-10' },
      { ocid: 'mx', amount: 200_000, currency: 'MXN', date: '2025-02-10' },
      { ocid: 'br', amount: 90_000_000, currency: 'BRL', date: '2025-02-10' },
    ];
    const candidates = processes.map((p) => {
      const c = convertToReference(table, p.amount, p.currency, p.date);
      return { ocid: p.ocid, score: 1, value: c.converted ? c.value : null };
    });
    const queue = orderAuditQueue(candidates);
    expect(queue.map((e) => e.item.ocid)).toEqual(['ng', 'mx', 'co', 'br']);
    expect(queue.map((e) => e.valueRank)).toEqual([1, 2, 3, 4]);
  });
});
