import { describe, expect, it } from 'vitest';
import { computeProzorroRules } from './compute-prozorro-rules.js';
import { countParticipants } from './pz01-single-participant.js';
import { createDefaultProzorroRuleSettings, PROZORRO_VALUE_FLOORS, type ProzorroRuleSettings } from './types.js';

// Hand-built compiled releases: each case below states which fields make it flagged or not.
const uah = (amount: number) => ({ amount, currency: 'UAH' });
const org = (id: string) => ({ id, name: id });

function release(ocid: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { ocid, date: '2024-01-10T00:00:00Z', buyer: org('B1'), ...extra };
}

function run(releases: unknown[], settings: ProzorroRuleSettings = createDefaultProzorroRuleSettings()) {
  return computeProzorroRules(releases, settings);
}

describe('PZ01 single participant in a competitive method', () => {
  const open = (ocid: string, tender: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    release(ocid, { tender: { procurementMethod: 'open', status: 'complete', ...tender }, ...more });

  it('flags one declared tenderer in an open tender, not two, not a limited method', () => {
    const out = run([
      open('a', { numberOfTenderers: 1 }),
      open('b', { numberOfTenderers: 2 }),
      release('c', { tender: { procurementMethod: 'limited', numberOfTenderers: 1 } }),
      release('d', { tender: { procurementMethod: 'selective', numberOfTenderers: 1 } }),
    ]);
    expect(out.a?.PZ01).toBe(1);
    expect(out.b?.PZ01).toBeUndefined();
    expect(out.c?.PZ01).toBeUndefined();
    expect(out.d?.PZ01).toBe(1);
  });

  it('counts distinct tenderers of submitted bids when numberOfTenderers is missing', () => {
    const bids = (list: [string, string][]) => ({ details: list.map(([id, status]) => ({ status, tenderers: [org(id)] })) });
    const one = open(
      'one',
      {},
      {
        bids: bids([
          ['T1', 'valid'],
          ['T1', 'valid'],
          ['T2', 'withdrawn'],
        ]),
      },
    );
    const two = open(
      'two',
      {},
      {
        bids: bids([
          ['T1', 'valid'],
          ['T2', 'disqualified'],
        ]),
      },
    );
    expect(countParticipants(one)).toBe(1);
    expect(countParticipants(two)).toBe(2);
    const out = run([one, two, open('none', {})]);
    expect(Object.keys(out)).toEqual(['one']);
  });

  it('skips unsuccessful and cancelled tenders and processes below the value floors', () => {
    const settings = { ...createDefaultProzorroRuleSettings(), valueFloors: PROZORRO_VALUE_FLOORS };
    const out = run(
      [
        open('unsuccessful', { numberOfTenderers: 1, status: 'unsuccessful' }),
        open('cancelled', { numberOfTenderers: 1, status: 'cancelled' }),
        open('small', { numberOfTenderers: 1, value: uah(399_999), mainProcurementCategory: 'goods' }),
        open('big', { numberOfTenderers: 1, value: uah(400_000), mainProcurementCategory: 'goods' }),
        open('works', { numberOfTenderers: 1, value: uah(1_000_000), mainProcurementCategory: 'works' }),
        open('eur', { numberOfTenderers: 1, value: { amount: 9e6, currency: 'EUR' }, mainProcurementCategory: 'goods' }),
      ],
      settings,
    );
    expect(Object.keys(out)).toEqual(['big']);
  });
});

describe('PZ02 two or more bidders disqualified besides the winner', () => {
  const award = (id: string, status: string, supplier: string) => ({ id, status, suppliers: [org(supplier)], value: uah(100) });
  it('counts disqualified bids and unsuccessful awards (ProZorro style), not the winner', () => {
    const out = run([
      // ProZorro: bids stay active, rejections are unsuccessful awards. W won after X and Y were rejected.
      release('prozorro', { awards: [award('1', 'unsuccessful', 'X'), award('2', 'unsuccessful', 'Y'), award('3', 'active', 'W')] }),
      // Only one rejected: below the threshold of 2.
      release('one', { awards: [award('1', 'unsuccessful', 'X'), award('2', 'active', 'W')] }),
      // Standard OCDS: two disqualified bids, and the winner's own earlier disqualified bid does not count.
      release('ocds', {
        bids: {
          details: [
            { status: 'disqualified', tenderers: [org('X')] },
            { status: 'disqualified', tenderers: [org('Y')] },
            { status: 'disqualified', tenderers: [org('W')] },
            { status: 'valid', tenderers: [org('W')] },
          ],
        },
        awards: [award('1', 'active', 'W')],
      }),
      // The same operator rejected twice counts once.
      release('same', { awards: [award('1', 'unsuccessful', 'X'), award('2', 'unsuccessful', 'X'), award('3', 'active', 'W')] }),
      // No winner yet: not flagged.
      release('nowinner', { awards: [award('1', 'unsuccessful', 'X'), award('2', 'unsuccessful', 'Y')] }),
    ]);
    expect(out.prozorro?.PZ02).toBe(2);
    expect(out.ocds?.PZ02).toBe(2);
    expect(out.one).toBeUndefined();
    expect(out.same).toBeUndefined();
    expect(out.nowinner).toBeUndefined();
  });
  it('honours the threshold setting', () => {
    const out = run([release('one', { awards: [award('1', 'unsuccessful', 'X'), award('2', 'active', 'W')] })], { PZ02: { threshold: 1 } });
    expect(out.one?.PZ02).toBe(1);
  });
});

describe('PZ03 three or more contract amendments', () => {
  const amendments = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i), date: '2024-02-01T00:00:00Z' }));
  it('flags a contract with 3 amendments, not 2 spread over two contracts', () => {
    const out = run([
      release('three', { contracts: [{ id: 'c1', amendments: amendments(3) }] }),
      release('two', { contracts: [{ id: 'c1', amendments: amendments(2) }] }),
      release('split', {
        contracts: [
          { id: 'c1', amendments: amendments(2) },
          { id: 'c2', amendments: amendments(2) },
        ],
      }),
      release('five', {
        contracts: [
          { id: 'c1', amendments: amendments(1) },
          { id: 'c2', amendments: amendments(5) },
        ],
      }),
      release('bad', { contracts: [{ id: 'c1', amendments: 'three' }] }),
    ]);
    expect(out.three?.PZ03).toBe(3);
    expect(out.five?.PZ03).toBe(5);
    expect(out.two).toBeUndefined();
    expect(out.split).toBeUndefined();
    expect(out.bad).toBeUndefined();
  });
});

