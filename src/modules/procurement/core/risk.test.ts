import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicatorPrecision } from './risk-precision.js';
import { assessProcesses, summarizeProcess } from './risk-process.js';
import { computePartyProfile, computeRiskDashboard, type ProfileProcess } from './risk-profile.js';
import { orderAuditQueue, rankDescending, selectForAudit } from './risk-queue.js';
import { bucketRiskScore, computeRiskScore, DEFAULT_RISK_WEIGHTS, resolveRiskWeights } from './risk-score.js';

describe('risk score and buckets', () => {
  it('sums the weights of the flagging indicators, once each, ignoring unknown codes', () => {
    // R018 0.4 + PZ05 0.2 = 0.6; R025 flags tenderers, not processes, so adds nothing.
    expect(computeRiskScore(['R018', 'PZ05', 'R018', 'R025', 'nope'], DEFAULT_RISK_WEIGHTS)).toBe(0.6);
    expect(computeRiskScore([], DEFAULT_RISK_WEIGHTS)).toBe(0);
  });
  it('uses site weights over the defaults', () => {
    const weights = resolveRiskWeights([
      { code: 'R018', weight: 1 },
      { code: 'X', weight: 9 },
    ]);
    expect(weights.R018).toBe(1);
    expect(weights.PZ01).toBe(DEFAULT_RISK_WEIGHTS.PZ01);
    expect(computeRiskScore(['R018', 'PZ05'], weights)).toBe(1.2);
  });
  it('buckets at 0.5 and 1.2 (State Audit Service catalogue), boundaries included upward', () => {
    expect([0, 0.49, 0.5, 1.19, 1.2, 3].map((s) => bucketRiskScore(s))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
    // 0.1 + 0.2 + 0.2 would be 0.5000000000000001 unrounded; 0.4 + 0.4 + 0.4 is 1.2000000000000002.
    expect(bucketRiskScore(computeRiskScore(['PZ01', 'R018', 'R036'], DEFAULT_RISK_WEIGHTS))).toBe('high');
  });
});

describe('auditors queue', () => {
  const items = [
    { ocid: 'A', score: 1.0, value: 100 },
    { ocid: 'B', score: 0.5, value: 1000 },
    { ocid: 'C', score: 0.5, value: 10 },
    { ocid: 'D', score: 0.2, value: 500 },
  ];
  it('ranks largest first with fractional ties', () => {
    expect(rankDescending([1, 0.5, 0.5, 0.2])).toEqual([1, 2.5, 2.5, 4]);
    expect(rankDescending([])).toEqual([]);
  });
  it('orders by 0.5 x risk rank + 0.5 x value rank', () => {
    // Risk ranks A1 B2.5 C2.5 D4; value ranks B1 D2 A3 C4; priorities A2 B1.75 C3.25 D3.
    const q = orderAuditQueue(items);
    expect(q.map((e) => e.item.ocid)).toEqual(['B', 'A', 'D', 'C']);
    expect(q.map((e) => e.priority)).toEqual([1.75, 2, 3, 3.25]);
    expect(q[0]).toMatchObject({ position: 1, riskRank: 2.5, valueRank: 1 });
  });
  it('interleaves the risk and value rankings', () => {
    // Odd positions from the risk ranking (A, B, C, D), even from the value ranking (B, D, A, C), skipping placed ones.
    expect(orderAuditQueue(items, 'interleave').map((e) => e.item.ocid)).toEqual(['A', 'B', 'C', 'D']);
    const more = [...items, { ocid: 'E', score: 0.1, value: 5000 }];
    // Risk: A B C D E; value: E B D A C -> A E B D C.
    expect(orderAuditQueue(more, 'interleave').map((e) => e.item.ocid)).toEqual(['A', 'E', 'B', 'D', 'C']);
  });
  it('treats a missing value as 0 and breaks full ties by ocid', () => {
    const q = orderAuditQueue([
      { ocid: 'z', score: 0.5, value: null },
      { ocid: 'y', score: 0.5, value: 0 },
    ]);
    expect(q.map((e) => e.item.ocid)).toEqual(['y', 'z']);
  });
});

describe('precision report', () => {
  it('divides confirmed violations by audited flagged processes, per indicator', () => {
    const report = computeIndicatorPrecision(
      [
        { flags: ['R018', 'PZ05'], violation: true },
        { flags: ['R018'], violation: false },
        { flags: ['R018', 'PZ06'], violation: true },
        { flags: [], violation: false },
      ],
      { R018: 7, PZ05: 2 },
    );
    const get = (code: string) => report.indicators.find((i) => i.code === code);
    expect(get('R018')).toEqual({ code: 'R018', flagged: 7, audited: 3, confirmed: 2, precision: 2 / 3 });
    expect(get('PZ05')).toEqual({ code: 'PZ05', flagged: 2, audited: 1, confirmed: 1, precision: 1 });
    expect(get('R003')).toEqual({ code: 'R003', flagged: 0, audited: 0, confirmed: 0, precision: null });
    expect(report.overall).toEqual({ audited: 4, confirmed: 2, precision: 0.5 });
  });
});

const party = (id: string) => ({ id, name: `Name ${id}` });
const proc = (
  ocid: string,
  buyer: string,
  tenderers: string[],
  suppliers: string[],
  date: string,
  flags: Record<string, number> = {},
): ProfileProcess => ({
  ocid,
  title: ocid,
  buyer: party(buyer),
  tenderers: tenderers.map(party),
  suppliers: suppliers.map(party),
  value: 100,
  awardedValue: suppliers.length ? 90 : null,
  currency: 'UAH',
  date,
  flags,
});

describe('profiles and dashboard', () => {
  const all = [
    proc('p1', 'B1', ['S1', 'S2'], ['S1'], '2024-01-05T00:00:00Z', { R018: 1 }),
    proc('p2', 'B1', ['S1', 'S3'], ['S3'], '2024-01-20T00:00:00Z'),
    proc('p3', 'B2', ['S1'], ['S1'], '2024-03-01T00:00:00Z', { PZ01: 1, PZ05: 0.4 }),
    proc('p4', 'B1', [], [], '2024-03-02T00:00:00Z', { R003: 1, PZ01: 1, R018: 1 }),
  ];
  it('computes a supplier profile: win rate, buyers, competitors, flags by month', () => {
    const s1 = computePartyProfile(all, 'S1', 'supplier')!;
    expect(s1.participated).toBe(3);
    expect(s1.wins).toBe(2);
    expect(s1.winRate).toBeCloseTo(2 / 3, 12);
    expect(s1.partners).toEqual([
      { id: 'B1', name: 'Name B1', processes: 2, wins: 1 },
      { id: 'B2', name: 'Name B2', processes: 1, wins: 1 },
    ]);
    expect(s1.competitors.map((c) => [c.id, c.processes])).toEqual([
      ['S2', 1],
      ['S3', 1],
    ]);
    expect(s1.flagsByMonth).toEqual([
      { month: '2024-01', flags: 1, processes: 2 },
      { month: '2024-03', flags: 2, processes: 1 },
    ]);
    expect(computePartyProfile(all, 'nobody', 'supplier')).toBeNull();
  });
  it('computes a buyer profile: awarded share and suppliers', () => {
    const b1 = computePartyProfile(all, 'B1', 'buyer')!;
    expect([b1.participated, b1.wins]).toEqual([3, 2]);
    expect(b1.partners.map((p) => p.id)).toEqual(['S1', 'S3']);
  });
  it('aggregates the dashboard', () => {
    const d = computeRiskDashboard(all, DEFAULT_RISK_WEIGHTS);
    // Scores: p1 0.4 (low), p2 0 (low), p3 0.6 (medium), p4 0.3 + 0.4 + 0.4 = 1.1 (medium).
    expect(d.buckets).toEqual({ low: 2, medium: 2, high: 0 });
    expect(d.flagged).toBe(3);
    expect(d.byIndicator).toEqual([
      { code: 'PZ01', processes: 2 },
      { code: 'R018', processes: 2 },
      { code: 'PZ05', processes: 1 },
      { code: 'R003', processes: 1 },
    ]);
    // February has no flags: it is shown as zero, not dropped.
    expect(d.byMonth.map((m) => [m.month, m.total])).toEqual([
      ['2024-01', 1],
      ['2024-02', 0],
      ['2024-03', 5],
    ]);
    expect(d.topBuyers[0]).toEqual({ id: 'B1', name: 'Name B1', flagged: 2, processes: 3, score: 1.5 });
  });
});

describe('assessing the real Ukrainian sample', () => {
  const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
  const file = path.join(root, 'ocds', 'ukraine-prozorro-2016-2017', 'compiled.jsonl');
  it('summarises every process and joins Cardinal and ProZorro flags', () => {
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const assessed = assessProcesses(lines);
    expect(assessed).toHaveLength(11);
    const byOcid = new Map(assessed.map((a) => [a.ocid, a]));
    // A single-bid open tender (Cardinal's R018 and our PZ01 agree) with a 2-day tender period (R003 < 15 days).
    const single = byOcid.get('ocds-be6bcu-UA-2016-06-02-000468-c')!;
    expect(single.flags).toEqual({ R003: 1, R018: 1, PZ01: 1 });
    expect(single.region).toBe('Днепропетровская область');
    const disc = byOcid.get('ocds-be6bcu-UA-2016-06-08-000504-c')!;
    expect(Object.keys(disc.flags)).toContain('PZ05');
    expect(disc.value).toBe(7500);
    expect(disc.awardedValue).toBe(2875);
    expect(disc.suppliers.map((s) => s.id)).toEqual(['UA-EDR-14017091']);
    expect(disc.tenderers.length).toBe(5);
    expect(disc.buyer?.id).toBe('UA-EDR-39985748');
    const summary = summarizeProcess(lines[0]);
    expect(summary.timeline.map((t) => t.kind)).toContain('award');
  });
});

describe('State Audit Service selection', () => {
  it('takes each bucket top share and each entity top share, in queue order', () => {
    // Ten medium entries in queue order m0..m9: 30% -> m0, m1, m2. Entity E2 holds m7, m8, m9: 20% of 3 -> ceil(0.6) = 1 -> m7.
    // Entity E1 holds m0..m6: 20% of 7 -> ceil(1.4) = 2 -> m0, m1 (already in). One high entry h0 of E3: ceil(0.1) = 1.
    const entries = [
      ...Array.from({ length: 10 }, (_, i) => ({ ocid: `m${i}`, bucket: 'medium' as const, entity: i < 7 ? 'E1' : 'E2' })),
      { ocid: 'h0', bucket: 'high' as const, entity: 'E3' },
      { ocid: 'l0', bucket: 'low' as const, entity: null },
      { ocid: 'l1', bucket: 'low' as const, entity: null },
      { ocid: 'l2', bucket: 'low' as const, entity: null },
      { ocid: 'l3', bucket: 'low' as const, entity: null },
      { ocid: 'l4', bucket: 'low' as const, entity: null },
    ];
    // Low: 20% of 5 = exactly 1 -> l0.
    expect([...selectForAudit(entries)].sort()).toEqual(['h0', 'l0', 'm0', 'm1', 'm2', 'm7']);
    expect(selectForAudit([])).toEqual(new Set());
  });
});
