import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createRequest } from './commands/create-request.js';
import { changeRequest } from './commands/update-request.js';
import { seedCatalogue } from './seed/catalogue.js';

describe.each(testDatabases())('open-data figures per service (%s)', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;

  beforeAll(async () => {
    t = await createTestContext(kind);
    agencies = await seedCatalogue(t.deps, t.site.id);
    // Three potholes (target 72 h) resolved after 10, 20 and 100 hours; one street light still open.
    const file = async (serviceCode: string, attrs: Record<string, string>) =>
      (await createRequest(t.deps, t.site.id, { serviceCode, lat: 40.03, lon: -3.73 }, attrs, { source: 'web' })).request;
    const potholes = [await file('POTHOLE', { SIZE: 'small' }), await file('POTHOLE', { SIZE: 'small' }), await file('POTHOLE', { SIZE: 'large' })];
    await file('STREETLIGHT', {});
    let elapsed = 0;
    for (const [i, hours] of [10, 20, 100].entries()) {
      t.clock.advance((hours - elapsed) * 3_600_000);
      elapsed = hours;
      await changeRequest(t.deps, t.site.id, potholes[i].id, { status: 'resolved', text: 'Filled' }, null);
    }
  });
  afterAll(() => t?.close());

  it('gives reports, median and p90 hours to resolve and the share within target, per service and in all, as CSV', async () => {
    const res = await createClient(t).get('/service-requests/open-data/figures.csv?days=30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (await res.text()).trim().split('\r\n');
    expect(rows[0]).toBe('service_code,reports,resolved,median_hours_to_resolve,p90_hours_to_resolve,share_within_target');
    const pothole = rows.find((r) => r.startsWith('POTHOLE,'))?.split(',');
    expect(pothole?.slice(0, 3)).toEqual(['POTHOLE', '3', '3']);
    expect(Number(pothole?.[3])).toBe(20);
    expect(Number(pothole?.[4])).toBeGreaterThan(20);
    expect(Number(pothole?.[4])).toBeLessThanOrEqual(100);
    expect(Number(pothole?.[5])).toBeCloseTo(2 / 3, 2);
    expect(rows.find((r) => r.startsWith('STREETLIGHT,'))).toBe('STREETLIGHT,1,0,,,');
    expect(rows.at(-1)?.startsWith('ALL,4,3,20,')).toBe(true);
  });

  it('narrows to one agency and names bad parameters', async () => {
    const c = createClient(t);
    const waste = (await (await c.get(`/service-requests/open-data/figures.csv?agency=${agencies.waste}`)).text()).trim().split('\r\n');
    expect(waste).toEqual(['service_code,reports,resolved,median_hours_to_resolve,p90_hours_to_resolve,share_within_target', 'ALL,0,0,,,']);
    const bad = await c.get('/service-requests/open-data/figures.csv?days=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/"days":"a whole number of days from 1 to 3660"/);
    const badAgency = await c.get('/service-requests/open-data/figures.csv?agency=roads');
    expect(badAgency.status).toBe(400);
    expect(JSON.stringify(await badAgency.json())).toMatch(/"agency":"not an agency id"/);
  });
});
