import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveOrganisation } from '../../sites/index.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_CONSULTATION, DEMO_THEMES, seedConsultations } from '../seed/seed.js';
import { DEMO_EVENTS } from '../seed/events.js';
import { listEventOutcomesByTheme } from '../index.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { listEvents } from '../store/events.js';
import { deleteEventsData, exportEventsData } from '../commands/events-personal-data.js';

const BASE = `/consultations/${DEMO_CONSULTATION}/events`;

/** A valid event registration with `overrides`. */
function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Citizens’ dialogue in Braga',
    organiserName: 'Braga Youth Council',
    country: 'pt',
    region: 'Minho',
    startsAt: '2026-04-18T18:30',
    placeName: 'Theatro Circo, Braga',
    lat: 41.5503,
    lon: -8.4201,
    format: 'citizens_dialogue',
    language: 'pt',
    participants: 40,
    makeUp: { 'aged 16-29': 15, 'aged 30 and over': 25 },
    ...overrides,
  };
}

const outcome = {
  summary: 'Forty people met for an evening.',
  items: [
    { kind: 'concern', text: 'Rents rise faster than wages.', themes: ['economy'] },
    { kind: 'recommendation', text: 'Plant trees along every school route.', themes: ['climate', 'climate'] },
    { kind: 'recommendation', text: 'Publish every council vote online.', themes: [] },
  ],
  minutes: 'Two rounds of tables.',
};

