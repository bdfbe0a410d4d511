import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { ingestReleaseStream } from '../commands/ingest-releases.js';
import { refreshRiskAssessments } from '../commands/risk-refresh.js';
import { buildFlaggedRelease } from '../risk-test-helpers.js';

type Obj = Record<string, unknown>;

/** A flagged process (PZ02 + PZ05) in `currency`, with its own buyer, supplier, status and dates. */
function release(
  ocid: string,
  o: { value: number; currency: string; date: string; buyer: string; supplier: string; status?: string; title?: string },
): Obj {
  const r = buildFlaggedRelease(ocid, { value: o.value, buyer: o.buyer }) as Obj & { tender: Obj; awards: Obj[] };
  const money = (amount: number) => ({ amount, currency: o.currency });
  return {
    ...r,
    id: `${ocid}-r1`,
    tag: ['tender', 'award'],
    date: `${o.date}T10:00:00Z`,
    tender: {
      ...r.tender,
      title: o.title ?? `Tender ${ocid}`,
      status: o.status ?? 'complete',
      value: money(o.value),
      tenderPeriod: { startDate: `${o.date}T00:00:00Z`, endDate: `${o.date}T23:00:00Z` },
    },
    awards: r.awards.map((a, i) => ({
      ...a,
      value: money(o.value * [0.4, 0.45, 0.5][i]),
      ...(i === 2 ? { suppliers: [{ id: o.supplier, name: `Supplier ${o.supplier}` }] } : {}),
    })),
  };
}

const PROCESSES = [
  release('ocds-ng', { value: 30_000_000, currency: 'NGN', date: '2025-02-10', buyer: 'NG-LAGOS', supplier: 'S-ADA', title: 'Hospital beds' }),
  release('ocds-co', { value: 20_000_000, currency: 'COP', date: '2025-02-11', buyer: 'CO-BOGOTA', supplier: 'S-BETA', status: 'active' }),
  release('ocds-mx', { value: 200_000, currency: 'MXN', date: '2025-01-05', buyer: 'MX-CDMX', supplier: 'S-ADA' }),
  release('ocds-br', { value: 90_000_000, currency: 'BRL', date: '2025-02-12', buyer: 'BR-SP', supplier: 'S-GAMMA' }),
];