describe('PZ04 price increased by amendment', () => {
  const awarded = { id: 'a1', status: 'active', value: uah(1000), suppliers: [org('S')] };
  const contract = (amount: number, amended: boolean, extra: Record<string, unknown> = {}) => ({
    id: 'c1',
    awardID: 'a1',
    value: uah(amount),
    ...(amended ? { amendments: [{ id: 'x' }] } : {}),
    ...extra,
  });
  it('flags an amended contract above its award and reports the increase ratio', () => {
    const out = run([
      release('up', { awards: [awarded], contracts: [contract(1100, true)] }),
      release('same', { awards: [awarded], contracts: [contract(1000, true)] }),
      release('down', { awards: [awarded], contracts: [contract(900, true)] }),
      release('unamended', { awards: [awarded], contracts: [contract(1500, false)] }),
      release('currency', { awards: [awarded], contracts: [contract(1500, true, { value: { amount: 1500, currency: 'USD' } })] }),
      release('noaward', { awards: [awarded], contracts: [contract(1500, true, { awardID: 'zzz' })] }),
    ]);
    expect(out.up?.PZ04).toBeCloseTo(0.1, 12);
    expect(Object.keys(out)).toEqual(['up']);
  });
  it('honours minimumIncrease (10% is not more than 10%)', () => {
    const out = run(
      [
        release('up', { awards: [awarded], contracts: [contract(1100, true)] }),
        release('up2', { awards: [awarded], contracts: [contract(1101, true)] }),
      ],
      {
        PZ04: { minimumIncrease: 0.1 },
      },
    );
    expect(Object.keys(out)).toEqual(['up2']);
  });
});

describe('PZ05 award far below the expected value', () => {
  const award = (amount: number, extra: Record<string, unknown> = {}) => ({
    id: 'a',
    status: 'active',
    value: uah(amount),
    suppliers: [org('S')],
    ...extra,
  });
  it('flags a discount of 30% or more against tender.value', () => {
    const out = run([
      release('thirty', { tender: { value: uah(1000) }, awards: [award(700)] }),
      release('twentynine', { tender: { value: uah(1000) }, awards: [award(710)] }),
      release('sixty', { tender: { value: uah(7500) }, awards: [award(2875)] }),
      release('pending', { tender: { value: uah(1000) }, awards: [award(100, { status: 'pending' })] }),
      release('zero', { tender: { value: uah(0) }, awards: [award(100)] }),
    ]);
    expect(out.thirty?.PZ05).toBeCloseTo(0.3, 12);
    expect(out.sixty?.PZ05).toBeCloseTo(1 - 2875 / 7500, 12);
    expect(Object.keys(out).sort()).toEqual(['sixty', 'thirty']);
  });
  it('compares a lot award with its lot value, not the tender total', () => {
    const tender = {
      value: uah(10_000),
      lots: [
        { id: 'L1', value: uah(1000) },
        { id: 'L2', value: uah(9000) },
      ],
    };
    const out = run([
      release('lotok', { tender, awards: [award(900, { relatedLots: ['L1'] })] }),
      release('lotlow', { tender, awards: [award(5000, { relatedLots: ['L2'] })] }),
    ]);
    expect(out.lotok).toBeUndefined();
    expect(out.lotlow?.PZ05).toBeCloseTo(1 - 5000 / 9000, 12);
    // A lot award without a resolvable lot (Armenia's non-standard {lotId} objects) is not compared with the 10,000 total.
    const unresolved = run([release('unresolved', { tender, awards: [award(900, { relatedLots: [{ lotId: 'L1' }] })] })]);
    expect(unresolved).toEqual({});
  });
});

