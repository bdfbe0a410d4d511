import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPageHandler, SERVER_BUILD } from '../../../server/pages.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DURING, processBody, setUpVotingProcess, staffClient } from '../test-helpers.js';

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

  it('names refused fields of the staff pages and the voting-code look-up by their labels, in the reader’s language', async () => {
    const words = {
      en: {
        count: 'How many codes: Enter a whole number from 1 to 5,000',
        csv: 'Codes (CSV): Line 2: a code has 6 to 40 letters and digits; found “ab”',
        reason: 'Public reason (required when set aside): Give a public reason (at least 5 characters) when a project is set aside',
        sheet: 'This sheet is already entered Sheet number',
        code: 'Voting code: Fill this in',
        badCode: 'This voting code is not valid for this process',
      },
      uk: {
        count: 'Скільки кодів: Введіть ціле число від 1 до 5 000',
        csv: 'Коди (CSV): Рядок 2: код має містити від 6 до 40 літер і цифр; знайдено «ab»',
        reason: 'Публічна причина (обов’язкова при відхиленні): Укажіть публічну причину (щонайменше 5 символів), коли проєкт відхилено',
        sheet: 'Цей аркуш уже внесено Номер аркуша',
        code: 'Код для голосування: Заповніть це поле',
        badCode: 'Цей код недійсний для цього процесу',
      },
    };
    const { editor, staff } = await setUpVotingProcess(t, 'staffwords', [{ title: 'Benches', cost: '5000' }]);
    // Review is still open in the review phase: a project set aside without a reason.
    t.clock.set(DURING.review);
    for (const [locale, w] of Object.entries(words)) {
      editor.jar.set('polity_locale', locale);
      staff.jar.set('polity_locale', locale);
      const count = await editor.form('/budgeting/staffwords/admin/codes', { intent: 'generate', count: 'lots' });
      expect(count.status).toBe(400);
      const countHtml = await count.text();
      expect(summaryOf(countHtml).replace(/\u00a0|\u202f/g, ' ')).toContain(w.count.replace(/\u00a0|\u202f/g, ' '));
      expect(countHtml).not.toContain('a whole number from 1 to 5000');
      const csv = await editor.form('/budgeting/staffwords/admin/codes', { intent: 'import', csv: 'code\nab\n', importBatch: 'door-to-door' });
      const csvHtml = await csv.text();
      expect(summaryOf(csvHtml)).toContain(w.csv);
      // What was typed or pasted comes back with the refusal.
      expect(csvHtml).toMatch(/<textarea[^>]*name="csv"[^>]*>code\nab\n?<\/textarea>/);
      expect(csvHtml).toMatch(/name="importBatch"[^>]*value="door-to-door"|value="door-to-door"[^>]*name="importBatch"/);
      expect(countHtml).toMatch(/name="count"[^>]*value="lots"|value="lots"[^>]*name="count"/);
      const review = await staff.form('/budgeting/staffwords/admin', { intent: 'review', code: '1', status: 'set-aside', reason: '' });
      expect(review.status).toBe(400);
      const reviewHtml = await review.text();
      expect(summaryOf(reviewHtml)).toContain(w.reason);
      // The error sits next to the field of the refused project's form, which the summary links to.
      expect(reviewHtml).toMatch(/<textarea id="field-reason"[^>]*aria-invalid="true"/);
    }
    // The process form: a bad district line and a phase ending before it starts, by label and line.
    const form: Record<string, string> = {
      slug: 'formwords',
      title: 'Form words',
      rule: 'greedy',
      ballotType: 'approval',
      districts: 'all | Town | lots',
    };
    for (const [name, phase] of Object.entries(processBody('x').phases)) {
      form[`phase.${name}.start`] = phase.start.slice(0, 10);
      form[`phase.${name}.end`] = phase.end.slice(0, 10);
    }
    form['phase.review.end'] = form['phase.review.start'];
    editor.jar.set('polity_locale', 'uk');
    const refused = await editor.form('/budgeting/admin/processes/new', form);
    expect(refused.status).toBe(400);
    const refusedText = summaryOf(await refused.text());
    expect(refusedText).toContain('Райони та бюджети: рядок 1: Введіть суму, наприклад 1200 або 99,50');
    expect(refusedText).not.toContain('districts.0.budget');
    const order = await editor.form('/budgeting/admin/processes/new', { ...form, districts: 'all | Town | 9000' });
    expect(summaryOf(await order.text())).toContain('Перевірка: закінчується: Має бути пізніше за початок етапу');
    t.clock.set(DURING.voting);
    expect(
      (await staff.form('/budgeting/staffwords/admin/paper?district=north', { intent: 'enter', reference: 'S-1', district: 'north', project: '1' }))
        .status,
    ).toBe(302);
    for (const [locale, w] of Object.entries(words)) {
      const other = await staffClient(t);
      other.jar.set('polity_locale', locale);
      const again = await other.form('/budgeting/staffwords/admin/paper?district=north', {
        intent: 'enter',
        reference: 'S-1',
        district: 'north',
        project: '1',
      });
      expect(again.status).toBe(409);
      const html = await again.text();
      expect(summaryOf(html)).toContain(w.sheet);
      expect(html).not.toContain('is already entered.');
      const visitor = createClient(t);
      visitor.jar.set('polity_locale', locale);
      const empty = await visitor.form('/budgeting/staffwords/my-ballot', { code: '' });
      expect(empty.status).toBe(400);
      expect(summaryOf(await empty.text())).toContain(w.code);
      const wrong = await visitor.form('/budgeting/staffwords/my-ballot', { code: 'WRONG-CODE1' });
      expect(wrong.status).toBe(400);
      const wrongHtml = await wrong.text();
      expect(summaryOf(wrongHtml)).toContain(w.badCode);
      expect(wrongHtml).not.toContain('This voting code is not valid.');
    }
  });
});
