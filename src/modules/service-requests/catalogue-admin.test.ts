import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { API_KEY_CACHE_MS, createApiKey, revokeApiKey } from './commands/api-keys.js';
import { saveArea, setFallbackAgency } from './commands/catalogue.js';
import { createRequest } from './commands/create-request.js';
import { seedCatalogue } from './seed/catalogue.js';
import { bumpCatalogueRevision, findAgencyContact, listAreas, loadCatalogueSnapshot } from './store/catalogue.js';
import { srApiKeys, srGroups, srServices } from './store/tables.js';

const PATH = '/service-requests/admin/catalogue';

describe.each(testDatabases())('catalogue administration and per-process caches (%s)', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;

  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    agencies = await seedCatalogue(t.deps, t.site.id);
  });
  afterAll(() => t?.close());

  it('creates and edits groups; bad input names the field and keeps what was typed', async () => {
    const admin = await signedInClient(t, 'admin');
    const page = await (await admin.get(PATH)).text();
    expect(page).toContain('Add a group');
    const bad = await admin.form(PATH, { intent: 'group', g_editing: '', g_code: 'bad code!', g_name: '', g_position: 'first' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="[^"]*-error">Enter a whole number/);
    expect(html).toContain('href="#field-g_position"');
    expect(html).toContain('value="bad code!"');
    const bad2 = await admin.form(PATH, { intent: 'group', g_editing: '', g_code: 'bad code!', g_name: '', g_position: '4' });
    const html2 = await bad2.text();
    expect(html2).toContain('href="#field-g_code"');
    expect(html2).toContain('href="#field-g_name"');
    expect(html2).toMatch(/id="[^"]*-error">This is not in the expected format/);
    expect(html2).toContain('Name: Fill this in');
    expect((await t.deps.db.select().from(srGroups).where(eq(srGroups.code, 'lighting'))).length).toBe(0);

    const ok = await admin.form(PATH, { intent: 'group', g_editing: '', g_code: 'lighting', g_name: 'Lights', g_position: '4' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${PATH}?savedGroup=lighting#sr-cat-groups`);
    const edit = await (await admin.get(`${PATH}?group=lighting`)).text();
    expect(edit).toContain('Edit the group lighting');
    expect(edit).toMatch(/name="g_name"[^>]*value="Lights"|value="Lights"[^>]*name="g_name"/);
    // Editing keeps the code and the other languages' names.
    await t.deps.db
      .update(srGroups)
      .set({ name: { en: 'Lights', es: 'Luces' } })
      .where(eq(srGroups.code, 'lighting'));
    expect(
      (await admin.form(PATH, { intent: 'group', g_editing: 'lighting', g_code: 'ignored', g_name: 'Street lights', g_position: '0' })).status,
    ).toBe(302);
    const [row] = await t.deps.db.select().from(srGroups).where(eq(srGroups.code, 'lighting'));
    expect(row).toMatchObject({ name: { en: 'Street lights', es: 'Luces' }, position: 0 });
    expect((await t.deps.db.select().from(srGroups).where(eq(srGroups.code, 'ignored'))).length).toBe(0);
    expect((await admin.get(`${PATH}?group=nope`)).status).toBe(404);
    // The new group is offered to services at once, and Open311 names it.
    expect(await (await admin.get(PATH)).text()).toMatch(/<option value="lighting">Street lights<\/option>/);
    expect((await signedInClient(t, 'agency_staff', { agencyId: agencies.roads }).then((c) => c.get(PATH))).status).toBe(403);
  });

  it('sets how an agency is told, shows its webhook secret to admins and rotates it', async () => {
    const admin = await signedInClient(t, 'admin');
    const path = `${PATH}?contact=${agencies.parks}`;
    const form = await (await admin.get(path)).text();
    expect(form).toContain('X-Polity-Signature');
    expect(form).toContain('X-Polity-Timestamp');
    expect(form).toMatch(/value="parks@city.example"/);
    const bad = await admin.form(PATH, { intent: 'contact', c_agency: agencies.parks, c_notifyEmail: 'not mail', c_webhookUrl: 'ftp://x.example/h' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('href="#field-c_notifyEmail"');
    expect(html).toMatch(/id="[^"]*-error">Enter a full web address starting with http:\/\/ or https:\/\//);
    expect(html).toContain('Email for new reports: Enter an email address like name@example.org');
    expect(html).toContain('value="not mail"');
    expect((await findAgencyContact(t.deps.db, t.site.id, agencies.parks))?.notifyEmail).toBe('parks@city.example');

    const ok = await admin.form(PATH, {
      intent: 'contact',
      c_agency: agencies.parks,
      c_notifyEmail: 'desk@parks.example',
      c_escalationEmail: '',
      c_webhookUrl: 'https://parks.example/hook',
    });
    expect(ok.status).toBe(302);
    const saved = await findAgencyContact(t.deps.db, t.site.id, agencies.parks);
    expect(saved).toMatchObject({ notifyEmail: 'desk@parks.example', escalationEmail: null, webhookUrl: 'https://parks.example/hook' });
    expect(saved?.webhookSecret).toMatch(/^whsec_/);
    expect(await (await admin.get(PATH)).text()).toContain(saved?.webhookSecret as string);

    const rotated = await admin.form(PATH, { intent: 'rotate', c_agency: agencies.parks });
    expect(rotated.status).toBe(302);
    const after = await findAgencyContact(t.deps.db, t.site.id, agencies.parks);
    expect(after?.webhookSecret).toMatch(/^whsec_/);
    expect(after?.webhookSecret).not.toBe(saved?.webhookSecret);
    expect(await (await admin.get(`${PATH}?contact=${agencies.parks}&rotated=1`)).text()).toContain('the old one no longer verifies');
    const unknown = await admin.form(PATH, { intent: 'rotate', c_agency: 'nope' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('href="#field-c_agency"');
  });

  it('reads the catalogue from the per-process snapshot and sees every change made through the revision', async () => {
    const a = await loadCatalogueSnapshot(t.deps.db, t.site.id);
    const b = await loadCatalogueSnapshot(t.deps.db, t.site.id);
    expect(b.services).toBe(a.services); // same revision: the parsed rows are reused
    // A change another process makes (the row and the revision bump, as the commands do) is seen on the next call.
    await t.deps.db.update(srServices).set({ targetHours: 99 }).where(eq(srServices.code, 'POTHOLE'));
    await bumpCatalogueRevision(t.deps.db, t.site.id, t.clock.now());
    const c = await loadCatalogueSnapshot(t.deps.db, t.site.id);
    expect(c.revision).toBe(a.revision + 1);
    expect(c.byCode.get('POTHOLE')?.targetHours).toBe(99);
    // Commands bump it: a new area and a new fallback agency route the next report.
    const areasBefore = (await listAreas(t.deps.db, t.site.id)).length;
    await saveArea(t.deps, t.site.id, {
      agencyId: agencies.waste,
      name: 'Depot',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-3.749, 39.951],
            [-3.745, 39.951],
            [-3.745, 39.955],
            [-3.749, 39.955],
            [-3.749, 39.951],
          ],
        ],
      },
      serviceCodes: ['POTHOLE'],
    });
    expect((await listAreas(t.deps.db, t.site.id)).length).toBe(areasBefore + 1);
    const routed = await createRequest(t.deps, t.site.id, { serviceCode: 'POTHOLE', lat: 39.953, lon: -3.747 }, { SIZE: 'small' }, { source: 'web' });
    expect(routed.request.agencyId).toBe(agencies.waste);
    await setFallbackAgency(t.deps, t.site.id, agencies.parks);
    const outside = await createRequest(t.deps, t.site.id, { serviceCode: 'INQUIRY', description: 'When is bin day?' }, {}, { source: 'web' });
    expect(outside.request.agencyId).toBe(agencies['service-desk']); // the service names its agency
    expect((await loadCatalogueSnapshot(t.deps.db, t.site.id)).fallbackAgencyId).toBe(agencies.parks);
    // Admin edits through the API are seen at once too.
    const admin = await signedInClient(t, 'admin');
    const del = await admin.api('DELETE', `/service-requests/areas/${routed.request.areaId}`);
    expect(del.status).toBe(200);
    expect((await listAreas(t.deps.db, t.site.id)).length).toBe(areasBefore);
  });

  it('trusts a checked Open311 key for a short while; a revocation in this process stops it at once', async () => {
    const client = createClient(t);
    const post = (key: string) =>
      client.request('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: 'STREETLIGHT', lat: '40.03', long: '-3.73' }).toString(),
      });
    const one = await createApiKey(t.deps, t.site.id, { name: 'cached' });
    expect((await post(one.key)).status).toBe(200);
    // Revoked by another process (straight in the database): trusted until the cache time passes.
    await t.deps.db.update(srApiKeys).set({ revokedAt: t.clock.now() }).where(eq(srApiKeys.id, one.id));
    expect((await post(one.key)).status).toBe(200);
    t.clock.advance(API_KEY_CACHE_MS + 1);
    const refused = await post(one.key);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('api_key: is not a valid key for this jurisdiction');
    // Revoked here: refused on the very next call.
    const two = await createApiKey(t.deps, t.site.id, { name: 'revoked here' });
    expect((await post(two.key)).status).toBe(200);
    await revokeApiKey(t.deps, t.site.id, two.id);
    expect((await post(two.key)).status).toBe(403);
  });
});
