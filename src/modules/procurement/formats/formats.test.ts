import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/errors.js';
import { findTypeIssues } from '../core/release-types.js';
import { readCardinalSettings } from './cardinal-ini.js';
import { readJsonLines, type LineIssue } from './json-lines.js';

async function collect(text: string) {
  const issues: LineIssue[] = [];
  const lines = [];
  for await (const l of readJsonLines(Readable.from([text]), (i) => issues.push(i))) lines.push(l);
  return { lines, issues };
}

describe('readJsonLines', () => {
  it('reports malformed lines with their number and keeps every valid line', async () => {
    const { lines, issues } = await collect('{"ocid":"a"}\n{"ocid":\n\n{"ocid":"b"}\nnot json\n{"ocid":"c"}');
    expect(lines).toEqual([
      { line: 1, value: { ocid: 'a' } },
      { line: 4, value: { ocid: 'b' } },
      { line: 6, value: { ocid: 'c' } },
    ]);
    expect(issues.map((i) => i.line)).toEqual([2, 5]);
    expect(issues[0].error).toMatch(/invalid JSON/);
  });
});

describe('findTypeIssues', () => {
  it('reports wrong types with their JSON path', () => {
    const issues = findTypeIssues({
      ocid: 'x',
      tender: { numberOfTenderers: '1', tenderPeriod: { startDate: 5 } },
      bids: { details: [{ status: 'valid' }, { value: { amount: '10', currency: 'USD' }, tenderers: [{ id: 7 }] }] },
      awards: {},
    });
    expect(issues).toEqual([
      { path: 'tender.numberOfTenderers', expected: 'integer', actual: 'string' },
      { path: 'tender.tenderPeriod.startDate', expected: 'string', actual: 'number' },
      { path: 'bids.details[1].value.amount', expected: 'number', actual: 'string' },
      { path: 'bids.details[1].tenderers[0].id', expected: 'string', actual: 'number' },
      { path: 'awards', expected: 'array', actual: 'object' },
    ]);
  });

  it('reports a missing ocid and accepts a well-typed release', () => {
    expect(findTypeIssues({ tender: {} })).toEqual([{ path: 'ocid', expected: 'string', actual: 'missing' }]);
    expect(findTypeIssues({ ocid: 'a', bids: { details: [{ value: { amount: 1, currency: 'USD' } }] } })).toEqual([]);
  });
});

describe('readCardinalSettings', () => {
  it('reads global keys, exclusions, indicator sections and the per-method thresholds', () => {
    const s = readCardinalSettings(
      [
        'currency = USD',
        'no_price_comparison_procurement_methods = NPC|Other',
        '[exclusions]',
        'procurement_method_details = EXC',
        '[R003]',
        'threshold = 10',
        '[R003.procurement_method_details]',
        'x = 5',
        '[R038]',
        '; a comment',
        'minimum_submitted_bids = 3',
        '[codelists.bid_status]',
        'qualified = valid',
      ].join('\n'),
    );
    expect(s.indicators.currency).toBe('USD');
    expect([...s.indicators.noPriceComparisonProcurementMethods]).toEqual(['NPC', 'Other']);
    expect([...s.indicators.excludedProcurementMethodDetails]).toEqual(['EXC']);
    expect(s.indicators.R003).toEqual({ threshold: 10, procurementMethodDetails: { x: 5 } });
    expect(s.indicators.R038).toEqual({ minimumSubmittedBids: 3 });
    expect(s.indicators.R024).toBeUndefined();
    expect(s.prepare.codelists.bidStatus).toEqual({ qualified: 'valid' });
  });

  it('reports unknown keys and bad values with their field', () => {
    try {
      readCardinalSettings('[R024]\nthreshold = abc\n[R018]\nfoo = 1\n[R999]');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toMatchObject({
        'R024.threshold': expect.stringMatching(/number/),
        'R018.foo': expect.any(String),
        '[R999]': 'unknown section',
      });
    }
  });
});
