import { describe, expect, it } from 'vitest';
import { checkAmount, checkDateText, checkRelease } from './release-checks.js';

// The rules follow the OCDS 1.1 schema: dates are `format: date-time` (RFC 3339), `Value.amount` is a
// `number`; the descriptions of `planning.budget.amount` ("A negative value indicates anticipated
// income") and of a transaction's `value` ("A negative value indicates a refund or correction") are
// the only places OCDS allows a negative amount.
describe('checkDateText', () => {
  it.each(['2023-04-01T09:30:00Z', '2016-06-02T14:12:30.123456+03:00', '2024-02-29', '2017-01-20T00:00:00-0500', '2020-01-01 10:00'])(
    'accepts %s',
    (text) => expect(checkDateText(text)).toBeNull(),
  );
  it.each([
    ['2023-02-30T00:00:00Z', /not a day of the calendar/],
    ['2023-02-29', /not a day of the calendar/],
    ['2023-13-01', /not a day of the calendar/],
    ['0000-01-01T00:00:00Z', /year 0000, outside 1900–2200/],
    ['99999-01-01T00:00:00Z', /must be an ISO 8601 date-time/],
    ['9999-12-31T00:00:00Z', /outside 1900–2200/],
    ['2023-01-01T24:00:00Z', /not a time of day/],
    ['2023-01-01T10:00:00+25:00', /impossible time-zone offset/],
    ['yesterday', /must be an ISO 8601 date-time \(such as 2023-04-01T09:30:00Z\), not the string "yesterday"/],
    ['01/02/2023', /must be an ISO 8601/],
  ])('refuses %s', (text, reason) => expect(checkDateText(text)).toMatch(reason));
});

describe('checkAmount', () => {
  it('accepts finite numbers up to 2^53 - 1; a price must not be negative, a budget may be', () => {
    expect(checkAmount(0, true)).toBeNull();
    expect(checkAmount(12345.67, true)).toBeNull();
    expect(checkAmount(Number.MAX_SAFE_INTEGER, true)).toBeNull();
    expect(checkAmount(-500, false)).toBeNull();
    expect(checkAmount(-5, true)).toBe('must be a non-negative number, not -5');
  });
  it('refuses non-numbers, infinities (1e999 reads as Infinity) and absurd magnitudes', () => {
    expect(checkAmount('ten', true)).toBe('must be a non-negative number, not the string "ten"');
    expect(checkAmount('NaN', false)).toBe('must be a number, not the string "NaN"');
    expect(checkAmount(JSON.parse('1e999') as number, true)).toMatch(/not a number too large to represent \(Infinity\)/);
    expect(checkAmount(1e300, true)).toMatch(/beyond 9007199254740991/);
    expect(checkAmount(-1e300, false)).toMatch(/beyond/);
    expect(checkAmount(true, true)).toBe('must be a non-negative number, not boolean true');
  });
});

describe('checkRelease', () => {
  it('names each value it cannot read faithfully by its JSON path, once', () => {
    const problems = checkRelease({
      ocid: 'ocds-1',
      id: '1',
      date: '2023-02-30T00:00:00Z',
      tender: {
        value: { amount: -5, currency: 'UAH' },
        tenderPeriod: { startDate: 20230101, endDate: '' },
        numberOfTenderers: '3',
        items: [{ unit: { value: { amount: 'NaN' } } }],
      },
      awards: [{ date: '0000-01-01T00:00:00Z', value: { amount: 1e300 } }],
      bids: { details: [{ value: { amount: 'ten' } }] },
      planning: { budget: { amount: { amount: -1000, currency: 'UAH' } } },
      contracts: [{ implementation: { transactions: [{ value: { amount: -20 } }] } }],
    });
    expect(problems).toEqual([
      { path: 'date', error: expect.stringMatching(/not a day of the calendar/) as unknown },
      { path: 'tender.value.amount', error: 'must be a non-negative number, not -5' },
      { path: 'tender.tenderPeriod.startDate', error: 'must be an ISO 8601 date-time string, not the number 20230101' },
      { path: 'tender.items[0].unit.value.amount', error: 'must be a non-negative number, not the string "NaN"' },
      { path: 'awards[0].date', error: expect.stringMatching(/year 0000/) as unknown },
      { path: 'awards[0].value.amount', error: expect.stringMatching(/beyond/) as unknown },
      { path: 'bids.details[0].value.amount', error: 'must be a non-negative number, not the string "ten"' },
      { path: 'tender.numberOfTenderers', error: 'must be an integer, not a string' },
    ]);
  });

  it('lets missing values, null and empty strings be (as Moldova publishes them), and extensions’ negative amounts', () => {
    expect(
      checkRelease({
        ocid: 'ocds-1',
        id: '1',
        date: null,
        tender: { value: { amount: '' }, documents: [{ datePublished: '' }], tenderPeriod: { endDate: null } },
        planning: [{ tender: { savedFromContractValue: { amount: -62999.99 } } }],
      }),
    ).toEqual([]);
  });
});
