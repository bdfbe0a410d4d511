import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { eq } from 'drizzle-orm';
import { saveOrganisation } from './commands/save-organisation.js';
import { SITE_MEMO_MS } from './commands/resolve-site.js';
import { sites } from './store/tables.js';
import { contrastRatio } from './core/settings.js';

describe('WCAG contrast', () => {
  // WCAG 2.1 relative luminance: black on white is 21:1, white on #767676 is the 4.54:1 threshold grey.
  it('reproduces the published ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });
});

describe.each(testDatabases())('sites and organisations on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await t.addSite('other', 'other.localhost');
  });
  afterAll(() => t.close());

  it('lets an admin change the site settings and refuses unreadable colours, naming the field', async () => {
    const admin = await signedInClient(t, 'admin');
    const base = { name: { en: 'Riverside', es: 'Ribera' }, locales: ['en', 'es'], defaultLocale: 'es', contact: { email: 'city@example.org' } };
    const ok = await admin.api('PUT', '/site', { ...base, colors: { primary: '#0b3b63', accent: '#b5461b' } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).defaultLocale).toBe('es');
    const pale = await admin.api('PUT', '/site', { ...base, colors: { primary: '#ffee88', accent: '#b5461b' } });
    expect(pale.status).toBe(400);
    expect(Object.keys((await pale.json()).error.fields)).toEqual(['colors.primary']);
    const wrongDefault = await admin.api('PUT', '/site', { ...base, defaultLocale: 'fr' });
    expect((await wrongDefault.json()).error.fields).toHaveProperty('defaultLocale');
    // Nothing half-written: the refused updates left the good one in place.
    expect((await (await createClient(t).api('GET', '/site')).json()).colors.primary).toBe('#0b3b63');
  });

  it('sees another process’s change to a site within the memo time, and its own at once', async () => {
    const read = async () => (await (await createClient(t, 'other.localhost').api('GET', '/site')).json()).name.en;
    expect(await read()).toBe('other');
    // Another process writes straight to the database: this process may answer from its memo...
    await t.deps.db
      .update(sites)
      .set({ name: { en: 'Renamed elsewhere' } })
      .where(eq(sites.slug, 'other'));
    expect(await read()).toBe('other');
    // ...but not for longer than SITE_MEMO_MS.
    t.clock.advance(SITE_MEMO_MS);
    expect(await read()).toBe('Renamed elsewhere');
  });

  it('refuses settings changes from an editor', async () => {
    const editor = await signedInClient(t, 'editor');
    const res = await editor.api('PUT', '/site', { name: { en: 'x' }, locales: ['en'], defaultLocale: 'en' });
    expect(res.status).toBe(403);
  });

  it('keeps organisations in a tree without loops and within their site', async () => {
    const editor = await signedInClient(t, 'editor');
    const city = await (await editor.api('POST', '/organisations', { slug: 'city', name: { en: 'City' }, kind: 'government' })).json();
    const roads = await (
      await editor.api('POST', '/organisations', { slug: 'roads', name: { en: 'Roads' }, kind: 'agency', parentId: city.id })
    ).json();
    expect(roads.parentId).toBe(city.id);
    const dup = await editor.api('POST', '/organisations', { slug: 'roads', name: { en: 'Roads again' }, kind: 'agency' });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields).toHaveProperty('slug');

    const otherEditor = await signedInClient(t, 'editor', { host: 'other.localhost' });
    const foreignParent = await otherEditor.api('POST', '/organisations', { slug: 'x', name: { en: 'X' }, kind: 'agency', parentId: city.id });
    expect(foreignParent.status).toBe(400);
    expect((await foreignParent.json()).error.fields).toHaveProperty('parentId');
    const listedThere = await (await otherEditor.api('GET', '/organisations')).json();
    expect(listedThere.items).toEqual([]);
    const listedHere = await (await createClient(t).api('GET', '/organisations?kind=agency')).json();
    expect(listedHere.items.map((o: { slug: string }) => o.slug)).toEqual(['roads']);

    // Making the city a child of its own agency would make a loop.
    await expect(
      saveOrganisation(t.deps, t.site.id, { slug: 'city', name: { en: 'City' }, kind: 'government', parentId: roads.id }, city.id),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { parentId: 'would make a loop' },
    });
  });
});
