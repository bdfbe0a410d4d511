import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { ALERT_BATCH_MS } from './commands/area-alerts.js';
import { createRequest } from './commands/create-request.js';
import { shortReference } from './core/reference.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srAreaAlerts, srAreas } from './store/tables.js';

describe.each(testDatabases())('following an area: double opt-in, batched alerts, unsubscribe (%s)', (kind) => {
  let t: TestContext;
  let parkId: string;
  const mailsTo = async (to: string) => (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === to).reverse();
  const file = async (lat: number, lon: number, address: string) =>
    (await createRequest(t.deps, t.site.id, { serviceCode: 'STREETLIGHT', lat, lon, address, description: 'Lamp out' }, {}, { source: 'web' }))
      .request;
  /** Lets the batch window pass and runs the queued jobs, as the worker would. */
  const nextBatch = async () => {
    t.clock.advance(ALERT_BATCH_MS + 1000);
    await t.drainJobs();
  };

  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedCatalogue(t.deps, t.site.id);
    parkId = (await t.deps.db.select().from(srAreas).where(eq(srAreas.name, 'Central park')))[0].id;
  });
  afterAll(() => t?.close());

  it('offers the form without JavaScript and names what is missing', async () => {
    const c = createClient(t);
    const page = await (await c.get('/service-requests/alerts')).text();
    expect(page).toContain('<h1>Follow an area</h1>');
    expect(page).toMatch(new RegExp(`<option value="${parkId}">Central park</option>`));
    expect(page).toMatch(/<label[^>]*for="[^"]*"[^>]*>Your e-mail address/);
    expect(await (await c.get('/service-requests')).text()).toContain('href="/service-requests/alerts"');

    const none = await c.form('/service-requests/alerts', { email: 'nobody@example.org' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('An area of the city: Choose an area, a place or a point on the map');
    const bad = await c.form('/service-requests/alerts', { area: parkId, email: 'not-an-address' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Your e-mail address: Enter an email address like name@example.org');
    expect(html).toContain(`<option value="${parkId}" selected="">`);
    expect(await t.deps.db.select().from(srAreaAlerts)).toHaveLength(0);
  });

  it('sends nothing before the confirmation link is used; then one alert for a report inside, none for one outside; unsubscribe stops them', async () => {
    const c = createClient(t);
    const res = await c.form('/service-requests/alerts', { area: parkId, email: 'walker@example.org' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/service-requests/alerts?sent=1');
    expect(await (await c.get('/service-requests/alerts?sent=1')).text()).toContain('Check your e-mail');
    await t.drainJobs();
    const [confirmMail] = await mailsTo('walker@example.org');
    expect(confirmMail.subject).toBe('Confirm your alerts for Central park');
    const confirmLink = /(http:\/\/test\.localhost)(\/service-requests\/alerts\/confirm\?token=([A-Za-z0-9_-]+))/.exec(confirmMail.text);
    expect(confirmLink).toBeTruthy();

    // Not confirmed yet: a report inside the park sends nothing.
    await file(40.0, -3.7, 'Park fountain');
    await nextBatch();
    expect(await mailsTo('walker@example.org')).toHaveLength(1);

    // Opening the link alone changes nothing; the button confirms.
    const open = await c.get(confirmLink![2]);
    expect(open.status).toBe(200);
    const openHtml = await open.text();
    expect(openHtml).toContain('Send e-mails about new reports in Central park to w…@example.org?');
    expect(openHtml).not.toContain('walker@example.org');
    expect((await t.deps.db.select().from(srAreaAlerts))[0].confirmedAt).toBeNull();
    const confirmed = await c.form('/service-requests/alerts/confirm', { token: confirmLink![3] });
    expect(confirmed.status).toBe(302);
    expect(await (await c.get(confirmed.headers.get('location')!)).text()).toContain('Done: you will get an e-mail');

    t.clock.advance(60_000);
    const inside = await file(40.005, -3.701, 'Rose garden');
    const outside = await file(40.03, -3.73, '9 Far Street');
    await nextBatch();
    const mails = await mailsTo('walker@example.org');
    expect(mails).toHaveLength(2);
    const alert = mails[1];
    expect(alert.subject).toBe('1 new report in Central park');
    expect(alert.text).toContain(`- Street light out at Rose garden (ref. ${shortReference(inside.id)})`);
    expect(alert.text).toContain(`http://test.localhost/service-requests/reports/${inside.id}`);
    expect(alert.text).not.toContain(outside.id);
    // A batch with nothing new inside sends nothing.
    await file(40.03, -3.731, '11 Far Street');
    await nextBatch();
    expect(await mailsTo('walker@example.org')).toHaveLength(2);

    // Every alert carries the link that stops them; after it, reports inside send nothing.
    const stop = /http:\/\/test\.localhost(\/service-requests\/alerts\/stop\?token=([A-Za-z0-9_-]+))/.exec(alert.text);
    expect(stop).toBeTruthy();
    expect(await (await c.get(stop![1])).text()).toContain('Stop the e-mails about new reports in Central park');
    const stopped = await c.form('/service-requests/alerts/stop', { token: stop![2] });
    expect(stopped.status).toBe(302);
    expect(await t.deps.db.select().from(srAreaAlerts)).toHaveLength(0);
    await file(40.001, -3.702, 'Park gate');
    await nextBatch();
    expect(await mailsTo('walker@example.org')).toHaveLength(2);
    // The used link says it does not work.
    const used = await c.get(stop![1]);
    expect(used.status).toBe(404);
    expect(await used.text()).toContain('This link does not work');
  });

  it('follows a point and a distance in the language of the form', async () => {
    const c = createClient(t);
    const res = await c.request('/service-requests/alerts', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
      body: new URLSearchParams({ _csrf: c.csrf, lat: '40.04', long: '-3.72', radius: '250', email: 'lea@example.org' }).toString(),
    });
    expect(res.status).toBe(302);
    await t.drainJobs();
    const [confirm] = await mailsTo('lea@example.org');
    expect(confirm.subject).toBe('Confirmez vos alertes pour le secteur à moins de 250 m de 40.04000, -3.72000');
    const token = /alerts\/confirm\?token=([A-Za-z0-9_-]+)/.exec(confirm.text)![1];
    expect((await c.form('/service-requests/alerts/confirm', { token })).status).toBe(302);
    t.clock.advance(60_000);
    const near = await file(40.0405, -3.7205, '2 Mill Road');
    await file(40.05, -3.72, 'Far from the mill'); // about 1.1 km away
    await nextBatch();
    const mails = await mailsTo('lea@example.org');
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('1 nouveau signalement dans le secteur à moins de 250 m de 40.04000, -3.72000');
    expect(mails[1].text).toContain(near.id);
    expect(mails[1].text).toContain('Pour arrêter ces alertes');
  });
});
