// Page tests run the whole server with the built pages (`npm test` builds them first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_CONSULTATION, seedConsultations } from '../seed/seed.js';

describe.each(testDatabases())('consultation pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedConsultations(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('shows the list and the consultation to visitors, in their language, and keeps staff pages from them', async () => {
    const c = createClient(t);
    const list = await (await c.get('/consultations')).text();
    expect(list).toContain('What Europe do you want?');
    const reader = createClient(t);
    reader.jar.set('polity_locale', 'uk');
    const uk = await (await reader.get(`/consultations/${DEMO_CONSULTATION}`)).text();
    expect(uk).toContain('Якої Європи ви хочете?');
    expect(uk).toContain('Клімат і довкілля');
    for (const path of ['/consultations/admin', '/consultations/admin/new', `/consultations/${DEMO_CONSULTATION}/admin`]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    }
    expect((await c.get('/consultations/nope')).status).toBe(404);
  });

  it('lets an editor create a consultation from the form, naming each bad field by its label and keeping what was typed', async () => {
    const editor = await signedInClient(t, 'editor');
    const bad = await editor.form('/consultations/admin/new', {
      slug: 'Bad slug',
      title: 'Cycling in 2027',
      description: '',
      status: 'draft',
      participation: 'anonymous',
      opensAt: '2027-03-01T00:00',
      closesAt: '2027-02-01T00:00',
      themes: 'transport | Transport',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('href="#field-slug"');
    expect(html).toContain('Web address name');
    expect(html).toContain('Description');
    expect(html).toContain('value="Cycling in 2027"');
    const good = await editor.form('/consultations/admin/new', {
      slug: 'cycling-2027',
      title: 'Cycling in 2027',
      description: 'Where should the next lanes go?',
      status: 'open',
      participation: 'signed_in',
      opensAt: '',
      closesAt: '',
      themes: 'transport | Transport\nsafety | Road safety',
    });
    expect(good.status).toBe(302);
    expect(good.headers.get('location')).toBe('/consultations/cycling-2027/admin?saved=1');
    const page = await (await createClient(t).get('/consultations/cycling-2027')).text();
    expect(page).toContain('Road safety');
  });
});