describe.each(testDatabases())('procurement process search, published outcomes and exchange rates (%s)', (kind) => {
  let t: TestContext;
  let auditor: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    async function* lines() {
      yield PROCESSES.map((r) => JSON.stringify(r)).join('\n') + '\n';
    }
    await ingestReleaseStream(t.deps, t.site.id, lines(), { label: 'test' });
    await refreshRiskAssessments(t.deps, t.site.id);
    auditor = await signedInClient(t, 'auditor');
  }, 120_000);
  afterAll(() => t?.close());

  const search = async (query: string) => {
    const res = await createClient(t).api('GET', `/procurement/risk/processes${query}`);
    expect(res.status, query).toBe(200);
    return (await res.json()) as { items: Obj[]; nextCursor: string | null; statuses: string[] };
  };
  const ocids = (body: { items: Obj[] }) => body.items.map((i) => i.ocid);
  const postCsv = (csv: string) =>
    auditor.request('/api/v1/procurement/risk/exchange-rates', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': auditor.csrf },
      body: csv,
    });

  it('imports a CSV of reference rates all or nothing, reporting every bad row by line', async () => {
    expect((await createClient(t).api('PUT', '/procurement/risk/currency', { referenceCurrency: 'USD' })).status).toBe(401);
    const early = await postCsv('date,currency,rate\n2025-01-02,NGN,1550\n');
    expect(early.status).toBe(400);
    expect(JSON.stringify(await early.json())).toContain('referenceCurrency');
    expect((await auditor.api('PUT', '/procurement/risk/currency', { referenceCurrency: 'usd' })).status).toBe(200);
    const bad = [
      'date,currency,rate',
      '2025-01-02,NGN,1550',
      '2025-02-30,NGN,1500',
      '2025-02-03,Naira,1500',
      '2025-02-03,COP,-4100',
      '2025-01-02,NGN,1551',
      '2025-01-02,USD,1',
    ].join('\n');
    const refused = await postCsv(bad);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.issueCount).toBe(5);
    expect(body.issues.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual([
      [3, 'date'],
      [4, 'currency'],
      [5, 'rate'],
      [6, 'duplicate'],
      [7, 'reference'],
    ]);
    // Nothing was stored: the NGN value is still unconverted.
    const before = await search('?q=ocds-ng');
    expect(before.items[0]).toMatchObject({ comparableValue: null, valueNotConverted: 'no_rate' });
    const good = [
      'date,currency,rate',
      '2025-01-02,NGN,1550',
      '2025-02-03,NGN,1500',
      '2025-01-02,COP,4300',
      '2025-02-03,COP,4100',
      '2025-01-02,MXN,20',
    ].join('\r\n');
    const stored = await postCsv(good);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ imported: 5 });
  });

  it("ranks the auditors' queue by values in the reference currency, flagging those without a rate", async () => {
    const res = await auditor.api('GET', '/procurement/risk/queue');
    expect(res.status).toBe(200);
    const items = (await res.json()).items as { ocid: string; valueRank: number; comparableValue: number | null; valueNotConverted: string | null }[];
    const by = new Map(items.map((i) => [i.ocid, i]));
    // NGN 30M / 1500 = 20,000 USD; MXN 200k / 20 = 10,000; COP 20M / 4100 ≈ 4,878; BRL has no rate.
    expect(by.get('ocds-ng')).toMatchObject({ comparableValue: 20_000, valueRank: 1, valueNotConverted: null });
    expect(by.get('ocds-mx')).toMatchObject({ comparableValue: 10_000, valueRank: 2 });
    expect(by.get('ocds-co')!.comparableValue).toBeCloseTo(4878.05, 1);
    expect(by.get('ocds-co')!.valueRank).toBe(3);
    expect(by.get('ocds-br')).toMatchObject({ comparableValue: null, valueRank: 4, valueNotConverted: 'no_rate' });
  });

  it('lets anyone search processes by buyer, supplier, value, date, status, indicator and risk level, a page at a time', async () => {
    expect(ocids(await search(''))).toEqual(['ocds-br', 'ocds-co', 'ocds-ng', 'ocds-mx']);
    expect(ocids(await search('?buyer=NG-LAGOS'))).toEqual(['ocds-ng']);
    expect(ocids(await search('?buyer=bogota'))).toEqual(['ocds-co']);
    expect(ocids(await search('?supplier=S-ADA'))).toEqual(['ocds-ng', 'ocds-mx']);
    expect(ocids(await search('?supplier=supplier%20s-gam'))).toEqual(['ocds-br']);
    // In USD: NGN 20,000, MXN 10,000, COP ~4,878; BRL (no rate) is left out of value ranges.
    expect(ocids(await search('?valueMin=5000'))).toEqual(['ocds-ng', 'ocds-mx']);
    expect(ocids(await search('?valueMin=4000&valueMax=15000'))).toEqual(['ocds-co', 'ocds-mx']);
    expect(ocids(await search('?dateFrom=2025-02-10&dateTo=2025-02-11'))).toEqual(['ocds-co', 'ocds-ng']);
    expect(ocids(await search('?status=active'))).toEqual(['ocds-co']);
    expect(ocids(await search('?indicator=PZ02'))).toHaveLength(4);
    expect(ocids(await search('?indicator=R018'))).toEqual([]);
    expect(ocids(await search('?risk=medium'))).toHaveLength(4);
    expect(ocids(await search('?risk=high'))).toEqual([]);
    expect(ocids(await search('?q=hospital'))).toEqual(['ocds-ng']);
    const first = await search('?limit=3');
    expect(ocids(first)).toEqual(['ocds-br', 'ocds-co', 'ocds-ng']);
    expect(ocids(await search(`?limit=3&cursor=${first.nextCursor}`))).toEqual(['ocds-mx']);
    expect((await search('')).statuses).toEqual(['active', 'complete']);
    const bad = await createClient(t).api('GET', '/procurement/risk/processes?valueMin=x&dateFrom=2025-02-30&risk=huge');
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['dateFrom', 'risk', 'valueMin']);
    const crossed = await createClient(t).api('GET', '/procurement/risk/processes?valueMin=10&valueMax=5');
    expect(crossed.status).toBe(400);
    expect(Object.keys((await crossed.json()).error.fields)).toEqual(['valueMax']);
  });

  it('shows an audit outcome to the public only once an auditor publishes it', async () => {
    const ocid = 'ocds-co';
    for (const step of ['assign', 'monitoring'])
      expect((await auditor.api('POST', `/procurement/risk/processes/${ocid}/${step}`, {})).status).toBe(200);
    expect((await auditor.api('POST', `/procurement/risk/processes/${ocid}/publish`, {})).status).toBe(409);
    const note = 'Specifications written for one supplier.';
    expect((await auditor.api('POST', `/procurement/risk/processes/${ocid}/outcome`, { outcome: 'violation', note })).status).toBe(200);
    const visitor = createClient(t);
    const hidden = await (await visitor.api('GET', `/procurement/risk/processes/${ocid}`)).json();
    expect(hidden.audit).toBeNull();
    expect(hidden.triage).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain(note);
    expect(ocids(await search('?outcome=violation'))).toEqual([]);
    expect((await search(`?q=${ocid}`)).items[0].audit).toBeNull();
    const resident = await signedInClient(t, null);
    expect((await resident.api('POST', `/procurement/risk/processes/${ocid}/publish`, {})).status).toBe(403);
    expect((await auditor.api('POST', `/procurement/risk/processes/${ocid}/publish`, {})).status).toBe(200);
    expect((await auditor.api('POST', `/procurement/risk/processes/${ocid}/publish`, {})).status).toBe(409);
    const shown = await (await visitor.api('GET', `/procurement/risk/processes/${ocid}`)).json();
    expect(shown.audit).toMatchObject({ outcome: 'violation', note });
    expect(shown.triage).toBeNull();
    expect(ocids(await search('?outcome=violation'))).toEqual([ocid]);
    expect((await search(`?q=${ocid}`)).items[0].audit).toMatchObject({ outcome: 'violation' });
  });
});
