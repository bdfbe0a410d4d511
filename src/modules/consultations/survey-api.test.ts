import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { DEMO_CONSULTATION, seedConsultations } from './seed/seed.js';
import { DEMO_QUESTIONNAIRE } from './seed/questionnaire.js';

const S = `/consultations/${DEMO_CONSULTATION}`;
type Client = ReturnType<typeof createClient>;

/** Answers that fill the demo's first page. */
const page1 = { age: '25_39', gender: 'woman', region: 'north', edu: 'tertiary' };
/** Answers that fill the demo's second page (no event: the third page is skipped). */
const page2 = {
  topics: ['economy', 'health'],
  trust: '7',
  prio: { renewables: '2', rail: '1', care: '3' },
  views: { voice: 'agree', local: 'neutral', future: 'disagree' },
  went: 'no',
};

const step = (client: Client, body: Record<string, unknown>) => client.api('POST', `${S}/survey`, body);

describe.each(testDatabases())('consultation survey on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedConsultations(t.deps, t.site.id);
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('serves the demo questionnaire in five languages, with demographic questions', async () => {
    const res = await createClient(t).api('GET', `${S}/questionnaire`);
    expect(res.status).toBe(200);
    const q = await res.json();
    expect(q.version).toBe(1);
    expect(q.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const ids = q.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(DEMO_QUESTIONNAIRE.map((i) => i.id));
    expect(q.items.filter((i: { demographic?: boolean }) => i.demographic).map((i: { id: string }) => i.id)).toEqual([
      'age',
      'gender',
      'region',
      'edu',
    ]);
    for (const item of q.items) if (item.label) expect(Object.keys(item.label).sort()).toEqual(['en', 'es', 'fr', 'pt', 'uk']);
  });

  it('walks the pages: required answers per page, a condition, a page skip, then one response per browser', async () => {
    const browser = createClient(t);
    // Nothing answered on page 1: the required questions are named by their labels, nothing is stored.
    const empty = await step(browser, { page: 0, move: 'next', answers: {} });
    expect(empty.status).toBe(400);
    const refused = (await empty.json()).error.fields;
    expect(Object.keys(refused).sort()).toEqual(['age', 'region']);
    expect(refused.age).toMatch(/^"How old are you\?": /);
    expect((await (await browser.api('GET', `${S}/survey`)).json()).response).toBeNull();
    // A malformed answer is named too.
    const bad = await step(browser, { page: 0, move: 'next', answers: { ...page1, region: 'atlantis' } });
    expect((await bad.json()).error.fields.region).toMatch(/"Where do you live\?": "atlantis" is not one of the options/);
    // Page 1 done: on to page 2; the browser is given its token and a resume code.
    const first = await step(browser, { page: 0, move: 'next', answers: page1 });
    expect(first.status).toBe(200);
    const one = await first.json();
    expect(one.response).toMatchObject({ status: 'draft', page: 1, version: 1 });
    expect(one.resumeCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // An answer to the hidden climate question is dropped (climate not chosen); too many topics refused.
    const tooMany = await step(browser, { page: 1, move: 'next', answers: { ...page2, topics: ['economy', 'health', 'climate', 'security'] } });
    expect((await tooMany.json()).error.fields.topics).toMatch(/choose at most 3/);
    const second = await step(browser, { page: 1, move: 'next', answers: { ...page2, climate_why: 'Trees' } });
    const two = await second.json();
    // "No event": page 3 is skipped, page 2 is the last.
    expect(two.response.page).toBe(1);
    expect(two.last).toBe(true);
    expect(two.response.answers).not.toHaveProperty('climate_why');
    expect(two.response.answers.prio).toEqual(['rail', 'renewables', 'care']);
    const sent = await step(browser, { page: 1, move: 'submit', answers: page2 });
    expect(sent.status).toBe(200);
    expect((await sent.json()).response.status).toBe('submitted');
    // The same browser cannot answer again.
    const again = await step(browser, { page: 0, move: 'next', answers: page1 });
    expect(again.status).toBe(409);
  });

  it('shows the event page when the respondent went to one, and goes back', async () => {
    const browser = createClient(t);
    await step(browser, { page: 0, move: 'next', answers: page1 });
    const went = await (
      await step(browser, { page: 1, move: 'next', answers: { ...page2, topics: ['climate'], climate_why: 'Trees', went: 'yes' } })
    ).json();
    expect(went.response.page).toBe(2);
    expect(went.response.answers.climate_why).toBe('Trees');
    const badDate = await step(browser, { page: 2, move: 'submit', answers: { ev_date: '2019-12-31', ev_people: '2.5' } });
    const fields = (await badDate.json()).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['ev_date', 'ev_people']);
    const back = await (await step(browser, { page: 2, move: 'back', answers: { ev_people: '40' } })).json();
    expect(back.response.page).toBe(1);
    expect(back.response.answers.ev_people).toBe(40);
    // Saying "no" now hides the event page: its answers are dropped.
    const no = await (await step(browser, { page: 1, move: 'next', answers: { ...page2, went: 'no' } })).json();
    expect(no.response.answers).not.toHaveProperty('ev_people');
    expect(no.last).toBe(true);
  });

  it('saves and resumes by code in another browser, one response per signed-in person', async () => {
    const browser = createClient(t);
    const saved = await (await step(browser, { page: 0, move: 'save', answers: { age: '40_54' } })).json();
    expect(saved.response).toMatchObject({ status: 'draft', page: 0 });
    const other = createClient(t);
    const wrong = await step(other, { page: 0, move: 'next', answers: page1, resume: 'AAAA-AAAA-AAAA' });
    // A wrong resume code does not open anything: a new response is started for the other browser.
    expect(wrong.status).toBe(200);
    const third = createClient(t);
    const resumed = await (await step(third, { page: 0, move: 'next', answers: { ...page1, age: '40_54' }, resume: saved.resumeCode })).json();
    expect(resumed.response.id).toBe(saved.response.id);
    expect(resumed.response.page).toBe(1);

    const person = await signedInClient(t, null);
    const mine = await (await step(person, { page: 0, move: 'save', answers: { age: '65_plus' } })).json();
    expect(mine.resumeCode).toBeNull();
    const later = await (await person.api('GET', `${S}/survey`)).json();
    expect(later.response).toMatchObject({ id: mine.response.id, status: 'draft', answers: { age: '65_plus' } });
  });

  it('versions the questionnaire: in place until answered, then a new version; drafts move on with valid answers', async () => {
    const created = await editor.api('POST', '/consultations', {
      slug: 'parks',
      title: { en: 'Parks' },
      description: { en: 'Parks' },
      status: 'open',
    });
    expect(created.status).toBe(201);
    const v1 = [
      {
        id: 'park',
        type: 'single_choice',
        label: { en: 'Which park?' },
        options: [
          { value: 'a', label: { en: 'A' } },
          { value: 'b', label: { en: 'B' } },
        ],
      },
      { id: 'why', type: 'short_text', label: { en: 'Why?' } },
    ];
    const put = (items: unknown) => editor.api('PUT', '/consultations/parks/questionnaire', { items });
    expect((await (await put(v1)).json()).outcome).toBe('replaced');
    expect((await (await put(v1)).json()).outcome).toBe('unchanged');
    const badItems = await put([{ id: 'Bad Id', type: 'short_text' }]);
    expect(badItems.status).toBe(400);
    const resident = createClient(t);
    expect((await resident.api('PUT', '/consultations/parks/questionnaire', { items: v1 })).status).toBe(401);
    // A draft response, then a change: a new version.
    const drafter = createClient(t);
    const draft = await (
      await drafter.api('POST', '/consultations/parks/survey', { page: 0, move: 'save', answers: { park: 'b', why: 'shade' } })
    ).json();
    const submitter = createClient(t);
    await submitter.api('POST', '/consultations/parks/survey', { page: 0, move: 'submit', answers: { park: 'a' } });
    const v2 = [
      {
        ...v1[0],
        options: [
          { value: 'a', label: { en: 'A' } },
          { value: 'c', label: { en: 'C' } },
        ],
      },
      v1[1],
    ];
    const changed = await (await put(v2)).json();
    expect(changed).toMatchObject({ version: 2, outcome: 'new_version' });
    const q = await (await resident.api('GET', '/consultations/parks/questionnaire')).json();
    expect(q.currentVersion).toBe(2);
    expect(q.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await (await resident.api('GET', '/consultations/parks/questionnaire?version=1')).json()).items[0].options[1].value).toBe('b');
    // The submitted response keeps version 1; the draft moves to version 2 without the answer "b".
    const sent = await (await submitter.api('GET', '/consultations/parks/survey')).json();
    expect(sent.response).toMatchObject({ version: 1, status: 'submitted' });
    const moved = await (await drafter.api('GET', '/consultations/parks/survey')).json();
    expect(moved.response).toMatchObject({ id: draft.response.id, version: 2, answers: { why: 'shade' } });
    expect(moved.response.answers).not.toHaveProperty('park');
    // Version 2 unanswered yet (the draft moved to it): a further change still makes version 3.
    expect((await (await put(v1)).json()).version).toBe(3);
  });

  it('takes invitation codes once only, and refuses anyone without one', async () => {
    await editor.api('POST', '/consultations', {
      slug: 'invited',
      title: { en: 'Invited' },
      description: { en: 'x' },
      status: 'open',
      participation: 'invitation',
    });
    await editor.api('PUT', '/consultations/invited/questionnaire', {
      items: [{ id: 'ok', type: 'short_text', required: true, label: { en: 'OK?' } }],
    });
    expect((await createClient(t).api('POST', '/consultations/invited/invitations', { count: 2 })).status).toBe(401);
    const made = await editor.api('POST', '/consultations/invited/invitations', { count: 2 });
    expect(made.status).toBe(201);
    const { codes } = await made.json();
    expect(codes).toHaveLength(2);
    const post = (client: Client, body: Record<string, unknown>) => client.api('POST', '/consultations/invited/survey', body);
    expect((await post(createClient(t), { page: 0, move: 'submit', answers: { ok: 'yes' } })).status).toBe(401);
    expect((await post(createClient(t), { page: 0, move: 'submit', answers: { ok: 'yes' }, code: 'WRONG-CODE' })).status).toBe(400);
    const holder = createClient(t);
    const sent = await post(holder, { page: 0, move: 'submit', answers: { ok: 'yes' }, code: codes[0].toLowerCase() });
    expect(sent.status).toBe(200);
    expect((await post(createClient(t), { page: 0, move: 'submit', answers: { ok: 'again' }, code: codes[0] })).status).toBe(409);
    expect((await post(holder, { page: 0, move: 'submit', answers: { ok: 'again' } })).status).toBe(409);
    // A saved draft by code: the same code cannot start a second response elsewhere.
    const drafter = createClient(t);
    expect((await post(drafter, { page: 0, move: 'save', answers: {}, code: codes[1] })).status).toBe(200);
    expect((await post(createClient(t), { page: 0, move: 'save', answers: {}, code: codes[1] })).status).toBe(409);
    expect((await post(drafter, { page: 0, move: 'submit', answers: { ok: 'fine' } })).status).toBe(200);
  });

  it('takes paper responses, confirmed by a different staff member only', async () => {
    // Editors hold consultations.paper.enter (agency staff too, within an agency).
    const clerk = await signedInClient(t, 'editor');
    const colleague = await signedInClient(t, 'editor');
    const resident = await signedInClient(t, null);
    const answers = { ...page1, ...page2, went: 'no' };
    expect((await resident.api('POST', `${S}/paper`, { answers })).status).toBe(403);
    const missing = await clerk.api('POST', `${S}/paper`, { answers: { ...answers, trust: '' } });
    expect((await missing.json()).error.fields.trust).toMatch(/"How much do you trust the European Union\?": this question needs an answer/);
    const entered = await clerk.api('POST', `${S}/paper`, { answers });
    expect(entered.status).toBe(201);
    const paper = await entered.json();
    expect(paper).toMatchObject({ status: 'pending', channel: 'paper' });
    const self = await clerk.api('POST', `${S}/paper/${paper.id}/confirm`);
    expect(self.status).toBe(403);
    expect((await colleague.api('POST', `${S}/paper/${paper.id}/confirm`)).status).toBe(200);
    expect((await colleague.api('POST', `${S}/paper/${paper.id}/confirm`)).status).toBe(409);
    const other = await (await clerk.api('POST', `${S}/paper`, { answers })).json();
    const returned = await colleague.api('POST', `${S}/paper/${other.id}/return`);
    expect((await returned.json()).status).toBe('draft');
  });

  it('imports a CSV all or nothing, naming each problem by row and column', async () => {
    const csvPost = (client: Client, body: string) =>
      client.request(`/api/v1${S}/responses/import`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-csrf-token': client.csrf }, body });
    const header = 'age,gender,gender.other,region,edu,topics,trust,prio,views.voice,views.local,views.future,went,ideas';
    const good = [
      header,
      '16_24,woman,,south,primary,climate;health,3,rail;care;renewables,agree,,disagree,no,"More trains, please"',
      '65_plus,,Non-binary,east,,economy,10,,,,,no,',
    ];
    const bad = [
      header + ',shoe',
      '16_24,woman,,south,primary,climate;health,3,rail;care;renewables,agree,,disagree,no,,',
      '99,woman,,mars,primary,climate,11,rail;rail,maybe,,,no,,',
    ];
    const refused = await csvPost(editor, bad.join('\n'));
    expect(refused.status).toBe(400);
    const { problems } = await refused.json();
    const where = problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort();
    expect(where).toEqual(['1:shoe', '3:age', '3:prio', '3:region', '3:trust', '3:views'].sort());
    const before = await (await createClient(t).api('GET', `${S}/questionnaire`)).json();
    expect(before.version).toBe(1);
    const ok = await csvPost(editor, good.join('\n'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ imported: 2 });
    const auditor = await signedInClient(t, 'auditor');
    expect((await csvPost(auditor, good.join('\n'))).status).toBe(403);
  });

  // Last: it leaves this address in the back-off of wrong codes.
  it('slows down a guesser of invitation codes (429 with Retry-After once ten wrong codes were tried)', async () => {
    const guesser = createClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await guesser.api('POST', '/consultations/invited/survey', { page: 0, move: 'save', answers: {}, code: `WRONG-${i}` })).status);
    // One wrong code was tried earlier in this file from the same address: ten wrong ones are free, then 429.
    expect(statuses).toEqual([...Array(9).fill(400), 429, 429]);
    const limited = await guesser.api('POST', '/consultations/invited/survey', { page: 0, move: 'save', answers: {}, code: 'WRONG-X' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
