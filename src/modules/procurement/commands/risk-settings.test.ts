import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { computePartyProfile, computeRiskDashboard } from '../core/risk-profile.js';
import { DEFAULT_RISK_WEIGHTS } from '../core/risk-score.js';
import { buildFlaggedRelease, readUkrainianSample, storeCompiledForTest } from '../risk-test-helpers.js';
import { listRiskAssessments } from '../store/risk.js';
import { ingestReleaseStream } from './ingest-releases.js';
import { refreshRiskAssessments } from './risk-refresh.js';

type Fields = { error: { fields: Record<string, string> } };

/** A direct purchase (limited method) from `supplier` by buyer B-SPLIT for `amount` UAH on `date`. */
function purchase(ocid: string, supplier: string, amount: number, date: string): Record<string, unknown> {
  return {
    ocid,
    date,
    buyer: { id: 'B-SPLIT', name: 'Split School' },
    tender: { id: ocid, title: `Purchase ${ocid}`, procurementMethod: 'limited', status: 'complete', value: { amount, currency: 'UAH' } },
    awards: [{ id: '1', status: 'active', date, value: { amount, currency: 'UAH' }, suppliers: [{ id: supplier, name: `Supplier ${supplier}` }] }],
  };
}

describe.each(testDatabases())('procurement risk settings and the refresh job (%s)', (kind) => {
  let t: TestContext;
  let auditor: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await storeCompiledForTest(t.deps.db, t.site.id, [
      buildFlaggedRelease('ocds-set-a', { value: 2_000_000 }),
      // Two purchases of 140,000 and 145,000 UAH from one supplier: below the default band (160,000-199,999.99).
      purchase('ocds-split-1', 'S-SPLIT', 140_000, '2025-01-10T00:00:00Z'),
      purchase('ocds-split-2', 'S-SPLIT', 145_000, '2025-03-10T00:00:00Z'),
    ]);
    await t.drainJobs();
    auditor = await signedInClient(t, 'auditor');
  }, 60_000);
  afterAll(() => t?.close());

  it('reads the defaults, with the competitive thresholds of the law for PZ06', async () => {
    expect((await createClient(t).api('GET', '/procurement/risk/settings')).status).toBe(401);
    const resident = await signedInClient(t, null);
    expect((await resident.api('GET', '/procurement/risk/settings')).status).toBe(403);
    expect((await resident.api('PATCH', '/procurement/risk/settings', { buckets: { high: 2 } })).status).toBe(403);
    const res = await auditor.api('GET', '/procurement/risk/settings');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { buckets: object; rules: { PZ06: object }; weights: Record<string, number>; version: number };
    expect(body.version).toBe(0);
    expect(body.buckets).toEqual({ medium: 0.5, high: 1.2 });
    expect(body.rules.PZ06).toEqual({ threshold: 200_000, worksThreshold: 1_500_000, band: 0.2, windowDays: 365, minimumPurchases: 2 });
    expect(body.weights).toEqual(DEFAULT_RISK_WEIGHTS);
  });

  it('refuses bad settings naming each field, and saves nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ buckets: { high: 0.4 } }, 'buckets.high', /above the medium/],
      [{ buckets: { medium: -1 } }, 'buckets.medium', /at least 0/],
      [{ rules: { PZ06: { threshold: 'lots' } } }, 'rules.PZ06.threshold', /number/],
      [{ rules: { PZ06: { windowDays: 1.5 } } }, 'rules.PZ06.windowDays', /whole number/],
      [{ rules: { PZ06: { worksThreshold: 100_000 } } }, 'rules.PZ06.worksThreshold', /not be below/],
      [{ rules: { PZ06: { minimumPurchases: 1 } } }, 'rules.PZ06.minimumPurchases', /at least 2/],
      [{ rules: { PZ07: { threshold: 1 } } }, 'rules.PZ07', /unknown field/],
      [{ rules: { PZ05: { threshold: 1.5 } } }, 'rules.PZ05.threshold', /at most/],
      [{ weights: { R018: 9 } }, 'weights.R018', /at most 5/],
      [{ colour: 'red' }, 'colour', /unknown field/],
      [[1, 2], '_', /expected object/],
    ];
    for (const [input, field, reason] of cases) {
      const res = await auditor.api('PATCH', '/procurement/risk/settings', input);
      expect(res.status, field).toBe(400);
      const fields = ((await res.json()) as Fields).error.fields;
      expect(Object.keys(fields), JSON.stringify(fields)).toContain(field);
      expect(fields[field], field).toMatch(reason);
    }
    // Every bad field is named at once, the order of the cut-offs too.
    const both = await auditor.api('PATCH', '/procurement/risk/settings', { buckets: { high: 0.2 }, rules: { PZ03: { threshold: 0 } } });
    expect(Object.keys(((await both.json()) as Fields).error.fields).sort()).toEqual(['buckets.high', 'rules.PZ03.threshold']);
    // A valid field beside a bad one is not saved either.
    expect((await auditor.api('PATCH', '/procurement/risk/settings', { buckets: { medium: 0.6 }, weights: { PZ02: -1 } })).status).toBe(400);
    const now = (await (await auditor.api('GET', '/procurement/risk/settings')).json()) as { version: number; buckets: { medium: number } };
    expect(now).toMatchObject({ version: 0, buckets: { medium: 0.5 } });
    const changes = (await (await auditor.api('GET', '/procurement/risk/settings/changes')).json()) as { items: unknown[] };
    expect(changes.items).toEqual([]);
  });

  it('re-assesses the processes by a job after a change, with the new thresholds and cut-offs', async () => {
    const view = async (ocid: string) =>
      (await (await createClient(t).api('GET', `/procurement/risk/processes/${ocid}`)).json()) as { flags: object; score: number; bucket: string };
    expect(await view('ocds-split-1')).toMatchObject({ flags: {}, score: 0, bucket: 'low' });
    expect(await view('ocds-set-a')).toMatchObject({ score: 0.6, bucket: 'medium' });

    t.clock.advance(60_000);
    const res = await auditor.api('PATCH', '/procurement/risk/settings', { rules: { PZ06: { threshold: 150_000 } }, buckets: { medium: 0.7 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(1);
    // Until the job runs, the pages show the last assessment.
    expect((await view('ocds-split-1')).flags).toEqual({});
    expect(await t.drainJobs()).toBeGreaterThan(0);
    // 120,000-149,999.99 UAH now: both purchases are just below the lowered threshold.
    expect(await view('ocds-split-1')).toMatchObject({ flags: { PZ06: 2 }, score: 0.5, bucket: 'low' });
    expect(await view('ocds-split-2')).toMatchObject({ flags: { PZ06: 2 } });
    expect(await view('ocds-set-a')).toMatchObject({ score: 0.6, bucket: 'low' });
    // Nothing changed since: the next run does nothing.
    expect(await refreshRiskAssessments(t.deps, t.site.id)).toMatchObject({ ran: false });

    // Setting a value back to its default is a change too; the stored overrides drop it.
    t.clock.advance(60_000);
    await auditor.api('PATCH', '/procurement/risk/settings', { buckets: { medium: 0.5 } });
    t.clock.advance(60_000);
    await auditor.api('PATCH', '/procurement/risk/settings', { weights: { PZ06: 1 } });
    // The same values again: no change, no new version, no audit row.
    const same = (await (await auditor.api('PATCH', '/procurement/risk/settings', { weights: { PZ06: 1 } })).json()) as { version: number };
    expect(same.version).toBe(3);
    await t.drainJobs();
    expect(await view('ocds-set-a')).toMatchObject({ bucket: 'medium' });
    expect(await view('ocds-split-1')).toMatchObject({ score: 1, bucket: 'medium' });
  });

  it('audits who changed what, newest first, a page at a time', async () => {
    const first = await auditor.api('GET', '/procurement/risk/settings/changes?limit=2');
    expect(first.status).toBe(200);
    const page = (await first.json()) as {
      items: { actorName: string; changes: { field: string; before: number; after: number }[] }[];
      nextCursor: string;
    };
    expect(page.items.map((i) => i.changes)).toEqual([
      [{ field: 'weights.PZ06', before: 0.5, after: 1 }],
      [{ field: 'buckets.medium', before: 0.7, after: 0.5 }],
    ]);
    expect(page.items[0].actorName).toBe('auditor');
    const second = (await (await auditor.api('GET', `/procurement/risk/settings/changes?limit=2&cursor=${page.nextCursor}`)).json()) as typeof page;
    expect(second.items.map((i) => i.changes)).toEqual([
      [
        { field: 'buckets.medium', before: 0.5, after: 0.7 },
        { field: 'rules.PZ06.threshold', before: 200_000, after: 150_000 },
      ],
    ]);
    expect(second.nextCursor).toBeNull();
    const bad = await auditor.api('GET', '/procurement/risk/settings/changes?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Fields).error.fields.cursor).toBeDefined();
  });

  it('queues one refresh job for an ingest, and the flags appear when it runs', async () => {
    const line = JSON.stringify({ ...buildFlaggedRelease('ocds-ingested'), id: 'r1', tag: ['award'] });
    async function* chunks() {
      yield line + '\n';
    }
    await ingestReleaseStream(t.deps, t.site.id, chunks(), { label: 'test upload' });
    // A second ingest before the job runs shares the waiting job.
    const line2 = JSON.stringify({ ...buildFlaggedRelease('ocds-ingested-2'), id: 'r1', tag: ['award'] });
    async function* chunks2() {
      yield line2 + '\n';
    }
    await ingestReleaseStream(t.deps, t.site.id, chunks2(), { label: 'test upload 2' });
    expect((await createClient(t).api('GET', '/procurement/risk/processes/ocds-ingested')).status).toBe(404);
    expect(await t.drainJobs()).toBe(1);
    const view = (await (await createClient(t).api('GET', '/procurement/risk/processes/ocds-ingested')).json()) as { flags: object };
    expect(Object.keys(view.flags).sort()).toEqual(['PZ02', 'PZ05']);
    expect((await createClient(t).api('GET', '/procurement/risk/processes/ocds-ingested-2')).status).toBe(200);
  });
});

describe.each(testDatabases())('procurement dashboard and profiles in SQL (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await storeCompiledForTest(t.deps.db, t.site.id, [
      ...readUkrainianSample(),
      buildFlaggedRelease('ocds-p-1', { value: 5_000_000 }),
      buildFlaggedRelease('ocds-p-2', { value: 500_000 }),
      buildFlaggedRelease('ocds-p-3', { value: 700_000 }),
    ]);
    await t.drainJobs();
  }, 60_000);
  afterAll(() => t?.close());

  it('gives the same dashboard as the reference computation over every process', async () => {
    const rows = await listRiskAssessments(t.deps.db, t.site.id);
    const expected = computeRiskDashboard(
      rows.map((r) => ({ ...r.summary, flags: r.flags })),
      DEFAULT_RISK_WEIGHTS,
    );
    const dash = await (await createClient(t).api('GET', '/procurement/risk/dashboard')).json();
    expect(dash).toEqual(expected);
  });

  it('gives the same profiles as the reference computation, with the processes paged newest first', async () => {
    const rows = await listRiskAssessments(t.deps.db, t.site.id);
    const all = rows.map((r) => ({ ...r.summary, flags: r.flags }));
    for (const [role, id] of [
      ['buyer', 'UA-EDR-TEST-BUYER'],
      ['supplier', 'W1'],
      ['supplier', 'UA-EDR-40133709'],
    ] as const) {
      const expected = computePartyProfile(all, id, role)!;
      const res = await createClient(t).api('GET', `/procurement/risk/${role}s/${id}?limit=2`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as typeof expected & { nextCursor: string | null };
      const { processes: _p, ...figures } = expected;
      expect(body).toMatchObject({ ...figures, partners: expected.partners, competitors: expected.competitors });
      const seen = body.processes.map((p) => p.ocid);
      let cursor = body.nextCursor;
      while (cursor) {
        const next = (await (await createClient(t).api('GET', `/procurement/risk/${role}s/${id}?limit=2&cursor=${cursor}`)).json()) as typeof body;
        expect(next.processes.length).toBeGreaterThan(0);
        seen.push(...next.processes.map((p) => p.ocid));
        cursor = next.nextCursor;
      }
      expect([...seen].sort()).toEqual(expected.processes.map((p) => p.ocid).sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
    const bad = await createClient(t).api('GET', '/procurement/risk/buyers/UA-EDR-TEST-BUYER?cursor=zzz');
    expect(bad.status).toBe(400);
  });
});
