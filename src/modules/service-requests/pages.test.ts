import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests, srSubscriptions, srUpdates } from './store/tables.js';

/** A multipart form post with the CSRF field, like a browser without JavaScript. */
function multipart(
  c: ReturnType<typeof createClient>,
  path: string,
  fields: Record<string, string | string[]>,
  file?: { name: string; bytes: Uint8Array; type: string },
) {
  const body = new FormData();
  body.set('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  if (file) body.set('photo', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return c.request(path, { method: 'POST', body });
}

describe.each(testDatabases())('service requests pages on %s', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  const reportOf = async (id: string) => (await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id)))[0];

  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    agencies = await seedCatalogue(t.deps, t.site.id);
  });
  afterAll(() => t?.close());

  it('shows the catalogue grouped and searchable without JavaScript', async () => {
    const c = createClient(t);
    const all = await (await c.get('/service-requests/new')).text();
    expect(all).toMatch(/<legend>Streets<\/legend>/);
    expect(all).toContain('value="POTHOLE"');
    const found = await (await c.get('/service-requests/new?q=fridge')).text();
    expect(found).toContain('value="BULKY"');
    expect(found).not.toContain('value="POTHOLE"');
    expect((await c.get('/service-requests/new?service=UFO')).status).toBe(404);
    const info = await (await c.get('/service-requests/services/POTHOLE')).text();
    expect(info).toMatch(/target 72 hours/);
    expect(info).toContain('Roads and Street Lighting');
    expect((await c.get('/service-requests/services/UFO')).status).toBe(404);
    const es = await (await c.get('/service-requests/new?lang=es')).text();
    expect(es).toContain('Avisar de un problema');
  });

  it('files a report with a photo (metadata stripped), keeps typed values on bad input, and makes one report per idempotency key', async () => {
    const c = createClient(t);
    const form = await (await c.get('/service-requests/new?service=POTHOLE')).text();
    const key = /name="idempotency_key" value="([^"]+)"/.exec(form)?.[1];
    expect(key).toBeTruthy();
    const base = {
      service: 'POTHOLE',
      idempotency_key: key!,
      address: '12 Main Street',
      lat: '40.02',
      long: '-3.72',
      description: 'Deep hole',
      email: 'ana@example.org',
      notify: 'email',
      intent: 'submit',
    };

    const bad = await multipart(c, '/service-requests/new?service=POTHOLE', { ...base, 'attribute[SIZE]': 'enormous', 'attribute[DEPTH]': 'very' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    // Each answer is named by its question's own words, never by its code, with the reason in words.
    expect(badHtml).toContain('How big is it?: Choose one of the options');
    expect(badHtml).toContain('Depth in centimetres, if you know it: Enter a number');
    expect(badHtml).not.toContain('attribute[SIZE]:');
    expect(badHtml).toContain('value="12 Main Street"');

    const notImage = await multipart(
      c,
      '/service-requests/new?service=POTHOLE',
      { ...base, 'attribute[SIZE]': 'large' },
      { name: 'x.jpg', bytes: new TextEncoder().encode('%PDF-1.4 not a photo'), type: 'image/jpeg' },
    );
    expect(notImage.status).toBe(400);
    expect(await notImage.text()).toContain('Photos (optional): Photo 1 is not a JPEG, PNG, WebP or GIF image');
    expect(await t.deps.db.select().from(srRequests)).toHaveLength(0);

    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'Secret Camera Owner' } } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from('Secret Camera Owner'))).toBe(true);
    const ok = await multipart(
      c,
      '/service-requests/new?service=POTHOLE',
      { ...base, 'attribute[SIZE]': 'large' },
      { name: 'hole.jpg', bytes: jpeg, type: 'image/jpeg' },
    );
    expect(ok.status).toBe(302);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(/^\/service-requests\/reports\/[0-9a-f-]{36}\?new=1$/);
    const id = location.split('/').pop()!.split('?')[0];
    const row = await reportOf(id);
    // Signed out is not anonymous: the name and e-mail given reach the staff (only the form's box hides the reporter).
    expect(row).toMatchObject({ agencyId: agencies.roads, attributes: { SIZE: 'large' }, email: 'ana@example.org', source: 'web', anonymous: false });

    // The same form sent again (a double click, a retry) gives the same report.
    const again = await multipart(c, '/service-requests/new?service=POTHOLE', { ...base, 'attribute[SIZE]': 'large', nearby_checked: '1' });
    expect(again.headers.get('location')).toBe(location);
    expect(await t.deps.db.select().from(srRequests)).toHaveLength(1);

    const page = await (await c.get(location)).text();
    expect(page).toContain('Your report has been sent');
    expect(page).toContain('Roads and Street Lighting');
    expect(page).not.toContain('ana@example.org');
    const photo = /src="(\/library\/files\/[0-9a-f-]{36})"/.exec(page)?.[1];
    expect(photo).toBeTruthy();
    const stored = Buffer.from(await (await c.get(photo!)).arrayBuffer());
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(stored.includes(Buffer.from('Secret Camera Owner'))).toBe(false);
    expect(await t.deps.db.select().from(srSubscriptions).where(eq(srSubscriptions.requestId, id))).toHaveLength(1);
  });

  it('shows open reports of the same service nearby before sending, and adds a "me too" instead', async () => {
    const c = createClient(t);
    const [existing] = await t.deps.db.select().from(srRequests);
    const fields = {
      service: 'POTHOLE',
      idempotency_key: 'second-pothole-key-1',
      lat: '40.0201',
      long: '-3.7201',
      'attribute[SIZE]': 'small',
      description: 'Same hole?',
      intent: 'submit',
    };
    const first = await multipart(c, '/service-requests/new?service=POTHOLE', fields);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Reports of the same problem nearby');
    expect(html).toContain(`value="${existing.id}"`);
    expect(html).toContain('name="nearby_checked" value="1"');
    const far = await multipart(c, '/service-requests/new?service=POTHOLE', {
      ...fields,
      idempotency_key: 'far-pothole-key-01',
      lat: '39.96',
      long: '-3.74',
    });
    expect(far.status).toBe(302); // nothing nearby: sent at once
    const meToo = await c.form('/service-requests/new?service=POTHOLE', { intent: 'metoo', request: existing.id, email: 'ben@example.org' });
    expect(meToo.status).toBe(302);
    expect((await reportOf(existing.id)).meTooCount).toBe(1);
    expect(await t.deps.db.select().from(srRequests)).toHaveLength(2);
  });

  it('names each refused field of the report form by its Ukrainian label, with the reason in Ukrainian', async () => {
    const c = createClient(t);
    const res = await multipart(c, '/service-requests/new?service=POTHOLE&lang=uk', {
      service: 'POTHOLE',
      idempotency_key: 'ukrainian-refusal-1',
      lat: 'north',
      long: '-3.72',
      'attribute[SIZE]': 'enormous',
      'attribute[DEPTH]': 'very',
      description: 'Яма',
      notify: 'email',
      intent: 'submit',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const summary = /<div class="error-summary"[^]*?<\/div>/.exec(html)?.[0] ?? '';
    expect(summary).toContain('<h2>Виправте, будь ласка, поля нижче</h2>');
    expect(summary).toContain('<a href="#field-lat">Широта: Введіть число</a>');
    expect(html).toMatch(/id="[^"]*-error">Введіть число</);
    // A second try with the position fixed: the questions are named by their own wording, the e-mail by its label.
    const again = await multipart(c, '/service-requests/new?service=POTHOLE&lang=uk', {
      service: 'POTHOLE',
      idempotency_key: 'ukrainian-refusal-2',
      lat: '40.02',
      long: '-3.72',
      'attribute[SIZE]': 'enormous',
      'attribute[DEPTH]': 'very',
      description: 'Яма',
      notify: 'email',
      nearby_checked: '1',
      intent: 'submit',
    });
    expect(again.status).toBe(400);
    const again2 = /<div class="error-summary"[^]*?<\/div>/.exec(await again.text())?.[0] ?? '';
    expect(again2).toContain('How big is it?: Виберіть один із варіантів');
    expect(again2).toContain('Depth in centimetres, if you know it: Введіть число');
    expect(again2).toContain('Електронна пошта: Вкажіть адресу електронної пошти, щоб отримувати новини');
    // Never the field's internal name, nor the command's English.
    for (const text of [summary, again2]) {
      expect(text).not.toMatch(/>(lat|attribute\[SIZE\]|attribute\[DEPTH\]|email):/);
      expect(text).not.toMatch(/must be|has no option|give an email/);
    }
    expect(await t.deps.db.select().from(srRequests).where(eq(srRequests.idempotencyKey, 'ukrainian-refusal-2'))).toHaveLength(0);
  });

  it('asks before sending a report from outside every area', async () => {
    const c = createClient(t);
    const fields = {
      service: 'STREETLIGHT',
      idempotency_key: 'outside-area-key-1',
      lat: '45.0',
      long: '2.0',
      description: 'Dark',
      intent: 'submit',
      nearby_checked: '1',
    };
    const res = await multipart(c, '/service-requests/new?service=STREETLIGHT', fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    // The reason is the summary's heading; the field is linked by its label without saying it twice.
    expect(html).toMatch(/<h2>This place is outside every area we cover[^<]*<\/h2><ul><li><a href="#field-location">Where is it\?<\/a>/);
    expect(html).toContain('name="outside_ok"');
    const confirmed = await multipart(c, '/service-requests/new?service=STREETLIGHT', { ...fields, outside_ok: 'on' });
    expect(confirmed.status).toBe(302);
    const id = confirmed.headers.get('location')!.split('/').pop()!.split('?')[0];
    expect((await reportOf(id)).agencyId).toBe(agencies.roads); // the service's own agency
    const noPlace = await multipart(c, '/service-requests/new?service=STREETLIGHT', {
      service: 'STREETLIGHT',
      idempotency_key: 'no-place-key-0001',
      description: 'Dark',
      intent: 'submit',
    });
    expect(noPlace.status).toBe(400);
    expect(await noPlace.text()).toContain('Where is it?: Give an address, choose a place or mark the spot on the map');
    // An inquiry is not about a place: the form asks no location and the service desk gets it.
    const inquiryForm = await (await c.get('/service-requests/new?service=INQUIRY')).text();
    expect(inquiryForm).not.toContain('name="lat"');
    const inquiry = await multipart(c, '/service-requests/new?service=INQUIRY', {
      service: 'INQUIRY',
      idempotency_key: 'inquiry-key-000001',
      description: 'When is the bulky waste day?',
      intent: 'submit',
    });
    expect(inquiry.status).toBe(302);
    const inquiryId = inquiry.headers.get('location')!.split('/').pop()!.split('?')[0];
    expect(await reportOf(inquiryId)).toMatchObject({ agencyId: agencies['service-desk'], lat: null, address: null });
  });

  it('lets agency staff work their inbox: filter, change status with public update and internal note, re-route, bulk', async () => {
    const roads = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });
    const parks = await signedInClient(t, 'agency_staff', { agencyId: agencies.parks });
    expect((await createClient(t).get('/service-requests/inbox')).status).toBe(302);
    expect((await (await signedInClient(t, null)).get('/service-requests/inbox')).status).toBe(403);
    const inbox = await (await roads.get('/service-requests/inbox')).text();
    const pothole = (await t.deps.db.select().from(srRequests).where(eq(srRequests.serviceCode, 'POTHOLE'))).find((r) => r.meTooCount === 1)!;
    expect(inbox).toContain(`/service-requests/inbox/${pothole.id}`);
    expect(await (await parks.get('/service-requests/inbox')).text()).not.toContain(pothole.id);
    expect((await parks.get(`/service-requests/inbox/${pothole.id}`)).status).toBe(403);
    expect(await (await roads.get('/service-requests/inbox?service=STREETLIGHT')).text()).not.toContain(pothole.id);

    const bad = await roads.form(`/service-requests/inbox/${pothole.id}`, { status: 'duplicate', text: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Or the id of another report: Give the original report: another report of this site');
    expect((await reportOf(pothole.id)).status).toBe('open');

    expect(
      (
        await roads.form(`/service-requests/inbox/${pothole.id}`, {
          status: 'acknowledged',
          text: 'Crew booked for Tuesday',
          visibility: 'public',
          assign: 'me',
        })
      ).status,
    ).toBe(302);
    expect((await roads.form(`/service-requests/inbox/${pothole.id}`, { text: 'Needs the big roller', visibility: 'internal' })).status).toBe(302);
    const row = await reportOf(pothole.id);
    expect(row).toMatchObject({ status: 'acknowledged', assignedTo: roads.userId, statusNotes: 'Crew booked for Tuesday' });
    const publicPage = await (await createClient(t).get(`/service-requests/reports/${pothole.id}`)).text();
    expect(publicPage).toContain('Crew booked for Tuesday');
    expect(publicPage).not.toContain('Needs the big roller');
    expect(await (await roads.get(`/service-requests/inbox/${pothole.id}`)).text()).toContain('Needs the big roller');
    await t.drainJobs();
    const mails = (await listOutbox(t.deps.db, t.site.id, 100)).filter((m) => m.to === 'ana@example.org');
    expect(mails.some((m) => /is now: Acknowledged$/.test(m.subject) && m.text.includes('Crew booked for Tuesday'))).toBe(true);
    expect(mails.find((m) => /Acknowledged/.test(m.subject))?.text).toContain(`http://test.localhost/service-requests/reports/${pothole.id}`);
    expect(mails.some((m) => m.text.includes('Needs the big roller'))).toBe(false);

    // Changing the service re-routes: a tree in the park goes to Parks.
    const [tree] = await t.deps.db.select().from(srRequests).where(eq(srRequests.serviceCode, 'POTHOLE'));
    await t.deps.db.update(srRequests).set({ lat: 40.0, lon: -3.7 }).where(eq(srRequests.id, tree.id));
    expect((await roads.form(`/service-requests/inbox/${tree.id}`, { service: 'TREE', text: '' })).status).toBe(302);
    expect(await reportOf(tree.id)).toMatchObject({ serviceCode: 'TREE', agencyId: agencies.parks });
    const notes = await t.deps.db.select().from(srUpdates).where(eq(srUpdates.requestId, tree.id));
    expect(notes.some((u) => u.text.includes('service changed from POTHOLE to TREE'))).toBe(true);

    // Bulk: resolve every open roads report at once; a report of another agency is refused.
    const open = (await t.deps.db.select().from(srRequests)).filter((r) => r.agencyId === agencies.roads && r.status !== 'resolved');
    const body = new URLSearchParams({ _csrf: roads.csrf, bulk_status: 'resolved', bulk_text: 'Fixed in the spring campaign' });
    for (const r of open) body.append('ids', r.id);
    const bulk = await roads.request('/service-requests/inbox', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    expect(bulk.status).toBe(200);
    expect(await bulk.text()).toMatch(new RegExp(`${open.length} reports? changed`));
    for (const r of open) expect((await reportOf(r.id)).status).toBe('resolved');
    const foreign = new URLSearchParams({ _csrf: roads.csrf, bulk_status: 'closed', ids: tree.id });
    expect(
      (
        await roads.request('/service-requests/inbox', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: foreign.toString(),
        })
      ).status,
    ).toBe(403);
    const none = new URLSearchParams({ _csrf: roads.csrf, bulk_status: 'closed' });
    expect(
      (
        await roads.request('/service-requests/inbox', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: none.toString(),
        })
      ).status,
    ).toBe(400);
  });

  it('lets the resident confirm a fix or reopen within the window only', async () => {
    const c = createClient(t);
    const resolved = (await t.deps.db.select().from(srRequests)).filter((r) => r.status === 'resolved');
    expect(resolved.length).toBeGreaterThanOrEqual(2);
    const page = await (await c.get(`/service-requests/reports/${resolved[0].id}`)).text();
    expect(page).toContain('Is it fixed?');
    expect((await c.form(`/service-requests/reports/${resolved[0].id}`, { intent: 'not_fixed', text: 'Still a hole' })).status).toBe(302);
    expect(await reportOf(resolved[0].id)).toMatchObject({ status: 'open', reopened: true, resolvedAt: null });
    t.clock.advance(29 * 86_400_000);
    const late = await c.form(`/service-requests/reports/${resolved[1].id}`, { intent: 'fixed' });
    expect(late.status).toBe(409);
    expect((await reportOf(resolved[1].id)).status).toBe('resolved');
    expect((await c.form(`/service-requests/reports/${resolved[1].id}`, { intent: 'subscribe', email: 'nope' })).status).toBe(400);
    expect((await c.get('/service-requests/reports/not-a-report')).status).toBe(404);
  });

  it('shows the dashboard with charts, tables and exports, and lets admins issue and revoke keys', async () => {
    const c = createClient(t);
    const dash = await (await c.get('/service-requests/dashboard?days=365')).text();
    expect(dash).toContain('Reports by service');
    expect(dash).toMatch(/<figure class="bar-chart"/);
    const csv = await (await c.get('/service-requests/open-data/requests.csv?days=365')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'service_request_id,service_code,status,open311_status,agency_id,lat,long,address,requested_datetime,expected_datetime,resolved_datetime,me_too_count,reopened',
    );
    expect(lines.length - 1).toBe((await t.deps.db.select().from(srRequests)).length);
    expect(csv).not.toContain('ana@example.org');
    const geo = (await (await c.get('/service-requests/open-data/requests.geojson?days=365')).json()) as {
      type: string;
      features: { geometry: { coordinates: number[] } }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBeGreaterThan(0);
    expect((await c.get('/service-requests/open-data/requests.csv?days=0')).status).toBe(400);
    const inView = (await (await c.get('/service-requests/open-data/requests.geojson?bbox=-3.75,39.95,-3.65,40.05&status=open')).json()) as {
      features: { geometry: { coordinates: [number, number] } }[];
    };
    expect(inView.features.length).toBeGreaterThan(0);
    expect(inView.features.every((f) => f.geometry.coordinates[1] >= 39.95 && f.geometry.coordinates[1] <= 40.05)).toBe(true);
    const outOfView = (await (await c.get('/service-requests/open-data/requests.geojson?bbox=10,10,11,11')).json()) as { features: unknown[] };
    expect(outOfView.features).toEqual([]);
    expect((await c.get('/service-requests/open-data/requests.geojson?bbox=1,2,3')).status).toBe(400);
    expect((await c.get('/service-requests/open-data/requests.geojson?bbox=3,2,1,4')).status).toBe(400);
    expect((await c.get('/service-requests/open-data/requests.geojson?status=closed')).status).toBe(400);

    const admin = await signedInClient(t, 'admin');
    expect((await (await signedInClient(t, 'editor')).get('/service-requests/admin/api-keys')).status).toBe(403);
    const created = await admin.form('/service-requests/admin/api-keys', { intent: 'create', name: 'Mobile app' });
    const key = /<code>(o311_[A-Za-z0-9_-]+)<\/code>/.exec(await created.text())?.[1];
    expect(key).toBeTruthy();
    const post = (k: string) =>
      c.request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: k, service_code: 'STREETLIGHT', address_string: '3 Hill Lane' }).toString(),
      });
    expect((await post(key!)).status).toBe(200);
    const list = await (await admin.get('/service-requests/admin/api-keys')).text();
    const keyId = /name="id" value="([0-9a-f-]{36})"/.exec(list)?.[1];
    expect((await admin.form('/service-requests/admin/api-keys', { intent: 'revoke', id: keyId! })).status).toBe(200);
    expect((await post(key!)).status).toBe(403);
    expect((await admin.form('/service-requests/admin/api-keys', { intent: 'create', name: '' })).status).toBe(400);
  });

  it('lets a site admin list the catalogue and add or edit a service with its questions, without JavaScript', async () => {
    const path = '/service-requests/admin/catalogue';
    expect((await (await signedInClient(t, 'editor')).get(path)).status).toBe(403);
    expect((await createClient(t).get(path)).status).toBe(302);
    const admin = await signedInClient(t, 'admin');
    const list = await (await admin.get(path)).text();
    expect(list).toContain('<code>POTHOLE</code>');
    expect(list).toContain('Streets');
    expect((await admin.get(`${path}?edit=UFO`)).status).toBe(404);

    const base = {
      intent: 'save',
      editing: '',
      attributeRows: '2',
      code: 'BENCH',
      name: 'Broken bench',
      description: 'A bench in a street or park is broken',
      keywords: 'seat, bench',
      groupCode: 'streets',
      agencyId: agencies.parks,
      targetHours: '48',
      locationRequired: 'on',
      active: 'on',
      'attributes.0.code': 'PART',
      'attributes.0.datatype': 'singlevaluelist',
      'attributes.0.required': 'on',
      'attributes.0.description': 'What is broken?',
      'attributes.0.values': 'seat = The seat\nlegs = The legs',
      'attributes.1.code': 'PART',
      'attributes.1.datatype': 'multivaluelist',
      'attributes.1.description': 'Anything else?',
      'attributes.1.values': '',
    };
    const bad = await admin.form(path, { ...base, code: 'bad code!', targetHours: 'soon' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Target time in hours: Enter a whole number');
    expect(badHtml).toContain('value="Broken bench"');
    expect(badHtml).toContain('value="soon"');

    const bad2 = await admin.form(path, { ...base, agencyId: '00000000-0000-4000-8000-000000000000' });
    expect(bad2.status).toBe(400);
    const bad2Html = await bad2.text();
    expect(bad2Html).toMatch(/id="[^"]*-error">This is already in use; choose another/);
    expect(bad2Html).toContain('Question 2, Question code: This is already in use; choose another');
    expect(bad2Html).toContain('Question 2, Options (lists only): Give at least one option');
    expect((await admin.form(path, { ...base, 'attributes.1.code': '', code: 'bad code!' })).status).toBe(400);
    expect((await admin.form(path, { ...base, 'attributes.1.code': '', agencyId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    const { srServices } = await import('./store/tables.js');
    expect((await t.deps.db.select().from(srServices).where(eq(srServices.code, 'BENCH'))).length).toBe(0);

    const more = await admin.form(path, { ...base, intent: 'addRow' });
    expect(await more.text()).toContain('name="attributes.2.code"');

    const ok = await admin.form(path, { ...base, 'attributes.1.code': 'EXTRA', 'attributes.1.values': 'a\nb = Bee' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${path}?saved=BENCH`);
    const [row] = await t.deps.db.select().from(srServices).where(eq(srServices.code, 'BENCH'));
    expect(row).toMatchObject({
      name: { en: 'Broken bench' },
      keywords: ['seat', 'bench'],
      agencyId: agencies.parks,
      targetHours: 48,
      attributes: [
        {
          code: 'PART',
          datatype: 'singlevaluelist',
          required: true,
          values: [
            { key: 'seat', name: 'The seat' },
            { key: 'legs', name: 'The legs' },
          ],
        },
        {
          code: 'EXTRA',
          datatype: 'multivaluelist',
          required: false,
          values: [
            { key: 'a', name: 'a' },
            { key: 'b', name: 'Bee' },
          ],
        },
      ],
    });
    expect(await (await admin.get(`${path}?saved=BENCH`)).text()).toContain('The service BENCH has been saved.');

    // Editing in Spanish keeps the English name and changes what was edited.
    const edit = await (await admin.get(`${path}?edit=BENCH&lang=es`)).text();
    expect(edit).toContain('>seat = The seat\nlegs = The legs</textarea>');
    expect(
      (await admin.form(`${path}?lang=es`, { ...base, editing: 'BENCH', code: 'IGNORED', name: 'Banco roto', targetHours: '', active: '' })).status,
    ).toBe(400);
    const saved = await admin.form(`${path}?lang=es`, {
      ...base,
      editing: 'BENCH',
      code: 'IGNORED',
      name: 'Banco roto',
      targetHours: '',
      active: '',
      'attributes.1.code': '',
    });
    expect(saved.status).toBe(302);
    const [edited] = await t.deps.db.select().from(srServices).where(eq(srServices.code, 'BENCH'));
    expect(edited).toMatchObject({ name: { en: 'Broken bench', es: 'Banco roto' }, targetHours: null, active: false });
    expect(edited.attributes).toHaveLength(1);
    expect((await t.deps.db.select().from(srServices).where(eq(srServices.code, 'IGNORED'))).length).toBe(0);
  });

  it('puts an unsubscribe link in every subscriber mail; its page asks to confirm and the POST ends the subscription', async () => {
    const c = createClient(t);
    const { createRequest } = await import('./commands/create-request.js');
    const { request: report } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'TREE', address: 'Park gate', description: 'Branch down', email: 'stayer@example.org', notify: 'email' },
      {},
      { source: 'web', quiet: true },
    );
    expect((await c.form(`/service-requests/reports/${report.id}`, { intent: 'subscribe', email: 'leaver@example.org' })).status).toBe(302);
    const { changeRequest } = await import('./commands/update-request.js');
    await changeRequest(t.deps, t.site.id, report.id, { text: 'Crew on the way' }, null, 'http://test.localhost');
    await t.drainJobs();
    const mailsTo = async () => (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === 'leaver@example.org');
    const first = await mailsTo();
    expect(first).toHaveLength(1);
    // The mail says which report in words: short reference, service name, status; never the id or a code.
    expect(first[0].subject).toMatch(/^Your report [0-9A-F]{8} \(Fallen or damaged tree\) is now: Open$/);
    expect(first[0].text.split('\n')[0]).toMatch(/^Your report [0-9A-F]{8} \(Fallen or damaged tree\) is now: Open\.$/);
    const link = /Stop these e-mails: (http:\/\/test\.localhost(\/service-requests\/unsubscribe\?token=[A-Za-z0-9_-]+))\n/.exec(first[0].text);
    expect(link).toBeTruthy();
    const path = link![2];
    const token = new URL(link![1]).searchParams.get('token')!;
    const [sub] = await t.deps.db.select().from(srSubscriptions).where(eq(srSubscriptions.email, 'leaver@example.org'));
    expect(sub.token).toBe(token);

    const confirm = await c.get(path);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('Stop the emails');
    expect(confirmHtml).toContain('l…@example.org');
    expect(confirmHtml).not.toContain('leaver@example.org');
    // Opening the link alone changes nothing.
    expect(await t.deps.db.select().from(srSubscriptions).where(eq(srSubscriptions.token, token))).toHaveLength(1);

    const done = await c.form(path, { token });
    expect(done.status).toBe(302);
    const after = await c.get(done.headers.get('location')!);
    expect(after.status).toBe(200);
    const afterHtml = await after.text();
    expect(afterHtml).toContain('you will get no more emails about this report');
    expect(afterHtml).toContain(`/service-requests/reports/${report.id}`);
    expect(await t.deps.db.select().from(srSubscriptions).where(eq(srSubscriptions.token, token))).toHaveLength(0);

    await changeRequest(t.deps, t.site.id, report.id, { text: 'Fixed the kerb too' }, null, 'http://test.localhost');
    await t.drainJobs();
    expect(await mailsTo()).toHaveLength(1);
    // The other subscriber still gets both mails.
    expect(
      (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === 'stayer@example.org' && m.subject.endsWith('is now: Open')),
    ).toHaveLength(2);

    // A used, made-up or missing token says so clearly, on the page and on a POST.
    for (const bad of [path, '/service-requests/unsubscribe?token=not-a-real-token', '/service-requests/unsubscribe']) {
      const res = await c.get(bad);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain('This unsubscribe link does not work');
    }
    const again = await c.form(path, { token });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('This unsubscribe link does not work');
    expect((await c.form('/service-requests/unsubscribe', { token: "'; drop table x" })).status).toBe(404);
  });
});
