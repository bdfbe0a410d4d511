import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPageHandler, SERVER_BUILD } from '../../../server/pages.js';
import { createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DURING, processBody, setUpVotingProcess } from '../test-helpers.js';

/** Money as the reader's locale writes it, computed here from Intl itself, not from the page's helper. */
const money = (amount: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(amount);

/** The text of a page's error summary (the part that names fields), without tags. */
function summaryOf(html: string): string {
  const m = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!m) throw new Error('no error summary on the page');
  return m[1].replace(/<[^>]+>/g, ' ').replace(/[ \t\n]+/g, ' ');
}

// Errors on budgeting pages name fields by their labels, in the page's language, with money formatted.
describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('budgeting error wording on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await loadPageHandler();
    t = await createTestContext(kind, { pages: pages ?? undefined });
  });
  afterAll(() => t.close());

  const cases = [
    { locale: 'en', title: 'Title', cost: 'Estimated cost (UAH)', required: 'Fill this in', tooShort: 'Use at least 3 characters' },
    { locale: 'uk', title: 'Назва', cost: 'Орієнтовна вартість (UAH)', required: 'Заповніть це поле', tooShort: 'Щонайменше 3 символи' },
  ];

  it('names each refused field of a proposal by its label, and the district budget in the process currency', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    expect((await editor.api('POST', '/budgeting/processes', processBody('words', { currency: 'UAH' }))).status).toBe(201);
    for (const c of cases) {
      const resident = await signedInClient(t, null);
      resident.jar.set('polity_locale', c.locale);
      const bad = await resident.form('/budgeting/words/propose', { title: 'ab', description: '', district: 'north', cost: '100' });
      expect(bad.status).toBe(400);
      const text = summaryOf(await bad.text());
      expect(text).toContain(`${c.title}: ${c.tooShort}`);
      expect(text).toContain(c.required);
      for (const raw of ['title:', 'description:', 'error.field', 'Too small', 'expected string']) expect(text).not.toContain(raw);

      const over = await resident.form('/budgeting/words/propose', {
        title: 'Benches on the square',
        description: 'Twelve benches around the square, in the shade.',
        district: 'north',
        cost: '360000',
      });
      expect(over.status).toBe(400);
      const html = await over.text();
      const summary = summaryOf(html);
      expect(summary).toContain(c.cost);
      expect(summary).toContain(money(100000, 'UAH', c.locale));
      expect(summary).not.toContain('100000');
      expect(summary).not.toContain('cost:');
      // The same words next to the field itself.
      expect(html).toMatch(new RegExp(`<p class="error"[^>]*>[^<]*${money(100000, 'UAH', c.locale).replace(/[.$]/g, '\\$&')}`));
    }
  });

  it('says a ballot over the budget with both amounts formatted for the locale', async () => {
    await setUpVotingProcess(
      t,
      'over',
      [
        { title: 'Shade trees', cost: '60000' },
        { title: 'Playground', cost: '70000' },
      ],
      { currency: 'EUR' },
    );
    for (const c of cases) {
      const voter = await signedInClient(t, null);
      voter.jar.set('polity_locale', c.locale);
      const res = await voter.request('/budgeting/over/vote?district=north', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(voter.csrf)}&district=north&project=1&project=2`,
      });
      expect(res.status).toBe(400);
      const text = summaryOf(await res.text());
      expect(text).toContain(money(130000, 'EUR', c.locale));
      expect(text).toContain(money(100000, 'EUR', c.locale));
      expect(text).not.toContain('130000');
      expect(text).not.toContain('choices:');
      if (c.locale === 'uk') expect(text).toContain('Вибрані проєкти коштують');
    }
  });
});
