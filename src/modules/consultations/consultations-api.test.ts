import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { DEMO_CONSULTATION, seedConsultations } from './seed/seed.js';

const draft = {
  slug: 'cycling-2027',
  title: { en: 'Cycling in 2027', uk: 'Велосипедом у 2027' },
  description: { en: 'Where should the next cycle lanes go?' },
  themes: [{ id: 'transport', label: { en: 'Transport' } }],
};

describe.each(testDatabases())('consultations API on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedConsultations(t.deps, t.site.id);
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('lists and shows the open demo consultation to anyone', async () => {
    const anyone = createClient(t);
    const list = await (await anyone.api('GET', '/consultations')).json();
    expect(list.items.map((c: { slug: string }) => c.slug)).toEqual([DEMO_CONSULTATION]);
    const one = await (await anyone.api('GET', `/consultations/${DEMO_CONSULTATION}`)).json();
    expect(one).toMatchObject({ status: 'open', phase: 'open', participation: 'anonymous', questionnaireVersion: 1 });
    expect(one.themes.map((x: { id: string }) => x.id)).toContain('climate');
  });

  it('lets editors create a draft that only they see, and refuses others', async () => {
    const anyone = createClient(t);
    expect((await anyone.api('POST', '/consultations', draft)).status).toBe(401);
    const resident = await signedInClient(t, null, { email: 'resident@example.org' });
    expect((await resident.api('POST', '/consultations', draft)).status).toBe(403);
    const created = await editor.api('POST', '/consultations', draft);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: 'cycling-2027', status: 'draft', phase: 'draft', participation: 'anonymous' });
    expect((await anyone.api('GET', '/consultations/cycling-2027')).status).toBe(404);
    expect((await editor.api('GET', '/consultations/cycling-2027')).status).toBe(200);
    const again = await editor.api('POST', '/consultations', draft);
    expect(again.status).toBe(409);
    expect((await again.json()).error.fields.slug).toMatch(/already used/);
  });

  it('names each bad field and changes nothing', async () => {
    const bad = await editor.api('PUT', '/consultations/cycling-2027', { ...draft, participation: 'everyone' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['participation']);
    const badSlug = await editor.api('PUT', '/consultations/cycling-2027', { ...draft, slug: 'Bad Slug', title: {} });
    expect(Object.keys((await badSlug.json()).error.fields).sort()).toEqual(['slug', 'title']);
    const badThemes = await editor.api('PUT', '/consultations/cycling-2027', { ...draft, themes: [draft.themes[0], draft.themes[0]] });
    expect(Object.keys((await badThemes.json()).error.fields)).toEqual(['themes']);
    const badDates = await editor.api('PUT', '/consultations/cycling-2027', {
      ...draft,
      opensAt: '2027-03-01T00:00:00Z',
      closesAt: '2027-02-01T00:00:00Z',
    });
    expect((await badDates.json()).error.fields.closesAt).toMatch(/after the opening date/);
    const kept = await (await editor.api('GET', '/consultations/cycling-2027')).json();
    expect(kept.title.uk).toBe('Велосипедом у 2027');
  });

  it('opens a consultation on its dates', async () => {
    const res = await editor.api('PUT', '/consultations/cycling-2027', {
      ...draft,
      status: 'open',
      participation: 'invitation',
      opensAt: new Date(t.deps.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'open', phase: 'upcoming', participation: 'invitation' });
  });
});
