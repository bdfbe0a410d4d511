import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, signedInClient, testDatabases, createTestContext, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { createRequest } from './commands/create-request.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests, srUpdates } from './store/tables.js';

describe.each(testDatabases())('agency inbox: assignment, duplicates, referral, re-routing (%s)', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  const reportOf = async (id: string) => (await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id)))[0];
  const file = async (serviceCode: string, lat: number, lon: number, address: string, attrs: Record<string, string> = {}) =>
    (
      await createRequest(t.deps, t.site.id, { serviceCode, lat, lon, address, description: `${serviceCode} at ${address}` }, attrs, {
        source: 'web',
      })
    ).request;

  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    agencies = await seedCatalogue(t.deps, t.site.id);
  });
  afterAll(() => t?.close());

  it('assigns to a named member of the agency staff, and refuses someone from another agency', async () => {
    const ana = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads, email: 'ana.roads@city.example' });
    await signedInClient(t, 'agency_staff', { agencyId: agencies.roads, email: 'bo.roads@city.example' });
    const pia = await signedInClient(t, 'agency_staff', { agencyId: agencies.parks, email: 'pia.parks@city.example' });
    const bo = (await import('../accounts/index.js')).findUserByEmail;
    const boId = (await bo(t.deps.db, t.site.id, 'bo.roads@city.example'))!.id;
    const report = await file('STREETLIGHT', 40.03, -3.73, '9 Lamp Lane');
    expect(report.agencyId).toBe(agencies.roads);
    const path = `/service-requests/inbox/${report.id}`;
    const page = await (await ana.get(path)).text();
    expect(page).toMatch(new RegExp(`<option value="${boId}">[^<]*bo.roads@city.example`));
    expect(page).toMatch(/ana.roads@city.example\)? \(me\)/);
    expect(page).not.toContain('pia.parks@city.example');

    const ok = await ana.form(path, { assign: boId, text: '' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${path}?saved=1`);
    expect((await reportOf(report.id)).assignedTo).toBe(boId);
    const after = await (await ana.get(`${path}?saved=1`)).text();
    expect(after).toMatch(/Assigned to [^<]*bo\.roads@city\.example|Assigned to agency_staff/);
    expect(after).toContain('The report has been updated.');

    const bad = await ana.form(path, { assign: pia.userId, text: 'for Pia' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="[^"]*-error">This person is not on the staff of the agency responsible for this report/);
    expect(html).toContain('href="#field-assign"');
    expect(html).toContain('for Pia'); // the typed message is kept
    expect((await reportOf(report.id)).assignedTo).toBe(boId); // nothing changed

    expect((await ana.form(path, { assign: 'nobody', text: '' })).status).toBe(302);
    expect((await reportOf(report.id)).assignedTo).toBeNull();
  });

  it('marks a duplicate picked from nearby open reports of the same service, or by a typed id', async () => {
    const staff = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });
    const first = await file('POTHOLE', 40.04, -3.72, '1 Hole Street', { SIZE: 'large' });
    const second = await file('POTHOLE', 40.0401, -3.7201, '3 Hole Street', { SIZE: 'small' });
    const far = await file('POTHOLE', 40.001, -3.745, 'Far Road', { SIZE: 'small' });
    const otherService = await file('STREETLIGHT', 40.0401, -3.72, '2 Hole Street');
    const path = `/service-requests/inbox/${second.id}`;
    const page = await (await staff.get(path)).text();
    const picker = /<select[^>]*name="duplicate_pick"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    expect(picker).toContain(`value="${first.id}"`);
    expect(picker).toMatch(/1 Hole Street: \d+ m away/);
    expect(picker).not.toContain(second.id);
    expect(picker).not.toContain(far.id);
    expect(picker).not.toContain(otherService.id);

    const bad = await staff.form(path, { status: 'duplicate', duplicate_of: 'not-a-report', text: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="[^"]*-error">Give the original report/);
    expect((await reportOf(second.id)).status).toBe('open');

    expect((await staff.form(path, { status: 'duplicate', duplicate_pick: first.id, text: '' })).status).toBe(302);
    expect(await reportOf(second.id)).toMatchObject({ status: 'duplicate', duplicateOf: first.id });

    // The typed id still works when the original is not in the list (here: farther away).
    expect((await staff.form(`/service-requests/inbox/${far.id}`, { status: 'duplicate', duplicate_of: first.id, text: '' })).status).toBe(302);
    expect(await reportOf(far.id)).toMatchObject({ status: 'duplicate', duplicateOf: first.id });
  });

  it('refers a report to another agency of the site: it moves to that inbox, opens again, and that agency is told', async () => {
    const roads = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });
    const waste = await signedInClient(t, 'agency_staff', { agencyId: agencies.waste });
    const report = await file('POTHOLE', 40.05, -3.71, '5 Dump Road', { SIZE: 'large' });
    await t.drainJobs();
    const path = `/service-requests/inbox/${report.id}`;
    const page = await (await roads.get(path)).text();
    const select = /<select[^>]*name="referred_to"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    expect(select).toContain(`value="${agencies.waste}"`);
    expect(select).not.toContain(`value="${agencies.roads}"`);

    expect((await roads.form(path, { status: 'acknowledged', assign: 'me', text: '' })).status).toBe(302);
    const wrong = await roads.form(path, { status: 'referred', referred_to: '00000000-0000-4000-8000-000000000000', text: '' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/id="[^"]*-error">Choose one of the options/);
    const none = await roads.form(path, { status: 'referred', text: '' });
    expect(await none.text()).toContain('Referred to another agency: Fill this in');
    expect((await reportOf(report.id)).agencyId).toBe(agencies.roads);

    const res = await roads.form(path, { status: 'referred', referred_to: agencies.waste, text: 'This is fly-tipping, not a pothole' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/service-requests/inbox?handed=1');
    expect(await reportOf(report.id)).toMatchObject({
      agencyId: agencies.waste,
      status: 'open',
      assignedTo: null,
      referredTo: 'Waste and Recycling',
    });
    expect(await (await roads.get('/service-requests/inbox?handed=1')).text()).toContain('handed to another agency');
    expect((await roads.get(path)).status).toBe(403);
    expect((await waste.get(path)).status).toBe(200);
    expect(await (await waste.get('/service-requests/inbox')).text()).toContain(report.id);
    const timeline = await t.deps.db.select().from(srUpdates).where(eq(srUpdates.requestId, report.id));
    expect(timeline.some((u) => u.visibility === 'public' && u.text.includes('referred to Waste and Recycling'))).toBe(true);
    await t.drainJobs();
    const mails = (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === 'waste@city.example');
    // In words: the short reference and the service's name, never its code or the full id.
    expect(mails.some((m) => /^Report [0-9A-F]{8} handed to you: Pothole/.test(m.subject))).toBe(true);
  });

  it('re-routes when staff change the service, and tells the new agency', async () => {
    const roads = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });
    // Inside the park: a pothole belongs to Roads (the park area only takes trees and graffiti).
    const report = await file('POTHOLE', 40.0, -3.7, 'Park path', { SIZE: 'small' });
    expect(report.agencyId).toBe(agencies.roads);
    await t.drainJobs();
    const before = (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === 'parks@city.example').length;
    expect((await roads.form(`/service-requests/inbox/${report.id}`, { service: 'TREE', text: '' })).status).toBe(302);
    const row = await reportOf(report.id);
    expect(row).toMatchObject({ serviceCode: 'TREE', agencyId: agencies.parks });
    expect(row.expectedAt?.getTime()).not.toBe(report.expectedAt?.getTime());
    await t.drainJobs();
    const after = (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === 'parks@city.example');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.subject).toMatch(/^Report [0-9A-F]{8} handed to you: Fallen or damaged tree/);
    const bad = await (await signedInClient(t, 'admin')).form(`/service-requests/inbox/${report.id}`, { service: 'UFO', text: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="[^"]*-error">Choose one of the options/);
  });
});
