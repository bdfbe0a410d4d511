import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../accounts/index.js';
import { listOutbox } from '../../notifications/index.js';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { saveUpload } from '../commands/save-upload.js';
import { signedInClient } from '../test-helpers.js';
import { DEMO_CALL_SLUG, DEMO_QUESTIONS, seedCalls } from '../seed/calls.js';

const DAY = 86_400_000;
const BASE = `/library/calls/${DEMO_CALL_SLUG}`;

const complete = {
  title: 'Budget app for everyone',
  summary: 'Residents follow the city budget on their phones.',
  problem: 'Nobody could read the budget.',
  results: 'A third of households used it in the first year.',
  country: 'br',
  level: 'local',
  sectors: ['digital-government', 'democracy-participation'],
  stage: 'pilot',
  year: 2022,
  organisations: 'City of Recife\nOpen Knowledge Brasil',
  keywords: 'budget, transparency',
  website: 'https://example.org/budget',
};

describe.each(testDatabases())('calls for case studies on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  let frenchEditor: { email: string };
  const seen = new Set<string>();

  /** Mail delivered since the last call, by subject (the fixed clock gives them all one time). */
  async function newMail() {
    await t.drainJobs();
    const fresh = (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => !seen.has(m.id));
    for (const m of fresh) seen.add(m.id);
    return fresh.sort((a, b) => a.subject.localeCompare(b.subject));
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedCalls(t.deps, t.site.id);
    editor = await signedInClient(t, ['editor']);
    const french = await createUser(t.deps, t.site.id, {
      email: 'editrice@example.org',
      name: 'Éditrice',
      password: 'correct horse battery',
      locale: 'fr',
    });
    await grantRole(t.deps, t.site.id, { userId: french.id, role: 'editor', agencyId: null });
    frenchEditor = { email: french.email };
  });
  afterAll(() => t.close());

  it('lists the open demo call with its deadline and serves its questionnaire to anyone', async () => {
    const list = await (await createClient(t).api('GET', '/library/calls')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      slug: DEMO_CALL_SLUG,
      status: 'open',
      deadline: new Date(t.clock.now().getTime() + 180 * DAY).toISOString(),
    });
    const call = await (await createClient(t).api('GET', `${BASE}`)).json();
    expect(call.questions.map((q: { type: string }) => q.type).sort()).toEqual(
      [
        'country',
        'file',
        'long_text',
        'long_text',
        'long_text',
        'long_text',
        'multiple_choice',
        'short_text',
        'short_text',
        'single_choice',
        'single_choice',
        'url',
        'year',
      ].sort(),
    );
    const doc = await (await createClient(t).get('/api/v1/openapi.json')).json();
    expect(doc.paths['/library/calls/{slug}/my-submission/submit'].post.tags).toEqual(['Calls']);
  });

  it('asks visitors to sign in before answering', async () => {
    const res = await createClient(t).api('PUT', `${BASE}/my-submission`, { answers: { title: 'x' } });
    expect(res.status).toBe(401);
  });

  it('saves an incomplete draft, refuses bad answers by question id and keeps the saved draft', async () => {
    const { client } = await signedInClient(t, []);
    const saved = await client.api('PUT', `${BASE}/my-submission`, { answers: { title: 'Half done', year: 2020 } });
    expect(saved.status).toBe(200);
    expect((await saved.json()).status).toBe('draft');

    const bad = await client.api('PUT', `${BASE}/my-submission`, { answers: { title: 'Changed', year: 'soon', country: 'XX', level: 'galactic' } });
    expect(bad.status).toBe(400);
    const err = (await bad.json()).error;
    expect(err.code).toBe('invalid_input');
    expect(err.fields).toEqual({
      'answers.year': 'a year such as 2024',
      'answers.country': 'an ISO 3166-1 alpha-2 country code such as BR',
      'answers.level': '"galactic" is not one of the options',
    });
    const mine = await (await client.api('GET', `${BASE}/my-submission`)).json();
    expect(mine.answers).toEqual({ title: 'Half done', year: 2020 });

    const incomplete = await client.api('POST', `${BASE}/my-submission/submit`, { answers: { title: 'Still half done', year: 2021 } });
    expect(incomplete.status).toBe(400);
    const fields = (await incomplete.json()).error.fields;
    expect(fields['answers.summary']).toBe('this question needs an answer');
    expect(fields['answers.title']).toBeUndefined();
    const kept = await (await client.api('GET', `${BASE}/my-submission`)).json();
    expect(kept).toMatchObject({ status: 'draft', answers: { title: 'Still half done', year: 2021 } });
  });

  it('reports missing answers and format errors of one submit together, and writes nothing', async () => {
    const { client } = await signedInClient(t, []);
    const res = await client.api('POST', `${BASE}/my-submission/submit`, { answers: { title: 'Half', year: 'soon', website: 'not a link' } });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.fields;
    expect(fields['answers.year']).toBe('a year such as 2024');
    expect(fields['answers.website']).toBe('a full web address starting with https://');
    expect(fields['answers.summary']).toBe('this question needs an answer');
    expect(fields['answers.country']).toBe('this question needs an answer');
    expect(fields['answers.title']).toBeUndefined();
    // Listed in the order of the questionnaire.
    const order = DEMO_QUESTIONS.map((q) => `answers.${q.id}`).filter((k) => k in fields);
    expect(Object.keys(fields)).toEqual(order);
    expect((await client.api('GET', `${BASE}/my-submission`)).status).toBe(404);
  });

  it('refuses after the deadline with deadline_passed and loses nothing', async () => {
    const now = t.clock.now().getTime();
    const created = await editor.client.api('POST', '/library/calls', {
      slug: 'closing-soon',
      title: { en: 'Closing soon' },
      description: { en: 'Hurry.' },
      opensAt: new Date(now - DAY).toISOString(),
      deadline: new Date(now + 3_600_000).toISOString(),
      published: true,
      questions: DEMO_QUESTIONS,
    });
    expect(created.status).toBe(201);
    const { client } = await signedInClient(t, []);
    await client.api('PUT', '/library/calls/closing-soon/my-submission', { answers: { title: 'Late idea' } });
    t.clock.advance(2 * 3_600_000);
    try {
      const late = await client.api('POST', '/library/calls/closing-soon/my-submission/submit', { answers: complete });
      expect(late.status).toBe(409);
      const body = await late.json();
      expect(body.error.code).toBe('deadline_passed');
      expect(body.error.message).toMatch(/deadline/);
      expect((await client.api('POST', '/library/calls/closing-soon/my-submission/submit')).status).toBe(409);
      expect((await client.api('PUT', '/library/calls/closing-soon/my-submission', { answers: { title: 'x' } })).status).toBe(409);
      const kept = await (await client.api('GET', '/library/calls/closing-soon/my-submission')).json();
      expect(kept).toMatchObject({ status: 'draft', answers: { title: 'Late idea' } });
      const list = await (await createClient(t).api('GET', '/library/calls')).json();
      expect(list.items.map((c: { slug: string; status: string }) => [c.slug, c.status])).toEqual([
        [DEMO_CALL_SLUG, 'open'],
        ['closing-soon', 'closed'],
      ]);
    } finally {
      t.clock.advance(-2 * 3_600_000);
      await editor.client.api('PUT', '/library/calls/closing-soon', {
        slug: 'closing-soon',
        title: { en: 'Closing soon' },
        description: { en: 'Hurry.' },
        opensAt: new Date(now - DAY).toISOString(),
        deadline: new Date(now + 3_600_000).toISOString(),
        published: false,
        questions: DEMO_QUESTIONS,
      });
    }
  });

  it('goes submit -> request changes -> resubmit -> accept, mailing the submitter, and publishes the case study', async () => {
    await newMail();
    const { client, userId, email } = await signedInClient(t, []);
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'blue' } })
      .png()
      .toBuffer();
    const upload = await saveUpload(t.deps, t.site.id, { bytes: png, filename: 'team.png', userId });
    const sent = await client.api('POST', `${BASE}/my-submission/submit`, {
      answers: { ...complete, images: [{ uploadId: upload.id, name: 'Team photo' }] },
    });
    expect(sent.status).toBe(200);
    const sub = await sent.json();
    expect(sub.status).toBe('submitted');
    const link = `http://test.localhost${BASE}/submission`;
    let all = await newMail();
    // The submitter's receipt, and one mail per editor (in the editor's language when known).
    let mail = all.filter((m) => m.to === email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('Call for case studies: public-sector innovation 2027');
    expect(mail[0].text).toContain(link);
    const review = `http://test.localhost/library/admin/submissions/${sub.id}`;
    const toEditor = all.find((m) => m.to === editor.email);
    expect(toEditor?.subject).toBe('New submission to “Call for case studies: public-sector innovation 2027”: Budget app for everyone');
    expect(toEditor?.text).toContain(review);
    const toFrench = all.find((m) => m.to === frenchEditor.email);
    expect(toFrench?.subject).toMatch(/^Nouvelle contribution à « .+ » : Budget app for everyone$/);
    expect(toFrench?.text).toContain(review);
    expect(all).toHaveLength(3);

    const queue = await (await editor.client.api('GET', '/library/submissions?status=submitted')).json();
    expect(queue.items.find((i: { id: string }) => i.id === sub.id)).toMatchObject({ title: 'Budget app for everyone' });

    expect((await editor.client.api('POST', `/library/submissions/${sub.id}/comments`, { message: 'Lovely photo.' })).status).toBe(201);
    mail = await newMail();
    expect(mail.map((m) => m.text)).toEqual([expect.stringContaining('Lovely photo.')]);

    const noMessage = await editor.client.api('POST', `/library/submissions/${sub.id}/request-changes`, { message: '  ' });
    expect(noMessage.status).toBe(400);
    const back = await editor.client.api('POST', `/library/submissions/${sub.id}/request-changes`, { message: 'Please add the number of users.' });
    expect(back.status).toBe(200);
    expect((await back.json()).status).toBe('changes_requested');
    mail = await newMail();
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('Please add the number of users.');
    expect(mail[0].text).toContain(link);

    // Accepting now is not a valid transition.
    expect((await editor.client.api('POST', `/library/submissions/${sub.id}/accept`)).status).toBe(409);

    const edited = await client.api('PUT', `${BASE}/my-submission`, {
      answers: { ...complete, results: 'A third of households (41,000 users) used it.', images: [{ uploadId: upload.id, name: 'Team photo' }] },
    });
    expect(edited.status).toBe(200);
    const again = await client.api('POST', `${BASE}/my-submission/submit`);
    expect((await again.json()).status).toBe('resubmitted');
    all = await newMail();
    expect(all.filter((m) => m.to === email)).toHaveLength(1);
    expect(all.find((m) => m.to === editor.email)?.subject).toMatch(/^Submission sent again to “.+”: Budget app for everyone$/);

    const accepted = await editor.client.api('POST', `/library/submissions/${sub.id}/accept`);
    expect(accepted.status).toBe(200);
    const done = await accepted.json();
    expect(done.status).toBe('accepted');
    expect(done.caseStudyId).toBeTruthy();
    expect(done.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'comment', 'changes_requested', 'resubmitted', 'accepted']);
    mail = await newMail();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/accepted/);
    const caseLink = mail[0].text.match(/\/library\/case-studies\/([a-z0-9-]+)/);
    expect(caseLink).not.toBeNull();

    const cs = await createClient(t).api('GET', `/library/case-studies/${caseLink![1]}`);
    expect(cs.status).toBe(200);
    const caseStudy = await cs.json();
    expect(caseStudy).toMatchObject({ status: 'published', country: 'BR', level: 'local', yearLaunched: 2022 });
    expect(JSON.stringify(caseStudy)).toContain('41,000 users');

    // Final: no more changes by anyone.
    expect((await client.api('PUT', `${BASE}/my-submission`, { answers: complete })).status).toBe(409);
    expect((await editor.client.api('POST', `/library/submissions/${sub.id}/reject`, { reason: 'Changed my mind' })).status).toBe(409);
  });

  it('requires a reason to reject, and mails it', async () => {
    await newMail();
    const { client, email } = await signedInClient(t, []);
    const sub = await (await client.api('POST', `${BASE}/my-submission/submit`, { answers: complete })).json();
    const noReason = await editor.client.api('POST', `/library/submissions/${sub.id}/reject`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.fields).toEqual({ reason: 'write the reason for the rejection' });
    expect((await editor.client.api('POST', `/library/submissions/${sub.id}/reject`, {})).status).toBe(400);
    const rejected = await editor.client.api('POST', `/library/submissions/${sub.id}/reject`, { reason: 'Out of scope for this call.' });
    expect(await rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'Out of scope for this call.' });
    const mail = (await newMail()).filter((m) => m.to === email);
    expect(mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^We received/), expect.stringMatching(/not accepted$/)]);
    expect(mail[1].text).toContain('Out of scope for this call.');
  });

  it('keeps submissions private to their author and reviewers', async () => {
    const owner = await signedInClient(t, []);
    const other = await signedInClient(t, []);
    const sub = await (await owner.client.api('POST', `${BASE}/my-submission/submit`, { answers: complete })).json();
    expect((await other.client.api('GET', `/library/submissions/${sub.id}`)).status).toBe(403);
    expect((await other.client.api('POST', `/library/submissions/${sub.id}/comments`, { message: 'hi' })).status).toBe(403);
    expect((await other.client.api('POST', `/library/submissions/${sub.id}/accept`)).status).toBe(403);
    expect((await other.client.api('GET', '/library/submissions')).status).toBe(403);
    expect((await createClient(t).api('GET', `/library/submissions/${sub.id}`)).status).toBe(401);
    // The other person's own-submission endpoint is theirs: it never shows the owner's answers.
    expect((await other.client.api('GET', `${BASE}/my-submission`)).status).toBe(404);
    expect((await owner.client.api('GET', `/library/submissions/${sub.id}`)).status).toBe(200);
    expect((await owner.client.api('POST', `/library/submissions/${sub.id}/comments`, { message: 'Happy to answer questions.' })).status).toBe(201);
    // Reviewers never see drafts.
    const drafter = await signedInClient(t, []);
    const draft = await (await drafter.client.api('PUT', `${BASE}/my-submission`, { answers: { title: 'Secret draft' } })).json();
    expect((await editor.client.api('GET', `/library/submissions/${draft.id}`)).status).toBe(404);
    const all = await (await editor.client.api('GET', '/library/submissions?limit=100')).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
  });

  it('pages through the review queue with a cursor', async () => {
    const first = await (await editor.client.api('GET', '/library/submissions?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await (await editor.client.api('GET', `/library/submissions?limit=2&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lets editors create and edit calls, checking the questionnaire, and hides drafts from the public', async () => {
    const person = await signedInClient(t, []);
    const input = {
      slug: 'smart-cities',
      title: { en: 'Smart cities' },
      description: { en: 'Tell us.' },
      opensAt: t.clock.now().toISOString(),
      deadline: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
      published: false,
      questions: [{ id: 'name', type: 'short_text', label: { en: 'Name' }, mapsTo: 'title' }],
    };
    expect((await person.client.api('POST', '/library/calls', input)).status).toBe(403);
    const created = await editor.client.api('POST', '/library/calls', input);
    expect(created.status).toBe(201);
    expect((await created.json()).status).toBe('draft');
    expect((await createClient(t).api('GET', '/library/calls/smart-cities')).status).toBe(404);
    expect((await editor.client.api('POST', '/library/calls', input)).status).toBe(409);

    const publishIncomplete = await editor.client.api('PUT', '/library/calls/smart-cities', { ...input, published: true });
    expect(publishIncomplete.status).toBe(400);
    expect((await publishIncomplete.json()).error.fields.questions).toMatch(/no required question fills/);

    const badQuestion = await editor.client.api('PUT', '/library/calls/smart-cities', {
      ...input,
      questions: [...input.questions, { id: 'pick', type: 'single_choice', label: { en: 'Pick' }, options: [] }],
    });
    expect((await badQuestion.json()).error.fields).toEqual({ 'questions.pick': 'a choice question needs at least two options' });

    const published = await editor.client.api('PUT', '/library/calls/smart-cities', {
      ...input,
      published: true,
      questions: DEMO_QUESTIONS,
    });
    expect(published.status).toBe(200);
    const list = await (await createClient(t).api('GET', '/library/calls')).json();
    // Both open: the one with the nearest deadline first.
    expect(list.items.map((c: { slug: string }) => c.slug)).toEqual(['smart-cities', DEMO_CALL_SLUG]);
  });

  it('once a call has submissions, refuses a questionnaire change that would invalidate answers, naming the question', async () => {
    const call = await (await editor.client.api('GET', `/library/calls/${DEMO_CALL_SLUG}`)).json();
    const body = (questions: unknown[]) => ({
      slug: call.slug,
      title: call.title,
      description: call.description,
      opensAt: call.opensAt,
      deadline: call.deadline,
      published: call.published,
      questions,
    });
    const withoutResults = call.questions.filter((q: { id: string }) => q.id !== 'results');
    const removed = await editor.client.api('PUT', `/library/calls/${DEMO_CALL_SLUG}`, body(withoutResults));
    expect(removed.status).toBe(400);
    const refused = (await removed.json()).error;
    expect(Object.keys(refused.fields)).toEqual(['questions.results']);
    expect(refused.fields['questions.results']).toMatch(/^\d+ submission\(s\) exist: removed could make their answers invalid$/);
    // Adding questions of the engine's newer types, with a condition, keeps every answer valid.
    const added = [
      ...call.questions,
      { id: 'team_size', type: 'number', label: { en: 'Team size' }, min: 1, integer: true },
      {
        id: 'team_roles',
        type: 'ranking',
        label: { en: 'Roles' },
        options: [
          { value: 'design', label: { en: 'Design' } },
          { value: 'code', label: { en: 'Code' } },
        ],
        showIf: { combine: 'all', rules: [{ question: 'team_size', op: 'answered' }] },
      },
    ];
    const ok = await editor.client.api('PUT', `/library/calls/${DEMO_CALL_SLUG}`, body(added));
    expect(ok.status, await ok.clone().text()).toBe(200);
    const saved = await (await editor.client.api('GET', `/library/calls/${DEMO_CALL_SLUG}`)).json();
    expect(saved.questions.at(-1)).toMatchObject({ id: 'team_roles', type: 'ranking', showIf: { combine: 'all' } });
    // Removing them again is refused too: with submissions, a removed question is breaking whether or not anyone answered it.
    expect((await editor.client.api('PUT', `/library/calls/${DEMO_CALL_SLUG}`, body(call.questions))).status).toBe(400);
  });

  it('keeps each site to itself', async () => {
    await t.addSite('other', 'other.localhost');
    const visitor = createClient(t, 'other.localhost');
    expect((await (await visitor.api('GET', '/library/calls')).json()).items).toEqual([]);
    expect((await visitor.api('GET', BASE)).status).toBe(404);
    const otherEditor = await signedInClient(t, ['editor'], { host: 'other.localhost' });
    const queue = await (await otherEditor.client.api('GET', '/library/submissions')).json();
    expect(queue.items).toEqual([]);
    const mine = await (await editor.client.api('GET', '/library/submissions?limit=1')).json();
    expect((await otherEditor.client.api('GET', `/library/submissions/${mine.items[0].id}`)).status).toBe(404);
    expect((await otherEditor.client.api('POST', `/library/submissions/${mine.items[0].id}/reject`, { reason: 'x' })).status).toBe(404);
  });
});
