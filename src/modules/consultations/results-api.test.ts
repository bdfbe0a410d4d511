import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { seedResultsFixture } from './test-helpers.js';

describe.each(testDatabases())('consultation results on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  const base = '/consultations/eu-trust';
  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedResultsFixture(t);
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
});