describe.each(testDatabases())('consultation events API on %s', (kind) => {
  let t: TestContext;
  let organiser: Awaited<ReturnType<typeof signedInClient>>;
  let other: Awaited<ReturnType<typeof signedInClient>>;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  let consultationId: string;

  beforeAll(async () => {
    t = await createTestContext(kind);
    consultationId = (await seedConsultations(t.deps, t.site.id)).consultationId;
    organiser = await signedInClient(t, null);
    other = await signedInClient(t, null);
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('shows the public the approved demo events only, filtered by country', async () => {
    const res = await createClient(t).api('GET', BASE);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    const approved = DEMO_EVENTS.filter((e) => e.status === 'approved');
    expect(items.map((e: { title: string }) => e.title).sort()).toEqual(approved.map((e) => e.title).sort());
    expect(items.every((e: { status: string }) => e.status === 'approved')).toBe(true);
    const online = items.find((e: { online: boolean }) => e.online);
    expect(online).toMatchObject({ country: 'UA', place: null });
    const pt = await (await createClient(t).api('GET', `${BASE}?country=pt`)).json();
    expect(pt.items.map((e: { country: string }) => e.country)).toEqual(['PT']);
    expect(pt.items[0].outcome.items.length).toBeGreaterThan(0);
    // Visitors cannot ask for the queue.
    expect((await createClient(t).api('GET', `${BASE}?status=proposed`)).status).toBe(401);
    expect((await other.api('GET', `${BASE}?status=proposed`)).status).toBe(403);
    expect((await createClient(t).api('GET', `/consultations/no-such/events`)).status).toBe(404);
  });

  it('lets anyone signed in register an event, which waits for approval and is hidden from others until then', async () => {
    expect((await createClient(t).api('POST', BASE, eventBody())).status).toBe(401);
    const res = await organiser.api('POST', BASE, eventBody());
    expect(res.status).toBe(201);
    const event = await res.json();
    expect(event).toMatchObject({
      status: 'proposed',
      country: 'PT',
      startsAt: '2026-04-18T18:30',
      organiser: { organisationId: null, name: 'Braga Youth Council' },
      place: { name: 'Theatro Circo, Braga', lat: 41.5503, lon: -8.4201 },
      makeUp: { 'aged 16-29': 15, 'aged 30 and over': 25 },
      outcome: null,
    });
    expect((await organiser.api('GET', `${BASE}/${event.id}`)).status).toBe(200);
    expect((await editor.api('GET', `${BASE}/${event.id}`)).status).toBe(200);
    expect((await other.api('GET', `${BASE}/${event.id}`)).status).toBe(404);
    expect((await createClient(t).api('GET', `${BASE}/${event.id}`)).status).toBe(404);
    const mine = await (await organiser.api('GET', `${BASE}?mine=1`)).json();
    expect(mine.items.map((e: { id: string }) => e.id)).toEqual([event.id]);
  });

  it("takes the organiser from the site's directory by its id", async () => {
    const org = await saveOrganisation(t.deps, t.site.id, {
      slug: 'civic-lab',
      name: { en: 'Civic Lab Association', pt: 'Associação Civic Lab' },
      kind: 'ngo',
      contact: { email: null, phone: null, url: null },
    });
    const res = await organiser.api(
      'POST',
      BASE,
      eventBody({ organisationId: org.id, organiserName: undefined, online: true, placeName: undefined }),
    );
    expect(res.status).toBe(201);
    const event = await res.json();
    expect(event.organiser).toEqual({ organisationId: org.id, name: org.name.en });
    // Online: the place given is dropped.
    expect(event.place).toBeNull();
    const bad = await organiser.api('POST', BASE, eventBody({ organisationId: '00000000-0000-4000-8000-000000000000' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('organisationId');
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = (await listEvents(t.deps.db, t.site.id, consultationId)).length;
    const res = await organiser.api(
      'POST',
      BASE,
      eventBody({
        title: ' ',
        organiserName: '',
        country: 'XX',
        startsAt: '2026-02-30T10:00',
        placeName: '',
        lat: 95,
        lon: undefined,
        format: 'picnic',
        language: 'klingon',
        participants: -3,
        makeUp: { students: 1.5 },
      }),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields).sort()).toEqual(
      ['country', 'format', 'language', 'lat', 'lon', 'makeUp.students', 'organiserName', 'participants', 'placeName', 'startsAt', 'title'].sort(),
    );
    // Latitude given without longitude.
    const half = await organiser.api('POST', BASE, eventBody({ lon: undefined }));
    expect(Object.keys((await half.json()).error.fields)).toEqual(['lon']);
    expect((await listEvents(t.deps.db, t.site.id, consultationId)).length).toBe(before);
  });

  it('lets only the organiser edit the event and record its outcome', async () => {
    const event = await (await organiser.api('POST', BASE, eventBody({ title: 'Before' }))).json();
    const path = `${BASE}/${event.id}`;
    expect((await other.api('PUT', path, eventBody({ title: 'Hijacked' }))).status).toBe(404);
    expect((await editor.api('PUT', path, eventBody({ title: 'By the editor' }))).status).toBe(403);
    expect((await createClient(t).api('PUT', path, eventBody())).status).toBe(404);
    const edited = await organiser.api('PUT', path, eventBody({ title: 'After', online: true }));
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ title: 'After', online: true, place: null, status: 'proposed' });

    expect((await editor.api('PUT', `${path}/outcome`, outcome)).status).toBe(403);
    const recorded = await organiser.api('PUT', `${path}/outcome`, outcome);
    expect(recorded.status).toBe(200);
    const body = await recorded.json();
    expect(body.outcome).toMatchObject({ summary: outcome.summary, minutes: 'Two rounds of tables.', documents: [] });
    // A theme given twice is kept once.
    expect(body.outcome.items[1].themes).toEqual(['climate']);
  });

  it("validates the outcome's themes against the consultation's themes, naming the item", async () => {
    const event = await (await organiser.api('POST', BASE, eventBody())).json();
    const res = await organiser.api('PUT', `${BASE}/${event.id}/outcome`, {
      summary: '',
      items: [
        { kind: 'concern', text: 'Fine', themes: ['economy'] },
        { kind: 'wish', text: '', themes: [] },
        { kind: 'recommendation', text: 'Tag me wrongly', themes: ['economy', 'astronomy'] },
      ],
    });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(['items.1.kind', 'items.1.text', 'summary']);
    const themes = await organiser.api('PUT', `${BASE}/${event.id}/outcome`, {
      summary: 'ok',
      items: [{ kind: 'recommendation', text: 'Tag me wrongly', themes: ['economy', 'astronomy'] }],
    });
    expect(themes.status).toBe(400);
    expect((await themes.json()).error.fields).toEqual({ 'items.0.themes': 'not a theme of this consultation: astronomy' });
    const again = await (await organiser.api('GET', `${BASE}/${event.id}`)).json();
    expect(again.outcome).toBeNull();
  });

  it('lets only editors approve or refuse events; a refusal needs a reason, and editing sends it back to the queue', async () => {
    const event = await (await organiser.api('POST', BASE, eventBody({ title: 'To decide', country: 'IE' }))).json();
    const path = `${BASE}/${event.id}`;
    expect((await organiser.api('POST', `${path}/approve`)).status).toBe(403);
    expect((await createClient(t).api('POST', `${path}/approve`)).status).toBe(401);
    const queue = await (await editor.api('GET', `${BASE}?status=proposed`)).json();
    expect(queue.items.map((e: { id: string }) => e.id)).toContain(event.id);

    const noReason = await editor.api('POST', `${path}/reject`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.fields).toHaveProperty('reason');
    const refused = await editor.api('POST', `${path}/reject`, { reason: 'Please give the venue.' });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ status: 'rejected', rejectReason: 'Please give the venue.' });
    expect((await editor.api('POST', `${path}/reject`, { reason: 'again' })).status).toBe(409);
    // Its organiser reads why; the public does not see it.
    expect((await (await organiser.api('GET', path)).json()).rejectReason).toBe('Please give the venue.');
    expect((await createClient(t).api('GET', path)).status).toBe(404);

    const resubmitted = await (await organiser.api('PUT', path, eventBody({ title: 'To decide', country: 'IE', placeName: 'Dublin Castle' }))).json();
    expect(resubmitted).toMatchObject({ status: 'proposed', rejectReason: null });
    const approved = await editor.api('POST', `${path}/approve`);
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe('approved');
    const pub = await createClient(t).api('GET', path);
    expect(pub.status).toBe(200);
    expect((await pub.json()).rejectReason).toBeNull();
    const ie = await (await createClient(t).api('GET', `${BASE}?country=IE`)).json();
    expect(ie.items.map((e: { id: string }) => e.id)).toEqual([event.id]);
    // An approved event edited by its organiser stays approved.
    expect((await (await organiser.api('PUT', path, eventBody({ title: 'Renamed', country: 'IE' }))).json()).status).toBe('approved');
  });

  it("groups the approved events' concerns and recommendations by theme, in the consultation's order", async () => {
    const event = await (await organiser.api('POST', BASE, eventBody({ title: 'Grouped' }))).json();
    await organiser.api('PUT', `${BASE}/${event.id}/outcome`, outcome);
    const consultation = (await findConsultationBySlug(t.deps.db, t.site.id, DEMO_CONSULTATION))!;
    // Not approved yet: not in the groups.
    const before = await listEventOutcomesByTheme(t.deps, t.site.id, consultation.id);
    expect(before.flatMap((g) => g.items).some((i) => i.eventId === event.id)).toBe(false);
    await editor.api('POST', `${BASE}/${event.id}/approve`);
    const groups = await listEventOutcomesByTheme(t.deps, t.site.id, consultation.id);
    const order = DEMO_THEMES.map((th) => th.id);
    const ids = groups.map((g) => g.theme?.id ?? null);
    expect(ids[ids.length - 1]).toBeNull();
    const themed = ids.filter((x): x is string => x !== null);
    expect(themed).toEqual([...themed].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const ofEvent = (id: string | null) =>
      groups
        .find((g) => (g.theme?.id ?? null) === id)!
        .items.filter((i) => i.eventId === event.id)
        .map((i) => i.text);
    expect(ofEvent('economy')).toEqual(['Rents rise faster than wages.']);
    expect(ofEvent('climate')).toEqual(['Plant trees along every school route.']);
    expect(ofEvent(null)).toEqual(['Publish every council vote online.']);
    // The seeded Porto recommendation tagged climate and economy is in both.
    const porto = 'Fund local renewable-energy cooperatives owned by the towns and their residents.';
    expect(ofThemeTexts(groups, 'climate')).toContain(porto);
    expect(ofThemeTexts(groups, 'economy')).toContain(porto);
    const api = await (await createClient(t).api('GET', `${BASE}/outcomes`)).json();
    expect(api.groups.map((g: { theme: { id: string } | null }) => g.theme?.id ?? null)).toEqual(ids);
  });

  it("gives a person's events in their data export, and on account deletion keeps only the public ones, unlinked", async () => {
    const leaving = await signedInClient(t, null);
    const kept = await (await leaving.api('POST', BASE, eventBody({ title: 'Public one' }))).json();
    const dropped = await (await leaving.api('POST', BASE, eventBody({ title: 'Never public' }))).json();
    await editor.api('POST', `${BASE}/${kept.id}/approve`);
    const exported = (await exportEventsData(t.deps, t.site.id, leaving.userId)) as { events: { title: string }[] };
    expect(exported.events.map((e) => e.title)).toEqual(['Public one', 'Never public']);
    await deleteEventsData(t.deps, t.site.id, leaving.userId);
    const rows = await listEvents(t.deps.db, t.site.id, consultationId);
    expect(rows.find((e) => e.id === dropped.id)).toBeUndefined();
    expect(rows.find((e) => e.id === kept.id)).toMatchObject({ status: 'approved', createdBy: null });
    expect((await createClient(t).api('GET', `${BASE}/${kept.id}`)).status).toBe(200);
  });
});

function ofThemeTexts(groups: { theme: { id: string } | null; items: { text: string }[] }[], id: string): string[] {
  return groups.find((g) => g.theme?.id === id)?.items.map((i) => i.text) ?? [];
}
