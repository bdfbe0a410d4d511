// Page tests run the whole server with the built pages (`npm test` builds them first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { seedResultsFixture } from '../test-helpers.js';

describe.each(testDatabases())('consultation results pages on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  const base = '/consultations/eu-trust';
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedResultsFixture(t);
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('keeps unpublished results from visitors and shows staff the live figures and a cross-tab', async () => {
    expect((await createClient(t).get(`${base}/results`)).status).toBe(404);
    expect((await createClient(t).get(`${base}/admin/results`)).status).toBe(302);
    const html = await (await editor.get(`${base}/admin/results?question=trust&by=gender`)).text();
    expect(html).toContain('6 responses counted.');
    expect(html).toContain('50.0% (±22.4)');
    expect(html).toContain('3 (75.0%, lift 1.50)');
    expect(html).toContain('Chi-square');
  });

  it('names a bad margin by its label and keeps the text; weights once margins are right; publishes', async () => {
    const bad = await editor.form(`${base}/admin/results`, {
      intent: 'margins',
      margins: 'question,category,population\ngender,f,0.5\ngender,m,0.4',
      source: '',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Population figures (CSV)');
    expect(html).toContain('The shares add up to 0.9, not 1');
    expect(html).toContain('gender,m,0.4');
    const good = await editor.form(`${base}/admin/results`, {
      intent: 'margins',
      margins: 'question,category,population\ngender,f,0.5\ngender,m,0.5',
      source: 'Census 2021',
    });
    expect(good.status).toBe(302);
    expect((await editor.form(`${base}/admin/results`, { intent: 'weighting', method: 'poststratify', questions: 'gender' })).status).toBe(302);
    expect((await editor.form(`${base}/admin/results`, { intent: 'publication', published: 'on', questions: 'trust' })).status).toBe(302);
    const reader = createClient(t);
    reader.jar.set('polity_locale', 'uk');
    const pub = await (await reader.get(`${base}/results`)).text();
    expect(pub).toContain('Зважена частка');
    expect(pub).toContain('37,5 %');
    expect(pub).not.toContain('Score');
  });

  it('offers results by group in a plain form, and withholds a small group’s figures from the public only', async () => {
    const reader = createClient(t);
    // Visitors group by published questions only.
    expect(await (await reader.get(`${base}/results`)).text()).not.toContain('<optgroup label="Gender">');
    const publish = new URLSearchParams([
      ['intent', 'publication'],
      ['published', 'on'],
      ['questions', 'gender'],
      ['questions', 'trust'],
    ]);
    expect(
      (
        await editor.request(`${base}/admin/results`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `${publish}&_csrf=${editor.csrf}`,
        })
      ).status,
    ).toBe(302);
    const everyone = await (await reader.get(`${base}/results`)).text();
    expect(everyone).toContain('<form class="results-group" method="get">');
    expect(everyone).toContain('Show results for');
    expect(everyone).toContain('<option value="" selected="">Everyone</option>');
    expect(everyone).toContain('<optgroup label="Gender">');
    expect(everyone).toContain('value="gender:f"');
    // Four women: fewer than 10, so the public sees no figures for them, nor how many they are; staff see them flagged.
    const small = await (await reader.get(`${base}/results?group=gender:f`)).text();
    expect(small).not.toContain('Figures for the 4 people');
    expect(small).toContain('Fewer than 10 people are in this group, so its figures are not shown');
    expect(small).not.toContain('Do you trust the EU?</h2>');
    expect(small).toMatch(/<option value="gender:f" selected="">Woman<\/option>/);
    const staff = await (await editor.get(`${base}/results?group=gender:f`)).text();
    expect(staff).toContain('Figures for the 4 people who answered “Woman” to “Gender”.');
    expect(staff).toContain('the public does not see these figures');
    expect(staff).toContain('Do you trust the EU?</h2>');
    // Three of the four women trust the EU: 75 %, SE sqrt(6/5 · Σ(y - 3/4)²) / 4 = 23.7 points over
    // all six respondents (the four women alone would give sqrt(4/3 · 3/4) / 4 = 25.0).
    expect(staff).toContain('75.0% (±23.7)');
    expect(staff).not.toContain('(±25.0)');
    const unknown = await reader.get(`${base}/results?group=why:x`);
    expect(unknown.status).toBe(200);
    const html = await unknown.text();
    expect(html).toContain('Choose one of the groups listed. Everyone’s results are shown.');
    expect(html).toContain('aria-invalid="true"');
  });
});
