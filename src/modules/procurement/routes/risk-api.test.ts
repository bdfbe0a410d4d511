import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createClient, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { buildFlaggedRelease, readUkrainianSample, storeCompiledForTest } from '../risk-test-helpers.js';

describe.each(testDatabases())('procurement risk API (%s)', (kind) => {
  let t: TestContext;
  let auditor: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await storeCompiledForTest(t.deps.db, t.site.id, [
      ...readUkrainianSample(),
      buildFlaggedRelease('ocds-test-big', { value: 5_000_000 }),
      buildFlaggedRelease('ocds-test-small', { value: 500_000, region: 'Львівська область' }),
    ]);
    await t.drainJobs();
    auditor = await signedInClient(t, 'auditor');
  }, 60_000);
  afterAll(() => t?.close());

  it('keeps the queue, precision and weights to auditors', async () => {
    expect((await createClient(t).api('GET', '/procurement/risk/queue')).status).toBe(401);
    const resident = await signedInClient(t, null);
    expect((await resident.api('GET', '/procurement/risk/queue')).status).toBe(403);
    expect((await resident.api('GET', '/procurement/risk/precision')).status).toBe(403);
    expect((await resident.api('PUT', '/procurement/risk/weights', { R018: 1 })).status).toBe(403);
    expect((await resident.api('POST', '/procurement/risk/processes/ocds-test-big/assign', {})).status).toBe(403);
  });

  it('orders the queue by half risk rank, half value rank', async () => {
    const res = await auditor.api('GET', '/procurement/risk/queue');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { ocid: string; score: number; bucket: string; priority: number; position: number; flags: string[] }[];
      total: number;
      regions: string[];
    };
    // Flagged: the two hand-built (PZ02 0.4 + PZ05 0.2 = 0.6) and six of the Ukrainian sample:
    // 000468-c and 000670-b R003+R018+PZ01 = 1.1; 000504-c R003+PZ05 = 0.5; 000066-a, 002020-b, 001619-b R003 = 0.3.
    // Risk ranks: 1.1 -> 1.5, 0.6 -> 3.5, 0.5 -> 5, 0.3 -> 7. Value ranks (UAH): big 5M 1, small 500k 2, 670-b 80k 3,
    // 619-b 49,993.6 4, 020-b 8,300 5, 504-c 7,500 6, 066-a 3,600 7, 468-c 3,000 8. Priorities: 670-b 2.25 and big
    // 2.25 (tie: higher score first), small 2.75, 468-c 4.75, 504-c 5.5 and 619-b 5.5 (higher score first), 020-b 6, 066-a 7.
    expect(body.total).toBe(8);
    expect(body.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const ua = (s: string) => `ocds-be6bcu-UA-${s}`;
    expect(body.items.map((i) => i.ocid)).toEqual([
      ua('2016-08-31-000670-b'),
      'ocds-test-big',
      'ocds-test-small',
      ua('2016-06-02-000468-c'),
      ua('2016-06-08-000504-c'),
      ua('2017-04-12-001619-b'),
      ua('2017-04-10-002020-b'),
      ua('2016-06-07-000066-a'),
    ]);
    expect(body.items.map((i) => i.priority)).toEqual([2.25, 2.25, 2.75, 4.75, 5.5, 5.5, 6, 7]);
    expect(body.items[1]).toMatchObject({ score: 0.6, bucket: 'medium', flags: ['PZ02', 'PZ05'] });
    expect(body.items[0]).toMatchObject({ score: 1.1, bucket: 'medium', flags: ['PZ01', 'R003', 'R018'] });
    const priorities = body.items.map((i) => i.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect(body.regions).toContain('Львівська область');
    // State Audit Service shares. Medium (queue order 670-b, big, small, 468-c, 504-c): top 30% of 5 -> 2 (670-b, big);
    // per buyer 20%: every single-process buyer sends its one, the test buyer (big, small) ceil(0.4) = 1 -> big.
    // Low (619-b, 020-b, 066-a): 20% of 3 -> 1, and each has its own buyer (10% -> 1 each). Only small is left out.
    const sas = (await (await auditor.api('GET', '/procurement/risk/queue?selection=sas')).json()) as {
      items: { ocid: string; selected: boolean }[];
      total: number;
    };
    expect(sas.total).toBe(7);
    expect(sas.items.map((i) => i.ocid)).not.toContain('ocds-test-small');
    expect(body.items.find((i) => i.ocid === 'ocds-test-small')).toMatchObject({ selected: false });
    const filtered = (await (await auditor.api('GET', '/procurement/risk/queue?region=' + encodeURIComponent('Львівська область'))).json()) as {
      items: { ocid: string }[];
    };
    expect(filtered.items.map((i) => i.ocid)).toEqual(['ocds-test-small']);
    const byIndicator = (await (await auditor.api('GET', '/procurement/risk/queue?indicator=R018')).json()) as { items: { flags: string[] }[] };
    expect(byIndicator.items.length).toBe(2);
    expect(byIndicator.items.every((i) => i.flags.includes('R018'))).toBe(true);
    const paged = (await (await auditor.api('GET', '/procurement/risk/queue?limit=2')).json()) as { items: unknown[]; nextCursor: string };
    expect(paged.items).toHaveLength(2);
    const next = (await (await auditor.api('GET', `/procurement/risk/queue?limit=2&cursor=${paged.nextCursor}`)).json()) as {
      items: { position: number }[];
    };
    expect(next.items.map((i) => i.position)).toEqual([3, 4]);
  });

  it('refuses bad queue filters, naming the field', async () => {
    for (const [query, field] of [
      ['bucket=extreme', 'bucket'],
      ['indicator=R999', 'indicator'],
      ['limit=0', 'limit'],
      ['order=random', 'order'],
      ['cursor=zzz', 'cursor'],
      ['selection=some', 'selection'],
    ]) {
      const res = await auditor.api('GET', `/procurement/risk/queue?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(body.error.fields), query).toContain(field);
    }
  });

  it('assigns, monitors and records an outcome that feeds the precision report', async () => {
    const before = (await (await auditor.api('GET', '/procurement/risk/precision')).json()) as {
      indicators: { code: string; audited: number; confirmed: number; flagged: number; precision: number | null }[];
    };
    const pz02 = () => before.indicators.find((i) => i.code === 'PZ02')!;
    expect(pz02()).toMatchObject({ flagged: 2, audited: 0, confirmed: 0, precision: null });

    const early = await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/outcome', { outcome: 'violation', note: 'too soon' });
    expect(early.status).toBe(409);
    const assigned = await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/assign', {});
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({ status: 'assigned', assigneeId: auditor.userId });
    expect((await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/monitoring')).status).toBe(200);
    expect((await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/monitoring')).status).toBe(409);
    const noNote = await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/outcome', { outcome: 'violation', note: '  ' });
    expect(noNote.status).toBe(400);
    expect(((await noNote.json()) as { error: { fields: Record<string, string> } }).error.fields.note).toBeDefined();
    const badOutcome = await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/outcome', { outcome: 'maybe', note: 'x' });
    expect(badOutcome.status).toBe(400);
    const done = await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/outcome', {
      outcome: 'violation',
      note: 'Rejections were not justified.',
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'closed', outcome: 'violation', outcomeFlags: ['PZ02', 'PZ05'] });
    expect((await auditor.api('POST', '/procurement/risk/processes/ocds-test-big/assign', {})).status).toBe(409);

    // Second audit: no violation on the small one.
    await auditor.api('POST', '/procurement/risk/processes/ocds-test-small/monitoring');
    await auditor.api('POST', '/procurement/risk/processes/ocds-test-small/outcome', {
      outcome: 'no_violation',
      note: 'Rejections justified by the documents.',
    });

    const after = (await (await auditor.api('GET', '/procurement/risk/precision')).json()) as typeof before & {
      overall: { audited: number; confirmed: number; precision: number };
    };
    expect(after.indicators.find((i) => i.code === 'PZ02')).toMatchObject({ flagged: 2, audited: 2, confirmed: 1, precision: 0.5 });
    expect(after.indicators.find((i) => i.code === 'R018')).toMatchObject({ audited: 0, precision: null });
    expect(after.overall).toEqual({ audited: 2, confirmed: 1, precision: 0.5 });

    // Closed processes leave the open queue but stay under status=closed.
    const open = (await (await auditor.api('GET', '/procurement/risk/queue')).json()) as { items: { ocid: string }[] };
    expect(open.items.map((i) => i.ocid)).not.toContain('ocds-test-big');
    const closed = (await (await auditor.api('GET', '/procurement/risk/queue?status=closed')).json()) as {
      items: { ocid: string; triage: { outcome: string } }[];
    };
    expect(closed.items.find((i) => i.ocid === 'ocds-test-big')?.triage.outcome).toBe('violation');
    expect((await auditor.api('POST', '/procurement/risk/processes/ocds-nope/assign', {})).status).toBe(404);
    const badAssignee = await auditor.api('POST', '/procurement/risk/processes/ocds-be6bcu-UA-2016-06-02-000468-c/assign', {
      assigneeId: 'not-a-uuid',
    });
    expect(badAssignee.status).toBe(400);
  });

  it('stores weights per site and rescores with them', async () => {
    const bad = await auditor.api('PUT', '/procurement/risk/weights', { R018: -1, ZZ99: 1 });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields)).toContain('weights.ZZ99');
    const tooBig = await auditor.api('PUT', '/procurement/risk/weights', { R018: 6 });
    expect(((await tooBig.json()) as { error: { fields: Record<string, string> } }).error.fields['weights.R018']).toMatch(/at most/);
    const ok = await auditor.api('PUT', '/procurement/risk/weights', { PZ05: 1 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Record<string, number>).PZ05).toBe(1);
    // The stored score follows the new weight once the re-assessment job has run.
    const stale = (await (await createClient(t).api('GET', '/procurement/risk/processes/ocds-test-small')).json()) as { score: number };
    expect(stale.score).toBe(0.6);
    expect(await t.drainJobs()).toBeGreaterThan(0);
    const view = (await (await createClient(t).api('GET', '/procurement/risk/processes/ocds-test-small')).json()) as {
      score: number;
      bucket: string;
      triage: unknown;
    };
    expect(view).toMatchObject({ score: 1.4, bucket: 'high', triage: null });
    // Another site keeps the defaults and sees none of this site's processes.
    await t.addSite('other', 'other.localhost');
    const other = await signedInClient(t, 'auditor', { host: 'other.localhost' });
    expect(((await (await other.api('GET', '/procurement/risk/weights')).json()) as Record<string, number>).PZ05).toBe(0.2);
    expect(((await (await other.api('GET', '/procurement/risk/queue')).json()) as { total: number }).total).toBe(0);
    await auditor.api('PUT', '/procurement/risk/weights', { PZ05: 0.2 });
    await t.drainJobs();
  });

  it('takes citizen feedback, shows it once a moderator publishes it', async () => {
    const visitor = createClient(t);
    const bad = await visitor.api('POST', '/procurement/risk/processes/ocds-test-small/feedback', { name: '', message: 'hi' });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['message', 'name']);
    const sent = await visitor.api('POST', '/procurement/risk/processes/ocds-test-small/feedback', {
      name: 'Olena',
      message: 'The winner is the director’s cousin.',
    });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    const hidden = (await (await visitor.api('GET', '/procurement/risk/processes/ocds-test-small')).json()) as { feedback: unknown[] };
    expect(hidden.feedback).toEqual([]);
    expect((await auditor.api('POST', `/procurement/risk/feedback/${id}/moderation`, { status: 'published' })).status).toBe(403);
    const moderator = await signedInClient(t, 'moderator');
    expect((await moderator.api('POST', `/procurement/risk/feedback/${id}/moderation`, { status: 'published' })).status).toBe(200);
    const shown = (await (await visitor.api('GET', '/procurement/risk/processes/ocds-test-small')).json()) as { feedback: { name: string }[] };
    expect(shown.feedback.map((f) => f.name)).toEqual(['Olena']);
  });

  it('survives concurrent refreshes of the same site', async () => {
    const { refreshRiskAssessments } = await import('../commands/risk-refresh.js');
    const results = await Promise.all([1, 2, 3].map(() => refreshRiskAssessments(t.deps, t.site.id, { force: true })));
    expect(results.map((r) => r.processes)).toEqual([13, 13, 13]);
  });

  it('serves the dashboard and profiles, and picks up new processes', async () => {
    const dash = (await (await createClient(t).api('GET', '/procurement/risk/dashboard')).json()) as {
      processes: number;
      flagged: number;
      buckets: Record<string, number>;
    };
    expect(dash.processes).toBe(13);
    expect(dash.flagged).toBe(8);
    const supplier = (await (await createClient(t).api('GET', '/procurement/risk/suppliers/W1')).json()) as { wins: number; participated: number };
    expect(supplier).toMatchObject({ wins: 2, participated: 2 });
    expect((await createClient(t).api('GET', '/procurement/risk/buyers/nobody')).status).toBe(404);
    await storeCompiledForTest(t.deps.db, t.site.id, [buildFlaggedRelease('ocds-test-new')]);
    // Reads do not assess: the new process appears once the queued refresh job has run.
    const before = (await (await createClient(t).api('GET', '/procurement/risk/dashboard')).json()) as { processes: number };
    expect(before.processes).toBe(13);
    expect((await createClient(t).api('GET', '/procurement/risk/processes/ocds-test-new')).status).toBe(404);
    await t.drainJobs();
    const again = (await (await createClient(t).api('GET', '/procurement/risk/dashboard')).json()) as { processes: number };
    expect(again.processes).toBe(14);
    const fresh = (await (await createClient(t).api('GET', '/procurement/risk/processes/ocds-test-new')).json()) as { flags: object; score: number };
    expect(Object.keys(fresh.flags).sort()).toEqual(['PZ02', 'PZ05']);
    expect(fresh.score).toBe(0.6);
  });
});
