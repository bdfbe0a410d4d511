import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPageHandler, SERVER_BUILD } from '../../../server/pages.js';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { saveCall } from '../commands/call-save.js';
import { DEMO_CALL_SLUG, DEMO_QUESTIONS, seedCalls } from '../seed/calls.js';
import { signedInClient } from '../test-helpers.js';

// The pages are served from the React Router build (`npm test` builds first).
describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('call pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await loadPageHandler();
    t = await createTestContext(kind, { pages: pages ?? undefined });
    await seedCalls(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('lists calls and shows the questionnaire with accessible fields', async () => {
    const list = await (await createClient(t).get('/library/calls')).text();
    expect(list).toContain('Call for case studies: public-sector innovation 2027');
    const { client } = await signedInClient(t, []);
    const res = await client.get(`/library/calls/${DEMO_CALL_SLUG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<fieldset[^>]*><legend>Sectors/);
    expect(html).toContain('for="field-q_title"');
    expect(html).toContain('type="file"');
    expect(html).toMatch(/<button[^>]*value="save"[^>]*>Save draft</);
    expect(html).toMatch(/<button[^>]*value="submit"[^>]*>Submit</);
  });

  it('re-renders every typed value with an error next to the field, and saves drafts from the form', async () => {
    const { client } = await signedInClient(t, []);
    const bad = await client.form(`/library/calls/${DEMO_CALL_SLUG}`, { intent: 'save', q_title: 'My typed title', q_year: 'soon' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="My typed title"');
    expect(html).toContain('value="soon"');
    // The summary names the question by its label and words the reason; the field says it too.
    expect(html).toContain('<a href="#field-q_year">Year launched: Give a year such as 2024</a>');
    expect(html).toMatch(/<p class="error" id="field-q_year-error">Give a year such as 2024<\/p>/);
    const ok = await client.form(`/library/calls/${DEMO_CALL_SLUG}`, { intent: 'save', q_title: 'My typed title', q_year: '2020' });
    expect(ok.status).toBe(302);
    const again = await (await client.get(`/library/calls/${DEMO_CALL_SLUG}`)).text();
    expect(again).toContain('value="My typed title"');
    const submit = await client.form(`/library/calls/${DEMO_CALL_SLUG}`, { intent: 'submit', q_title: 'My typed title', q_year: '2020' });
    expect(submit.status).toBe(400);
    expect(await submit.text()).toMatch(/<a href="#field-q_summary">[^<]*: Fill this in<\/a>/);
  });

  it("words a refused questionnaire in the reader's language, naming each question by its label", async () => {
    const { client } = await signedInClient(t, []);
    client.jar.set('polity_locale', 'uk');
    const bad = await client.form(`/library/calls/${DEMO_CALL_SLUG}`, { intent: 'submit', q_title: 'Назва', q_year: 'скоро' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<h2>Деякі відповіді недійсні</h2>');
    expect(html).toContain('<a href="#field-q_year">Рік запуску: Вкажіть рік, наприклад 2024</a>');
    expect(html).toMatch(/<a href="#field-q_summary">[^<]+: Заповніть це поле<\/a>/);
    // Neither the English reasons of the API nor the internal field names.
    expect(html).not.toContain('a year such as 2024');
    expect(html).not.toContain('needs an answer');
    expect(html).not.toMatch(/>q_year|>answers\./);
  });

  it('takes answers to the questionnaire engine’s newer types through the form, without JavaScript', async () => {
    const now = t.clock.now();
    const en = (s: string) => ({ en: s });
    const choices = (...values: string[]) => values.map((v) => ({ value: v, label: en(`Label ${v}`) }));
    await saveCall(t.deps, t.site.id, {
      slug: 'engine-types',
      title: en('Engine types'),
      description: en('Every newer type.'),
      opensAt: new Date(now.getTime() - 86_400_000),
      deadline: new Date(now.getTime() + 30 * 86_400_000),
      published: true,
      questions: [
        ...DEMO_QUESTIONS,
        { id: 'grid', type: 'matrix', label: en('Rate the service'), rows: choices('speed', 'cost'), columns: choices('bad', 'good') },
        { id: 'prio', type: 'ranking', label: en('Priorities'), options: choices('people', 'money', 'time') },
        { id: 'nps', type: 'scale', label: en('Recommend it'), min: 0, max: 10 },
        {
          id: 'more',
          type: 'long_text',
          label: en('Tell us more'),
          showIf: { combine: 'all', rules: [{ question: 'nps', op: 'equals', value: 10 }] },
        },
      ],
    });
    const { client } = await signedInClient(t, []);
    const page = await (await client.get('/library/calls/engine-types')).text();
    expect(page).toContain('<table class="matrix">');
    expect(page).toMatch(/<select id="field-q_prio.rank.people" name="q_prio.rank.people">/);
    expect(page).not.toContain('name="q_more"');
    const bad = await client.form('/library/calls/engine-types', {
      intent: 'save',
      'q_grid.speed': 'good',
      'q_prio.rank.people': '1',
      'q_prio.rank.money': '1',
      q_nps: '10',
    });
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    // Worded from the engine's catalogue, linked to the question by its label; what was typed is kept.
    expect(refused).toContain('<a href="#field-q_prio">Priorities: Two options have the same rank</a>');
    expect(refused).toMatch(/id="field-q_grid.speed-good"[^>]*checked=""/);
    // The condition holds for what was typed: the dependent question is shown.
    expect(refused).toContain('name="q_more"');
    const good = await client.form('/library/calls/engine-types', {
      intent: 'save',
      'q_grid.speed': 'good',
      'q_prio.rank.people': '2',
      'q_prio.rank.money': '1',
      'q_prio.rank.time': '3',
      q_nps: '10',
      q_more: 'It works.',
    });
    expect(good.status).toBe(302);
    const again = await (await client.get('/library/calls/engine-types')).text();
    expect(again).toMatch(/<option value="2" selected="">/);
    expect(again).toMatch(/id="field-q_nps-10"[^>]*checked=""/);
    expect(again).toContain('It works.');
  });

  it('serves the admin and review pages to editors only', async () => {
    const editor = await signedInClient(t, ['editor']);
    for (const path of ['/library/admin/calls', `/library/admin/calls/${DEMO_CALL_SLUG}`, '/library/admin/calls/new', '/library/admin/submissions']) {
      expect((await editor.client.get(path)).status, path).toBe(200);
    }
    const person = await signedInClient(t, []);
    expect((await person.client.get('/library/admin/calls')).status).toBe(403);
    const added = await editor.client.form(`/library/admin/calls/${DEMO_CALL_SLUG}`, {
      intent: 'question',
      originalId: '',
      id: 'budget',
      type: 'single_choice',
      label: 'Budget',
      options: 'small | Small\nlarge | Large',
    });
    expect(added.status).toBe(302);
    const page = await (await editor.client.get(`/library/admin/calls/${DEMO_CALL_SLUG}`)).text();
    expect(page).toContain('<code>budget</code>');
  });

  it('shows a visitor the questions read-only, with sign-in and sign-up links that come back to the call', async () => {
    const res = await createClient(t).get(`/library/calls/${DEMO_CALL_SLUG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const next = encodeURIComponent(`/library/calls/${DEMO_CALL_SLUG}`);
    expect(html).toContain(`href="/sign-in?next=${next}"`);
    expect(html).toContain(`href="/sign-up?next=${next}">Create an account</a>`);
    expect(html).toContain('class="questionnaire-preview"');
    for (const q of DEMO_QUESTIONS) expect(html).toContain(`id="question-${q.id}"`);
    expect(html).toContain('Answer: one or more of these options.');
    // Nothing to fill in.
    expect(html).not.toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(html).not.toContain('name="q_title"');
  });

  it("names submissions by their title in the editors' list", async () => {
    const { client } = await signedInClient(t, []);
    const answers = {
      q_title: 'Open budget for every street',
      q_summary: 'A short summary.',
      q_problem: 'Nobody could read the budget.',
      q_results: 'Many used it.',
      q_country: 'BR',
      q_level: 'local',
      q_sectors: 'digital-government',
      q_stage: 'pilot',
      q_year: '2022',
    };
    const sent = await client.form(`/library/calls/${DEMO_CALL_SLUG}`, { intent: 'submit', ...answers });
    expect(sent.status, await sent.clone().text()).toBe(302);
    const editor = await signedInClient(t, ['editor']);
    const list = await (await editor.client.get('/library/admin/submissions')).text();
    expect(list).toMatch(/<a href="\/library\/admin\/submissions\/[0-9a-f-]{36}">Open budget for every street<\/a>/);
  });

  it('names a refused question of the call editor by its field or its label, in Ukrainian with Ukrainian reasons', async () => {
    const editor = await signedInClient(t, ['editor']);
    editor.client.jar.set('polity_locale', 'uk');
    const summaryOf = async (res: Response) =>
      (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(await res.text())?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    const question = { intent: 'question', originalId: '', type: 'single_choice', label: 'Бюджет' };
    const badId = await editor.client.form(`/library/admin/calls/${DEMO_CALL_SLUG}`, { ...question, id: 'Bad Id', options: 'a | A\nb | B' });
    expect(badId.status).toBe(400);
    const badIdSummary = await summaryOf(badId);
    expect(badIdSummary).toContain('Виправте, будь ласка, поля нижче');
    expect(badIdSummary).toContain('Код: Неочікуваний формат');
    expect(badIdSummary).not.toMatch(/questions\.|lowercase|not valid/);
    const oneOption = await editor.client.form(`/library/admin/calls/${DEMO_CALL_SLUG}`, { ...question, id: 'budget_uk', options: 'a | A' });
    expect(oneOption.status).toBe(400);
    const oneOptionSummary = await summaryOf(oneOption);
    expect(oneOptionSummary).toContain('Анкета недійсна');
    // The engine's editor puts a refusal on the field it is about: the options.
    expect(oneOptionSummary).toContain('Варіанти: Вкажіть щонайменше два варіанти');
  });
});
