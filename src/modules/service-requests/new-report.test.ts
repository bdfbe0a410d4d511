import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createRequest } from './commands/create-request.js';
import { seedCatalogue } from './seed/catalogue.js';
import { seedPlaces } from './seed/places.js';
import { srAreas, srPhotos, srPlaces, srRequests } from './store/tables.js';

type File = { name: string; bytes: Uint8Array; type: string };

/** A multipart form post with the CSRF field and any number of photos, like a browser without JavaScript. */
function post(c: ReturnType<typeof createClient>, service: string, fields: Record<string, string>, photos: File[] = []) {
  const body = new FormData();
  body.set('_csrf', c.csrf);
  body.set('service', service);
  body.set('intent', 'submit');
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const f of photos) body.append('photo', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return c.request(`/service-requests/new?service=${service}`, { method: 'POST', body });
}

const idOf = (res: Response) => {
  expect(res.status).toBe(302);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/service-requests\/reports\/[0-9a-f-]{36}\?new=1$/);
  return location.split('/').pop()!.split('?')[0];
};

describe.each(testDatabases())('filing a report without the map on %s', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  let places: Record<string, { id: string; lat: number; lon: number }>;
  let key = 0;
  const fresh = () => `no-map-key-${String(++key).padStart(4, '0')}`;
  const reportOf = async (id: string) => (await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id)))[0];

  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages, env: { UPLOAD_MAX_BYTES: '200000' } });
    agencies = await seedCatalogue(t.deps, t.site.id);
    await seedPlaces(t.deps, t.site.id);
    places = Object.fromEntries((await t.deps.db.select().from(srPlaces)).map((p) => [p.name, p]));
  });
  afterAll(() => t?.close());

  it('places a typed address the gazetteer knows, so the report is routed by area', async () => {
    const c = createClient(t);
    const form = await (await c.get('/service-requests/new?service=GRAFFITI')).text();
    // The list of places is there for people who neither type nor use the map.
    expect(form).toMatch(/<select[^>]*name="place"/);
    expect(form).toContain('<optgroup label="Landmarks">');
    expect(form).toContain(`value="${places['Town Hall'].id}"`);
    const id = idOf(await post(c, 'GRAFFITI', { idempotency_key: fresh(), address: 'parque central, junto a la fuente', description: 'Tags' }));
    // Graffiti has no agency of its own: the park's agency gets it because the address was placed.
    expect(await reportOf(id)).toMatchObject({ lat: 40, lon: -3.7, address: 'parque central, junto a la fuente', agencyId: agencies.parks });
    const page = await (await c.get(`/service-requests/reports/${id}`)).text();
    expect(page).not.toContain('This address is not on the map yet');
  });

  it('asks which place is meant when several fit, and files it at the chosen one', async () => {
    const c = createClient(t);
    const fields = { idempotency_key: fresh(), address: 'Station', description: 'Lamp out', email: 'lu@example.org', notify: 'email' };
    const ask = await post(c, 'STREETLIGHT', fields);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain('Several places match');
    expect(html).toContain('2 places match “Station”');
    expect(html).toContain(`name="place" value="${places['Station Road'].id}"`);
    expect(html).toContain(`name="place" value="${places['Station Square'].id}"`);
    expect(html).toContain('None of these: send it with the address as I typed it');
    expect(html).not.toMatch(/<select[^>]*name="place"/);
    expect(html).toContain('value="lu@example.org"'); // nothing typed is lost
    expect(await t.deps.db.select().from(srRequests)).toHaveLength(1);

    const id = idOf(await post(c, 'STREETLIGHT', { ...fields, place: places['Station Square'].id }));
    expect(await reportOf(id)).toMatchObject({ lat: 39.9765, lon: -3.6875, address: 'Station', agencyId: agencies.roads });
    // "None of these" files it as typed, without a point.
    const asTyped = idOf(await post(c, 'STREETLIGHT', { ...fields, idempotency_key: fresh(), place: 'none' }));
    expect(await reportOf(asTyped)).toMatchObject({ lat: null, address: 'Station' });
    expect(await (await c.get(`/service-requests/reports/${asTyped}`)).text()).toContain('This address is not on the map yet');
    // A made-up choice names the field.
    const bad = await post(c, 'STREETLIGHT', { ...fields, idempotency_key: fresh(), place: 'somewhere' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose one of the options');
  });

  it('says clearly when an address is not found, and lets the person pick from the list or send it as typed', async () => {
    const c = createClient(t);
    const fields = { idempotency_key: fresh(), address: '3 Corner Road', description: 'Lamp out' };
    const res = await post(c, 'STREETLIGHT', fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('We could not find this address');
    expect(html).toContain('“3 Corner Road” is not among the streets and places we know');
    expect(html).toMatch(/<select[^>]*name="place"/);
    expect(html).toContain('<option value="none">Send it with the address as I typed it');
    const before = (await t.deps.db.select().from(srRequests)).length;
    expect(before).toBe(3);
    const asTyped = idOf(await post(c, 'STREETLIGHT', { ...fields, place: 'none' }));
    expect(await reportOf(asTyped)).toMatchObject({ lat: null, address: '3 Corner Road', agencyId: agencies.roads });
    const picked = idOf(await post(c, 'STREETLIGHT', { ...fields, idempotency_key: fresh(), place: places['Mill Road'].id }));
    expect(await reportOf(picked)).toMatchObject({ lat: 40.04, lon: -3.72, address: '3 Corner Road' });
  });

  it('files from the list alone, and offers the list again for a place outside every area', async () => {
    const c = createClient(t);
    const id = idOf(await post(c, 'BULKY', { idempotency_key: fresh(), place: places['Town Hall'].id, 'attribute[ITEMS]': 'furniture' }));
    // Placed by the list, it is routed by area: the waste service's city-wide area.
    expect(await reportOf(id)).toMatchObject({ address: 'Town Hall', lat: 40.0045, lon: -3.7275, agencyId: agencies.waste });

    const fields = { idempotency_key: fresh(), place: places['Old Quarry'].id, description: 'Tags on the gate' };
    const outside = await post(c, 'GRAFFITI', fields);
    expect(outside.status).toBe(400);
    const html = await outside.text();
    expect(html).toContain('outside every area we cover');
    expect(html).toContain('choose a place from the list');
    expect(html).toContain('name="outside_ok"');
    expect(html).toMatch(new RegExp(`<option value="${places['Old Quarry'].id}" selected`));
    const sent = idOf(await post(c, 'GRAFFITI', { ...fields, outside_ok: 'on' }));
    expect(await reportOf(sent)).toMatchObject({ lat: 40.08, address: 'Old Quarry', agencyId: agencies['service-desk'] });
  });

  it('shows nearby reports of a placed address, keeps the point while the address stays, and drops it when it changes', async () => {
    const c = createClient(t);
    const { request: existing } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'STREETLIGHT', lat: 40.0051, lon: -3.7301, address: 'Market Square lamp', description: 'Out' },
      {},
      { source: 'web', quiet: true },
    );
    const fields = { idempotency_key: fresh(), address: 'Market Sq.', description: 'Dark square' };
    const first = await post(c, 'STREETLIGHT', fields);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Your report is placed at Market Square.');
    expect(html).toContain(`value="${existing.id}"`);
    expect(html).toContain('name="located_for" value="Market Sq."');
    expect(html).toMatch(/<input[^>]*name="lat"[^>]*value="40.005"/);
    const back = { ...fields, nearby_checked: '1', located_for: 'Market Sq.', lat: '40.005', long: '-3.73' };
    const id = idOf(await post(c, 'STREETLIGHT', back));
    expect(await reportOf(id)).toMatchObject({ lat: 40.005, lon: -3.73 });
    // The person corrected the address after it was placed: the old point is not kept.
    const moved = idOf(await post(c, 'STREETLIGHT', { ...back, idempotency_key: fresh(), address: 'Hill Lane' }));
    expect(await reportOf(moved)).toMatchObject({ lat: 40.03, lon: -3.74, address: 'Hill Lane' });
  });

  it('takes up to three photos, checks each, and names the one that is refused', async () => {
    const c = createClient(t);
    const jpeg = (colour: string) =>
      sharp({ create: { width: 32, height: 24, channels: 3, background: colour } })
        .jpeg()
        .withMetadata({ exif: { IFD0: { Artist: 'Camera Owner' } } })
        .toBuffer();
    const photos = [
      { name: 'a.jpg', bytes: await jpeg('#111'), type: 'image/jpeg' },
      { name: 'b.jpg', bytes: await jpeg('#555'), type: 'image/jpeg' },
      {
        name: 'c.png',
        bytes: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#999' } })
          .png()
          .toBuffer(),
        type: 'image/png',
      },
    ];
    const fields = { idempotency_key: fresh(), lat: '39.96', long: '-3.74', address: 'River Walk', 'attribute[SIZE]': 'small', description: 'Hole' };
    const form = await (await c.get('/service-requests/new?service=POTHOLE')).text();
    expect(form).toMatch(/<input[^>]*type="file"[^>]*multiple/);
    expect(form).toContain('Up to 3 JPEG, PNG, WebP or GIF images');

    const tooMany = await post(c, 'POTHOLE', fields, [...photos, photos[0]]);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('Photos (optional): Choose at most 3');
    const pdf = { name: 'scan.pdf', bytes: new TextEncoder().encode('%PDF-1.4 a document'), type: 'image/jpeg' };
    const big = { name: 'huge.jpg', bytes: new Uint8Array(250_000).fill(7, 3), type: 'image/jpeg' };
    big.bytes.set([0xff, 0xd8, 0xff]);
    const mixed = await post(c, 'POTHOLE', fields, [photos[0], pdf, big]);
    expect(mixed.status).toBe(400);
    const mixedHtml = await mixed.text();
    // Both refused photos are named, with what every photo must be.
    expect(mixedHtml).toContain('Photos (optional): Photos 2, 3 cannot be used: each must be a JPEG, PNG, WebP or GIF image of at most 0.2 MB');
    expect(mixedHtml).toContain('value="River Walk"');
    const damaged = { name: 'broken.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]), type: 'image/jpeg' };
    const broken = await post(c, 'POTHOLE', fields, [photos[0], damaged]);
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('Photos (optional): Photo 2 is not a JPEG, PNG, WebP or GIF image');
    expect(await t.deps.db.select().from(srRequests).where(eq(srRequests.idempotencyKey, fields.idempotency_key))).toHaveLength(0);

    const id = idOf(await post(c, 'POTHOLE', fields, photos));
    expect(await t.deps.db.select().from(srPhotos).where(eq(srPhotos.requestId, id))).toHaveLength(3);
    const page = await (await c.get(`/service-requests/reports/${id}`)).text();
    const srcs = [...page.matchAll(/src="(\/library\/files\/[0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(srcs).toHaveLength(3);
    expect(page).toContain('Photo 3 of the reported problem (Pothole)');
    for (const src of srcs) expect(Buffer.from(await (await c.get(src)).arrayBuffer()).includes(Buffer.from('Camera Owner'))).toBe(false);
  });

  it('keeps the photos across the steps of the form, and ignores a reference it did not sign', async () => {
    const c = createClient(t);
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#345' } })
      .jpeg()
      .toBuffer();
    const fields = { idempotency_key: fresh(), address: 'Station', 'attribute[SIZE]': 'large', description: 'Hole' };
    const ask = await post(c, 'POTHOLE', fields, [{ name: 'hole.jpg', bytes: jpeg, type: 'image/jpeg' }]);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain('1 photo you chose is kept and will be sent with the report');
    const ref = /name="photo_ref" value="([^"]+)"/.exec(html)?.[1];
    expect(ref).toMatch(/^[0-9a-f-]{36}\.[\w-]{32}$/);
    // A bad answer on the next step keeps them too.
    const bad = await post(c, 'POTHOLE', { ...fields, place: places['Station Road'].id, photo_ref: ref!, 'attribute[SIZE]': 'huge' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`name="photo_ref" value="${ref}"`);
    const id = idOf(await post(c, 'POTHOLE', { ...fields, place: places['Station Road'].id, photo_ref: ref! }));
    const stored = await t.deps.db.select().from(srPhotos).where(eq(srPhotos.requestId, id));
    expect(stored.map((p) => p.uploadId)).toEqual([ref!.split('.')[0]]);
    // Someone else's upload id, unsigned or with a made-up signature, is not attached.
    const forged = `${ref!.split('.')[0]}.${'A'.repeat(32)}`;
    const other = idOf(await post(c, 'POTHOLE', { ...fields, idempotency_key: fresh(), place: places['Mill Road'].id, photo_ref: forged }));
    expect(await t.deps.db.select().from(srPhotos).where(eq(srPhotos.requestId, other))).toHaveLength(0);
  });

  it('offers the inquiry form for questions that are not about a place, from the home and service pages', async () => {
    const c = createClient(t);
    const home = await (await c.get('/service-requests?lang=en')).text();
    expect(home).toContain('A question, not a problem in a place?');
    expect(home).toContain('href="/service-requests/new?service=INQUIRY"');
    const info = await (await c.get('/service-requests/services/INQUIRY')).text();
    expect(info).toContain('Ask a question');
    expect(info).toContain('Citizen Service Desk');
    const form = await (await c.get('/service-requests/new?service=INQUIRY')).text();
    expect(form).not.toContain('name="place"');
    expect(form).not.toContain('name="address"');
  });

  it("names a report placed by a pin after the nearest known place, in the reader's language, never by its coordinates", async () => {
    const c = createClient(t);
    // A pin about 110 m south of Church Street's point, as the map fills the fields; no address typed.
    const id = idOf(
      await post(c, 'STREETLIGHT', { idempotency_key: fresh(), lat: '40.014', long: '-3.68', nearby_checked: '1', description: 'Dark' }),
    );
    expect(await reportOf(id)).toMatchObject({ lat: 40.014, lon: -3.68, address: null, nearPlace: 'Church Street' });
    const page = await (await c.get(`/service-requests/reports/${id}`)).text();
    expect(page).toContain('<h1>Street light out near Church Street</h1>');
    expect(page).not.toContain('40.014, -3.68');
    const es = await (await c.get(`/service-requests/reports/${id}?lang=es`)).text();
    expect(es).toContain('Farola apagada cerca de Church Street');
    const home = await (await c.get('/service-requests?lang=en')).text();
    expect(home).toContain('near Church Street');
    // Far from every known place (3 km from the nearest), the report is named by the area it was routed to.
    const far = idOf(await post(c, 'STREETLIGHT', { idempotency_key: fresh(), lat: '40.045', long: '-3.66', nearby_checked: '1' }));
    const farRow = await reportOf(far);
    const [area] = await t.deps.db.select().from(srAreas).where(eq(srAreas.id, farRow.areaId!));
    expect(farRow.nearPlace).toBe(area.name);
    expect(await (await c.get(`/service-requests/reports/${far}`)).text()).toContain(`<h1>Street light out near ${area.name}</h1>`);
    // A typed address stays the report's name.
    const typed = idOf(
      await post(c, 'STREETLIGHT', { idempotency_key: fresh(), lat: '40.014', long: '-3.68', address: '83 Church Street', nearby_checked: '1' }),
    );
    expect(await reportOf(typed)).toMatchObject({ address: '83 Church Street', nearPlace: null });
    expect(await (await c.get(`/service-requests/reports/${typed}`)).text()).toContain('<h1>Street light out: 83 Church Street</h1>');
  });

  it('offers to confirm the fix only within the window, and says when it has passed', async () => {
    const c = createClient(t);
    const { changeRequest } = await import('./commands/update-request.js');
    const { request } = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'TREE', lat: 40.0, lon: -3.7, description: 'Branch down' },
      {},
      { source: 'web', quiet: true },
    );
    await changeRequest(t.deps, t.site.id, request.id, { status: 'resolved', text: 'Cleared' }, null);
    const within = await (await c.get(`/service-requests/reports/${request.id}`)).text();
    expect(within).toContain('Is it fixed?');
    expect(within).toContain('Cleared');
    expect(within).not.toContain('that time has passed');
    t.clock.advance(29 * 86_400_000);
    const after = await (await c.get(`/service-requests/reports/${request.id}`)).text();
    expect(after).not.toContain('Is it fixed?');
    expect(after).toContain('Reports can be reopened for 28 days after they are resolved; that time has passed.');
    expect(after).toContain('href="/service-requests/new?service=TREE"');
  });
});
