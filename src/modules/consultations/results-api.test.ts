import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { sql } from 'drizzle-orm';
import { saveConsultation } from './commands/save-consultation.js';
import { countAnswerGroups, pageResponseRows } from './store/results.js';
import { seedResultsFixture } from './test-helpers.js';

describe.each(testDatabases())('consultation results on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  const base = '/consultations/eu-trust';
  let consultationId = '';
  beforeAll(async () => {
    t = await createTestContext(kind);
    consultationId = (await seedResultsFixture(t)).id;
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('shows live figures to staff only until results are published', async () => {
    expect((await createClient(t).api('GET', `${base}/results`)).status).toBe(404);
    const r = await (await editor.api('GET', `${base}/results`)).json();
    expect(r.respondents).toBe(6);
    const trust = r.questions.find((q: { question: string }) => q.question === 'trust');
    expect(trust.shares[0]).toMatchObject({ value: 'yes', count: 3, weighted: null });
    expect(trust.shares[0].share.estimate).toBeCloseTo(0.5, 12);
    expect(trust.shares[0].share.se).toBeCloseTo(Math.sqrt(0.05), 12);
  });

  it('refuses margins that do not add up or name no option, naming the question and category', async () => {
    const shares = await editor.api('PUT', `${base}/margins`, { margins: { gender: { f: 0.5, m: 0.4 } } });
    expect(shares.status).toBe(400);
    expect((await shares.json()).error.fields['margins.gender']).toMatch(/add up to 0.9/);
    const stray = await editor.api('PUT', `${base}/margins`, { margins: { gender: { f: 50, x: 50 } }, source: 'census' });
    expect((await stray.json()).error.fields['margins.gender.x']).toMatch(/not an option/);
    const notDemographic = await editor.api('PUT', `${base}/margins`, { margins: { trust: { yes: 1, no: 1 } } });
    expect(Object.keys((await notDemographic.json()).error.fields)).toEqual(['margins.trust']);
    const noMargin = await editor.api('PUT', `${base}/weighting`, { method: 'rake', questions: ['gender'] });
    expect((await noMargin.json()).error.fields.questions).toMatch(/no population figures for gender/);
  });

  it('takes margins from CSV, shows representativeness, and weights the results', async () => {
    const csv = await editor.request(`/api/v1${base}/margins`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': editor.csrf },
      body: 'question,category,population\ngender,f,5000\ngender,m,5000\n',
    });
    expect(csv.status, await csv.clone().text()).toBe(200);
    expect((await editor.api('PUT', `${base}/weighting`, { method: 'poststratify', questions: ['gender'] })).status).toBe(200);
    const r = await (await editor.api('GET', `${base}/results`)).json();
    expect(r.representativeness[0].rows[0]).toMatchObject({ value: 'f', respondents: 4, populationShare: 0.5 });
    const yes = r.questions.find((q: { question: string }) => q.question === 'trust').shares[0];
    expect(yes.weighted.estimate).toBeCloseTo(0.375, 12);
    expect(yes.weighted.se).toBeCloseTo(Math.sqrt((6 / 5) * 0.01171875), 12);
    const tab = await (await editor.api('GET', `${base}/crosstab?question=trust&by=gender`)).json();
    expect(tab.counts).toEqual([
      [3, 0],
      [1, 2],
    ]);
    expect(tab.chiSquare.df).toBe(1);
  });

  it('publishes chosen questions to everyone', async () => {
    const none = await editor.api('PUT', `${base}/publication`, { published: true, questions: [] });
    expect((await none.json()).error.fields.questions).toMatch(/at least one/);
    expect((await editor.api('PUT', `${base}/publication`, { published: true, questions: ['trust'] })).status).toBe(200);
    const r = await (await createClient(t).api('GET', `${base}/results`)).json();
    expect(r.questions.map((q: { question: string }) => q.question)).toEqual(['trust']);
    expect((await createClient(t).api('GET', `${base}/crosstab?question=score&by=gender`)).status).toBe(404);
  });

  it('exports responses as CSV with codes or labels, SPSS syntax and a DDI codebook, to staff only', async () => {
    expect((await createClient(t).get(`${base}/export/responses.csv`)).status).toBeGreaterThanOrEqual(302);
    const codes = await (await editor.get(`${base}/export/responses.csv`)).text();
    const lines = codes.trim().split('\r\n');
    expect(lines[0]).toBe('response_id,submitted_at,channel,language,version,gender,trust,score,why,weight');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/,import,en,1,1,1,8,"Peace, ""mostly""",1250$/);
    const labelled = await (await editor.get(`${base}/export/responses.csv?labels=1`)).text();
    expect(labelled.split('\r\n')[5]).toMatch(/,Man,No,4,,2500$/);
    const sps = await (await editor.get(`${base}/export/responses.sps`)).text();
    expect(sps).toContain('VALUE LABELS');
    expect(sps).toContain('gender\n    1 "Woman"\n    2 "Man"');
    const ddi = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
      await (await editor.get(`${base}/export/codebook.xml`)).text(),
    );
    expect(ddi.codeBook.fileDscr.fileTxt.dimensns.caseQnty).toBe(6);
    const gender = ddi.codeBook.dataDscr.var.find((v: { '@name': string }) => v['@name'] === 'gender');
    expect(gender.labl.map((l: { '#text': string }) => l['#text'])).toEqual(['Gender', 'Стать']);
  });

  it('reads responses page by page, each once, in order', async () => {
    const pages = [];
    for await (const page of pageResponseRows(t.deps.db, t.site.id, consultationId, 4)) pages.push(page.map((r) => r.answers.gender));
    expect(pages).toEqual([
      ['f', 'f', 'f', 'f'],
      ['m', 'm'],
    ]);
  });

  it('pages by the database time to the microsecond, puts responses without a time last, and counts answer groups in that order', async () => {
    const c = await saveConsultation(t.deps, t.site.id, { slug: 'paging', title: { en: 'Paging' }, description: { en: 'Paging' }, status: 'open' });
    // Five responses within one millisecond (a Date keeps none of the microseconds), two without a time.
    const times = ['00.000400', '00.000100', '00.000300', '00.000200', '00.000900', null, null];
    for (const [i, at] of times.entries())
      await t.deps.db.execute(
        sql`insert into consultation_responses (id, site_id, consultation_id, version, respondent_key, channel, status, answers, page, locale, submitted_at, created_at, updated_at)
            values (${`00000000-0000-4000-8000-00000000000${i}`}, ${t.site.id}, ${c.id}, 1, ${`k${i}`}, ${i % 2 ? 'paper' : 'online'}, 'submitted',
                    ${JSON.stringify({ n: i, g: i < 3 ? 'a' : 'b' })}::jsonb, 0, 'en', ${at === null ? null : `2026-03-01T10:00:${at}Z`}::timestamptz, now(), now())`,
      );
    const order: number[] = [];
    const stamps: (string | null)[] = [];
    for await (const page of pageResponseRows(t.deps.db, t.site.id, c.id, 2))
      for (const r of page) {
        order.push(r.answers.n as number);
        stamps.push(r.submittedAt);
      }
    expect(order).toEqual([1, 3, 2, 0, 4, 5, 6]);
    expect(stamps).toEqual([...Array(5).fill('2026-03-01T10:00:00.000Z'), null, null]);
    // Grouped by answer and channel, each group where its first response comes.
    const groups = await countAnswerGroups(t.deps.db, t.site.id, c.id, ['g'], { inSubmissionOrder: true });
    expect(groups).toEqual([
      { answers: { g: 'a' }, count: 1, channel: 'paper' },
      { answers: { g: 'b' }, count: 2, channel: 'paper' },
      { answers: { g: 'a' }, count: 2, channel: 'online' },
      { answers: { g: 'b' }, count: 2, channel: 'online' },
    ]);
  });
});
