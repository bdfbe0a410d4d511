import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_BUILD } from '../../../server/pages.js';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_EVENTS } from '../seed/events.js';
import { DEMO_CONSULTATION, seedConsultations } from '../seed/seed.js';
import { listEvents } from '../store/events.js';

const BASE = `/consultations/${DEMO_CONSULTATION}/events`;
const ADMIN = `/consultations/${DEMO_CONSULTATION}/admin/events`;

/** The registration form as a browser without JavaScript sends it. */
const form = {
  title: 'Dialogue in Cork',
  organisationId: '',
  organiserName: 'Cork Youth Forum',
  country: 'IE',
  region: 'Munster',
  date: '2026-04-20',
  time: '19:00',
  placeName: 'City Hall, Cork',
  lat: '51.8979',
  lon: '-8.4706',
  format: 'citizens_dialogue',
  language: 'en',
  participants: '35',
  makeUp: 'students = 10\nfarmers: 5',
};

// The pages are served from the React Router build (`npm test` builds first).
describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('consultation event pages on %s', (kind) => {
  let t: TestContext;
  let consultationId: string;
  beforeAll(async () => {
    t = await createTestContext(kind, { pages: await builtPages() });
    consultationId = (await seedConsultations(t.deps, t.site.id)).consultationId;
  });
  afterAll(() => t.close());

  it('shows the public the approved events on a list and a map, filtered by country, with the outcomes by theme', async () => {
    const res = await createClient(t).get(BASE);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const e of DEMO_EVENTS) {
      if (e.status === 'approved') expect(html).toContain(e.title);
      else expect(html).not.toContain(e.title);
    }
    expect(html).toContain('class="site-map"');
    expect(html).toContain('<h3>Climate and environment</h3>');
    expect(html).toContain('Fund local renewable-energy cooperatives');
    const pt = await (await createClient(t).get(`${BASE}?country=pt`)).text();
    expect(pt).toContain('<option value="PT" selected="">Portugal (1 event)</option>');
    expect(pt).not.toContain('Town-hall meeting on migration');
    // The event's own page, with its outcome.
    const [porto] = await listEvents(t.deps.db, t.site.id, consultationId, { country: 'PT' });
    const page = await (await createClient(t).get(`${BASE}/${porto.id}`)).text();
    expect(page).toContain('<h2 id="outcome-heading">Outcome</h2>');
    expect(page).toContain('Themes: Climate and environment, Jobs and the economy');
    expect(page).toMatch(/<th scope="row">students<\/th><td>11<\/td>/);
    // The proposed one is not public.
    const [lyon] = await listEvents(t.deps.db, t.site.id, consultationId, { status: 'proposed' });
    expect((await createClient(t).get(`${BASE}/${lyon.id}`)).status).toBe(404);
  });

  it('words the page in Ukrainian', async () => {
    const client = createClient(t);
    client.jar.set('polity_locale', 'uk');
    const html = await (await client.get(BASE)).text();
    expect(html).toContain('<h1>Консультаційні заходи</h1>');
    expect(html).toContain('<h3>Клімат і довкілля</h3>');
    expect(html).toContain('Громадський діалог');
  });

  it('sends visitors to sign in before registering an event', async () => {
    const res = await createClient(t).get(`${BASE}/new`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`${BASE}/new`)}`);
  });

  it('refuses a bad registration naming each field by its label, keeping what was typed, in English and Ukrainian', async () => {
    const person = await signedInClient(t, null);
    const bad = await person.form(`${BASE}/new`, {
      ...form,
      title: '',
      placeName: '',
      date: '2026-02-30',
      lat: '51.9',
      lon: '',
      makeUp: 'students twelve',
    });
    expect(bad.status).toBe(400);
    let html = await bad.text();
    expect(html).toContain('<a href="#field-title">Title of the event: Fill this in</a>');
    expect(html).toContain('<a href="#field-makeUp">Who takes part: Line 1 cannot be used: write it as the hint shows</a>');
    expect(html).toContain('value="Cork Youth Forum"');
    const again = await person.form(`${BASE}/new`, { ...form, title: '', placeName: '', date: '2026-02-30', lat: '51.9', lon: '' });
    html = await again.text();
    expect(html).toContain('<a href="#field-placeName">Place: Fill this in</a>');
    expect(html).toContain('<a href="#field-date">Date: Enter a date as year-month-day, such as 2026-03-31</a>');
    expect(html).toContain('<a href="#field-lon">Longitude: Give both latitude and longitude, or neither</a>');
    person.jar.set('polity_locale', 'uk');
    html = await (await person.form(`${BASE}/new`, { ...form, title: '' })).text();
    expect(html).toContain('<a href="#field-title">Назва заходу: Заповніть це поле</a>');
    expect(html).not.toContain('Title of the event');
  });

  it('lets a person register, edit and record the outcome with documents; others cannot; an editor approves it', async () => {
    const person = await signedInClient(t, null);
    const other = await signedInClient(t, null);
    const editor = await signedInClient(t, 'editor');
    const created = await person.form(`${BASE}/new`, form);
    expect(created.status).toBe(302);
    const path = created.headers.get('location')!.split('?')[0];
    expect(path).toMatch(new RegExp(`^${BASE}/[0-9a-f-]{36}$`));
    const shown = await (await person.get(`${path}?registered=1`)).text();
    expect(shown).toContain('Your event is registered.');
    expect(shown).toContain('Waiting for approval');

    expect((await person.get(`${path}/edit`)).status).toBe(200);
    expect((await other.get(`${path}/edit`)).status).toBe(404);
    expect((await editor.get(`${path}/edit`)).status).toBe(403);
    expect((await other.form(`${path}/edit`, { intent: 'details', ...form, title: 'Hijacked' })).status).toBe(404);

    // The outcome, with a refused row named by its label, then accepted with a document.
    const refused = await person.form(`${path}/edit`, {
      intent: 'outcome',
      summary: '',
      item_kind_0: 'recommendation',
      item_text_0: '',
      item_themes_0: 'climate',
      item_kind_1: 'concern',
      item_text_1: '',
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('<a href="#field-summary">Summary: Fill this in</a>');
    expect(refusedHtml).toContain('<a href="#field-item_text_0">Item 1: what was said: Fill this in</a>');

    const body = new FormData();
    body.set('_csrf', person.csrf);
    body.set('intent', 'outcome');
    body.set('summary', 'Thirty-five people came.');
    body.set('item_kind_0', 'concern');
    body.set('item_text_0', 'Buses stop too early.');
    body.append('item_themes_0', 'economy');
    body.set('item_kind_1', 'recommendation');
    body.set('item_text_1', '');
    body.set('minutes', 'Tables, then a vote.');
    body.append('documents', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], 'minutes.pdf', { type: 'application/pdf' }));
    // Eleven files are refused before any is stored, naming the field by its label.
    const tooMany = new FormData();
    for (const [k, v] of body.entries()) if (k !== 'documents') tooMany.append(k, v);
    for (let i = 0; i < 11; i++) tooMany.append('documents', new File([new TextEncoder().encode('%PDF-1.4\n')], `page-${i}.pdf`));
    const refusedFiles = await person.request(`${path}/edit`, { method: 'POST', body: tooMany });
    expect(refusedFiles.status).toBe(400);
    expect(await refusedFiles.text()).toContain('<a href="#field-documents">Add documents: Choose at most 10</a>');
    const saved = await person.request(`${path}/edit`, { method: 'POST', body });
    expect(saved.status).toBe(302);
    const withOutcome = await (await person.get(path)).text();
    expect(withOutcome).toContain('Buses stop too early.');
    expect(withOutcome).toMatch(/<a href="\/library\/files\/[0-9a-f-]{36}">minutes\.pdf<\/a>/);

    // The queue: editors only.
    expect((await person.get(ADMIN)).status).toBe(403);
    const visitor = await createClient(t).get(ADMIN);
    expect(visitor.status).toBe(302);
    const queue = await (await editor.get(ADMIN)).text();
    expect(queue).toContain('Dialogue in Cork');
    const id = path.split('/').pop()!;
    const noReason = await editor.form(ADMIN, { event: id, intent: 'reject', [`reason-${id}`]: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(`<a href="#field-reason-${id}">Reason for refusing: Fill this in</a>`);
    const approved = await editor.form(ADMIN, { event: id, intent: 'approve' });
    expect(approved.status).toBe(302);
    const pub = await (await createClient(t).get(`${BASE}?country=IE`)).text();
    expect(pub).toContain('Dialogue in Cork');
    expect(pub).toContain('Buses stop too early.');
    // Now public, the event's edit page refuses other people outright.
    expect((await other.get(`${path}/edit`)).status).toBe(403);
  });
});
