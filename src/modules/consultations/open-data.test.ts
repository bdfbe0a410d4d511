import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvTable } from '../../kernel/csv.js';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { saveConsultation } from './commands/save-consultation.js';
import { consultations } from './store/tables.js';
import { seedResultsFixture } from './test-helpers.js';

describe.each(testDatabases())('open data of consultation results on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  const base = '/consultations/eu-trust';
  const openJson = async () => (await createClient(t).get('/consultations/open-data/results.json')).json();
  beforeAll(async () => {
    // The /open-data page is a built page (`npm run build`).
    t = await createTestContext(kind, { pages: await builtPages() });
    await seedResultsFixture(t);
    editor = await signedInClient(t, 'editor');
    // A draft whose results were marked published never shows.
    const draft = await saveConsultation(t.deps, t.site.id, {
      slug: 'draft-one',
      title: { en: 'Draft' },
      description: { en: 'Not yet.' },
      status: 'draft',
    });
    await t.deps.db
      .update(consultations)
      .set({ resultsPublished: true, publishedQuestions: ['x'] })
      .where(eq(consultations.id, draft.id));
  });
  afterAll(() => t.close());

  it('is listed on the open-data page with its licence', async () => {
    const html = await (await createClient(t).get('/open-data')).text();
    expect(html).toContain('href="/consultations/open-data/results.json"');
    expect(html).toContain('href="/consultations/open-data/results.csv"');
    expect(html).toContain('Published consultation results (CSV)');
    const reader = createClient(t);
    reader.jar.set('polity_locale', 'uk');
    expect(await (await reader.get('/open-data')).text()).toContain('Опубліковані результати консультацій (JSON)');
  });

  it('holds nothing while no results are published, only the chosen questions once they are', async () => {
    const none = await openJson();
    expect(none.licence).toBe('CC BY 4.0');
    expect(none.consultations).toEqual([]);
    const emptyCsv = await (await createClient(t).get('/consultations/open-data/results.csv')).text();
    expect(readCsvTable(emptyCsv).rows).toEqual([]);
    // Published questions chosen but the results withdrawn: still nothing.
    expect((await editor.api('PUT', `${base}/publication`, { published: false, questions: ['trust'] })).status).toBe(200);
    expect((await openJson()).consultations).toEqual([]);
    expect((await editor.api('PUT', `${base}/publication`, { published: true, questions: ['trust', 'score'] })).status).toBe(200);
    const data = await openJson();
    expect(data.consultations.map((c: { slug: string }) => c.slug)).toEqual(['eu-trust']);
    const [c] = data.consultations;
    expect(c.respondents).toBe(6);
    expect(c.questions.map((q: { question: string }) => q.question)).toEqual(['trust', 'score']);
    const yes = c.questions[0].shares[0];
    expect(yes).toMatchObject({ value: 'yes', label: { en: 'Yes' }, count: 3, weighted: null });
    expect(yes.share.estimate).toBeCloseTo(0.5, 12);
    expect(yes.share.se).toBeCloseTo(Math.sqrt(0.05), 12);
    expect(JSON.stringify(data)).not.toContain('Peace');
  });

  it('gives the weighted and unweighted figures the results page and API give, in JSON and CSV', async () => {
    expect((await editor.api('PUT', `${base}/margins`, { margins: { gender: { f: 5000, m: 5000 } }, source: 'census' })).status).toBe(200);
    expect((await editor.api('PUT', `${base}/weighting`, { method: 'poststratify', questions: ['gender'] })).status).toBe(200);
    const api = await (await createClient(t).api('GET', `${base}/results`)).json();
    const [c] = (await openJson()).consultations;
    expect(c.weighting).toEqual({ method: 'poststratify', questions: ['gender'], populationSource: 'census' });
    const yes = c.questions[0].shares[0];
    expect(yes.weighted.estimate).toBeCloseTo(0.375, 12);
    expect(yes.weighted).toEqual(api.questions[0].shares[0].weighted);
    expect(yes.share).toEqual(api.questions[0].shares[0].share);
    expect(c.questions[1].mean).toEqual(api.questions[1].mean);
    expect(c.representativeness[0].rows[0]).toMatchObject({ value: 'f', respondents: 4, populationShare: 0.5 });

    const res = await createClient(t).get('/consultations/open-data/results.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('link')).toContain('creativecommons.org/licenses/by/4.0');
    const table = readCsvTable(await res.text());
    expect(table.columns).toContain('question_label_uk');
    const trust = table.rows.filter((r) => r.cells.question === 'trust');
    expect(trust.map((r) => r.cells.value)).toEqual(['yes', 'no']);
    expect(Number(trust[0].cells.estimate)).toBe(yes.share.estimate);
    expect(Number(trust[0].cells.weighted_se)).toBe(yes.weighted.se);
    expect(trust[0].cells).toMatchObject({
      consultation: 'eu-trust',
      weighting: 'poststratify',
      statistic: 'share',
      value_label_en: 'Yes',
      licence: 'CC BY 4.0',
    });
    const mean = table.rows.find((r) => r.cells.question === 'score' && r.cells.statistic === 'mean');
    expect(Number(mean?.cells.weighted_estimate)).toBe(c.questions[1].mean.weighted.estimate);
    expect(table.rows.some((r) => ['why', 'gender'].includes(r.cells.question))).toBe(false);
  });
});