describe('PZ06 split purchases just below the threshold within a year', () => {
  const purchase = (ocid: string, buyer: string, supplier: string, amount: number, date: string, currency = 'UAH') =>
    release(ocid, {
      buyer: org(buyer),
      tender: { procurementMethod: 'limited' },
      awards: [{ id: '1', status: 'active', date, value: { amount, currency }, suppliers: [org(supplier)] }],
    });

  it('flags two purchases in the band within 365 days from the same buyer and supplier', () => {
    const out = run([
      purchase('p1', 'B1', 'S1', 199_000, '2024-01-01T00:00:00Z'),
      purchase('p2', 'B1', 'S1', 160_000, '2024-12-31T00:00:00Z'), // 365 days later: inside
      purchase('p3', 'B1', 'S1', 159_999, '2024-03-01T00:00:00Z'), // below the band
      purchase('p4', 'B1', 'S1', 200_000, '2024-03-01T00:00:00Z'), // at the threshold: competitive, not split
      purchase('p5', 'B1', 'S2', 190_000, '2024-03-01T00:00:00Z'), // other supplier, alone
      purchase('p6', 'B2', 'S1', 190_000, '2024-03-01T00:00:00Z'), // other buyer, alone
      purchase('p7', 'B1', 'S1', 190_000, '2024-03-01T00:00:00Z', 'USD'), // other currency
    ]);
    expect(out.p1?.PZ06).toBe(2);
    expect(out.p2?.PZ06).toBe(2);
    expect(Object.keys(out).sort()).toEqual(['p1', 'p2']);
  });

  it('does not join purchases more than a year apart and counts the largest window', () => {
    const out = run([
      purchase('q1', 'B1', 'S1', 180_000, '2022-01-01T00:00:00Z'),
      purchase('q2', 'B1', 'S1', 180_000, '2023-01-02T00:00:00Z'), // 366 days after q1
      purchase('r1', 'B1', 'S1', 180_000, '2025-01-01T00:00:00Z'),
      purchase('r2', 'B1', 'S1', 180_000, '2025-02-01T00:00:00Z'),
      purchase('r3', 'B1', 'S1', 180_000, '2025-03-01T00:00:00Z'),
    ]);
    expect(out.q1).toBeUndefined();
    expect(out.q2).toBeUndefined();
    expect([out.r1?.PZ06, out.r2?.PZ06, out.r3?.PZ06]).toEqual([3, 3, 3]);
  });

  it('honours threshold, band and minimumPurchases', () => {
    const list = [purchase('a', 'B1', 'S1', 45_000, '2024-01-01T00:00:00Z'), purchase('b', 'B1', 'S1', 49_000, '2024-02-01T00:00:00Z')];
    expect(run(list, { PZ06: { threshold: 50_000, band: 0.1 } }).a?.PZ06).toBe(2);
    expect(run(list, { PZ06: { threshold: 50_000, band: 0.05 } })).toEqual({});
    expect(run(list, { PZ06: { threshold: 50_000, band: 0.1, minimumPurchases: 3 } })).toEqual({});
  });

  it('looks just below 1,500,000 UAH for works and 200,000 for goods and services', () => {
    const works = (ocid: string, amount: number, date: string) => {
      const r = purchase(ocid, 'B1', 'S1', amount, date);
      (r.tender as Record<string, unknown>).mainProcurementCategory = 'works';
      return r;
    };
    const out = run([
      works('w1', 1_400_000, '2024-01-01T00:00:00Z'),
      works('w2', 1_250_000, '2024-02-01T00:00:00Z'),
      works('w3', 190_000, '2024-03-01T00:00:00Z'), // below the works band: not a dodge of 1.5 million
      purchase('g1', 'B1', 'S1', 190_000, '2024-04-01T00:00:00Z'), // goods: alone in its band
    ]);
    expect(out).toEqual({ w1: { PZ06: 2 }, w2: { PZ06: 2 } });
    expect(
      run([works('x1', 1_400_000, '2024-01-01T00:00:00Z'), works('x2', 1_400_000, '2024-02-01T00:00:00Z')], { PZ06: { worksThreshold: 1_000_000 } }),
    ).toEqual({});
  });
});

describe('exclusions shared by every rule', () => {
  it('ignores releases without a string ocid, cancelled tenders and non-objects', () => {
    const out = run([
      { ocid: 5, tender: { procurementMethod: 'open', numberOfTenderers: 1 } },
      { ocid: 'x', tender: { procurementMethod: 'open', numberOfTenderers: 1, status: 'cancelled' } },
      null,
      [1],
      'text',
    ]);
    expect(out).toEqual({});
  });
});
