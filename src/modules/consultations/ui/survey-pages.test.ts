// Page tests run the whole server with the built pages (`npm test` builds them first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_CONSULTATION, seedConsultations } from '../seed/seed.js';

const S = `/consultations/${DEMO_CONSULTATION}`;
type Client = ReturnType<typeof createClient>;

/** Posts a form with repeated names allowed (multiple choices), as a browser does. */
const post = (client: Client, path: string, fields: [string, string][]) =>
  client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['_csrf', client.csrf], ...fields]).toString(),
  });

const page1: [string, string][] = [
  ['q_age', '25_39'],
  ['q_gender', 'woman'],
  ['q_region', 'west'],
  ['q_edu', 'secondary'],
];
const page2: [string, string][] = [
  ['q_topics', 'climate'],
  ['q_topics', 'health'],
  ['q_climate_why', 'More trees'],
  ['q_trust', '6'],
  ['q_prio.rank.rail', '1'],
  ['q_prio.rank.care', '2'],
  ['q_prio.rank.training', '3'],
  ['q_views.voice', 'agree'],
  ['q_went', 'no'],
];

describe.each(testDatabases())('consultation survey pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedConsultations(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('links the survey from the consultation and walks it without JavaScript, naming refused answers by label', async () => {
    const c = createClient(t);
    expect(await (await c.get(S)).text()).toContain(`href="${S}/survey"`);
    const first = await (await c.get(`${S}/survey`)).text();
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain('How old are you?');
    expect(first).not.toContain('Which topics matter most to you?');
    // Nothing chosen for the age: refused, named by its label, what was typed kept.
    const refused = await post(c, `${S}/survey`, [
      ['page', '0'],
      ['move', 'next'],
      ['q_region', 'west'],
      ['q_edu', 'secondary'],
    ]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('href="#field-q_age"');
    expect(html).toMatch(/How old are you\?/);
    expect(html).toMatch(/<option[^>]*value="secondary"[^>]*selected/);
    const next = await post(c, `${S}/survey`, [['page', '0'], ['move', 'next'], ...page1]);
    expect(next.status).toBe(302);
    const second = await (await c.get(`${S}/survey`)).text();
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('Send my answers');
    // Save and come back: a resume code, which opens the response in another browser.
    const saved = await post(c, `${S}/survey`, [
      ['page', '1'],
      ['move', 'save'],
      ['q_trust', '4'],
    ]);
    expect(saved.headers.get('location')).toBe(`${S}/survey?saved=1`);
    const savedHtml = await (await c.get(`${S}/survey?saved=1`)).text();
    const code = /<strong class="code">([A-Z0-9-]+)<\/strong>/.exec(savedHtml)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const phone = createClient(t);
    const wrong = await (await phone.get(`${S}/survey?resume=ZZZZ-ZZZZ-ZZZZ`)).text();
    expect(wrong).toContain('No saved answers have this code');
    const opened = await phone.get(`${S}/survey?resume=${code!.toLowerCase()}`);
    expect(opened.status).toBe(302);
    const resumed = await (await phone.get(`${S}/survey`)).text();
    expect(resumed).toContain('Page 2 of 2');
    expect(resumed).toMatch(/checked="" value="4"/);
    const sent = await post(phone, `${S}/survey`, [['page', '1'], ['move', 'submit'], ...page2]);
    expect(sent.headers.get('location')).toBe(`${S}/survey?sent=1`);
    expect(await (await c.get(`${S}/survey`)).text()).toContain('Thank you for taking part');
  });

  it('speaks Ukrainian, and shows the event page only to those who went to one', async () => {
    const c = createClient(t);
    c.jar.set('polity_locale', 'uk');
    const html = await (await c.get(`${S}/survey`)).text();
    expect(html).toContain('Сторінка 1 з 2');
    expect(html).toContain('Скільки вам років?');
    await post(c, `${S}/survey`, [['page', '0'], ['move', 'next'], ...page1]);
    const went = await post(c, `${S}/survey`, [['page', '1'], ['move', 'next'], ...page2.filter(([k]) => k !== 'q_went'), ['q_went', 'yes']]);
    expect(went.status).toBe(302);
    const third = await (await c.get(`${S}/survey`)).text();
    expect(third).toContain('Сторінка 3 з 3');
    expect(third).toContain('Коли він відбувся?');
  });

  it('lets a clerk enter a paper response that a colleague confirms, and prints the form', async () => {
    expect((await createClient(t).get(`${S}/paper`)).status).toBe(302);
    const clerk = await signedInClient(t, 'editor');
    const colleague = await signedInClient(t, 'editor');
    const missing = await post(clerk, `${S}/paper`, [
      ['intent', 'enter'],
      ['q_age', '16_24'],
    ]);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('href="#field-q_region"');
    const entered = await post(clerk, `${S}/paper`, [['intent', 'enter'], ...page1, ...page2]);
    expect(entered.headers.get('location')).toBe(`${S}/paper?done=entered`);
    const own = await (await clerk.get(`${S}/paper`)).text();
    expect(own).toContain('You entered this one');
    const desk = await (await colleague.get(`${S}/paper`)).text();
    const id = /name="id" value="([0-9a-f-]+)"/.exec(desk)?.[1];
    expect(desk).toContain('More trees');
    const self = await post(clerk, `${S}/paper`, [
      ['intent', 'confirm'],
      ['id', id!],
    ]);
    expect(self.status).toBe(403);
    const ok = await post(colleague, `${S}/paper`, [
      ['intent', 'confirm'],
      ['id', id!],
    ]);
    expect(ok.headers.get('location')).toBe(`${S}/paper?done=confirmed#pending`);
    expect(await (await colleague.get(`${S}/paper`)).text()).toContain('No paper response is waiting.');
    // Sent back: the clerk finds it, corrects it on the form it is shown in, and it waits for a check again.
    await post(clerk, `${S}/paper`, [['intent', 'enter'], ...page1, ...page2]);
    const second = /name="id" value="([0-9a-f-]+)"/.exec(await (await colleague.get(`${S}/paper`)).text())?.[1];
    expect(
      (
        await post(colleague, `${S}/paper`, [
          ['intent', 'return'],
          ['id', second!],
        ])
      ).status,
    ).toBe(302);
    const back = await (await clerk.get(`${S}/paper`)).text();
    expect(back).toContain('Sent back to you to correct');
    const form = await (await clerk.get(`${S}/paper?edit=${second}`)).text();
    expect(form).toContain(`name="id" value="${second}"`);
    expect(form).toMatch(/<option[^>]*value="west"[^>]*selected/);
    const corrected = await post(clerk, `${S}/paper`, [
      ['intent', 'enter'],
      ['id', second!],
      ...page1.filter(([k]) => k !== 'q_region'),
      ['q_region', 'east'],
      ...page2,
    ]);
    expect(corrected.status).toBe(302);
    expect(await (await colleague.get(`${S}/paper`)).text()).toContain('East');
    const print = await (await createClient(t).get(`${S}/print`)).text();
    for (const label of ['How old are you?', 'Rank the three priorities', 'Do you agree with these statements?', 'About how many people took part?'])
      expect(print).toContain(label);
    expect(print).toContain('data-island="print"');
  });

  it('asks for an invitation code on an invitation survey, and takes a code once', async () => {
    const editor = await signedInClient(t, 'editor');
    await editor.api('POST', '/consultations', {
      slug: 'panel',
      title: { en: 'Panel' },
      description: { en: 'x' },
      status: 'open',
      participation: 'invitation',
    });
    await editor.api('PUT', '/consultations/panel/questionnaire', {
      items: [{ id: 'ok', type: 'short_text', required: true, label: { en: 'All well?' } }],
    });
    const { codes } = await (await editor.api('POST', '/consultations/panel/invitations', { count: 1 })).json();
    const guest = createClient(t);
    expect(await (await guest.get('/consultations/panel/survey')).text()).toContain('<label for="field-code">Invitation code</label>');
    const wrong = await post(guest, '/consultations/panel/survey', [
      ['page', '0'],
      ['move', 'submit'],
      ['code', 'NOPE-NOPE'],
      ['q_ok', 'yes'],
    ]);
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('This is not an invitation code of this consultation');
    expect(html).toContain('value="yes"');
    const sent = await post(guest, '/consultations/panel/survey', [
      ['page', '0'],
      ['move', 'submit'],
      ['code', codes[0]],
      ['q_ok', 'yes'],
    ]);
    expect(sent.headers.get('location')).toBe('/consultations/panel/survey?sent=1');
    const other = createClient(t);
    const again = await post(other, '/consultations/panel/survey', [
      ['page', '0'],
      ['move', 'submit'],
      ['code', codes[0]],
      ['q_ok', 'yes'],
    ]);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This invitation code has already been used');
  });

  it('imports a CSV file from the paper desk, listing each problem by row and column', async () => {
    const editor = await signedInClient(t, 'editor');
    const upload = (csv: string) => {
      const form = new FormData();
      form.set('_csrf', editor.csrf);
      form.set('intent', 'import');
      form.set('csv', new File([csv], 'responses.csv', { type: 'text/csv' }));
      return editor.request(`${S}/paper`, { method: 'POST', body: form });
    };
    const refused = await upload('age,region,topics,trust,went\n16_24,north,health,2,no\n16_24,mars,health,,no\n');
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Nothing was imported');
    expect(html).toContain('Row 3, column region');
    expect(html).toContain('Row 3, column trust');
    const ok = await upload('age,region,topics,trust,went\n16_24,north,health,2,no\n55_64,east,climate;economy,9,no\n');
    expect(ok.headers.get('location')).toBe(`${S}/paper?imported=2#import`);
    expect(await (await editor.get(`${S}/paper?imported=2`)).text()).toContain('2 responses imported');
  });
});
