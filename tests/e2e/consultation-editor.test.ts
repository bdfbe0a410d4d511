import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/modules/accounts/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, signIn, startPolity, VIEWPORTS, type Polity } from './harness.js';

const id = (value: string) => `[id="${value}"]`;

/** Fills the editor's form for a new item of `type`, placed at the end, and saves it. */
async function addItem(page: Page, base: string, type: string, fields: Record<string, string>, checks: string[] = []) {
  await page.goto(base);
  await page.locator(id('field-add')).selectOption(type);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForURL(/add=/);
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(id(`field-${name}`));
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  for (const name of checks) await page.locator(id(`field-${name}`)).check();
  await page.getByRole('button', { name: 'Save the item' }).click();
  await page.waitForURL(/saved=replaced/);
}

describe.each(VIEWPORTS)('questionnaire editor in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('an editor builds a survey in two languages with a condition and a ranking, and a respondent answers it in Ukrainian', async () => {
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const password = 'a long enough passphrase';
    const email = `olena-${viewport.width}@example.org`;
    const u = await createUser(p.deps, site!.id, { email, name: 'Olena', password, confirmed: true });
    await grantRole(p.deps, site!.id, { userId: u.id, role: 'editor', agencyId: null });
    const page = await p.newPage();
    await signIn(p, page, email, password);

    // A new consultation, open now, anonymous.
    const slug = `mobility-${viewport.width}`;
    await page.goto(`${p.url}/consultations/admin/new?lang=en`);
    await page.locator(id('field-slug')).fill(slug);
    await page.locator(id('field-title')).fill('Getting around town');
    await page.locator(id('field-description')).fill('How do you travel, and what should change?');
    await page.locator(id('field-status')).selectOption('open');
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/consultations/${slug}/admin`));
    await page.getByRole('link', { name: 'Edit the questionnaire' }).click();
    const base = `${p.url}/consultations/${slug}/admin/questionnaire`;
    await page.waitForURL(base);
    await expectAccessible(page, 'empty editor');

    await addItem(page, base, 'single_choice', { id: 'cycle', label: 'Do you cycle in town?', options: 'yes | Yes\nno | No' }, ['required']);
    await addItem(page, base, 'ranking', {
      id: 'fix_first',
      label: 'What should the town fix first?',
      options: 'lanes | Cycle lanes\nbuses | More buses\npavements | Wider pavements',
      top: '2',
    });
    await addItem(page, base, 'page_break', { id: 'p_why', label: 'Why not' });
    // A wrong condition first: the value is not an option of the question it looks at.
    await page.goto(base);
    await page.locator(id('field-add')).selectOption('long_text');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator(id('field-id')).fill('why_not');
    await page.locator(id('field-label')).fill('What keeps you from cycling?');
    await page.locator(id('field-rule.0.question')).selectOption('cycle');
    await page.locator(id('field-rule.0.op')).selectOption('equals');
    await page.locator(id('field-rule.0.value')).fill('never');
    await page.getByRole('button', { name: 'Save the item' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Rule 1: Value');
    await expectAccessible(page, 'refused condition');
    expect(await page.locator(id('field-label')).inputValue()).toBe('What keeps you from cycling?');
    await page.locator(id('field-rule.0.value')).fill('no');
    await page.getByRole('button', { name: 'Save the item' }).click();
    await page.waitForURL(/saved=replaced/);
    const list = page.locator('#items');
    expect(await list.textContent()).toContain('Shown when all of these hold: “Do you cycle in town?” equals no');
    expect(await list.textContent()).toContain('Not yet written in: Español, Français, Português, Українська');
    await expectAccessible(page, 'editor with four items');

    // The same items in Ukrainian, with the English beside each field.
    await page.getByRole('link', { name: 'Write in Українська' }).click();
    for (const [item, label, options] of [
      ['cycle', 'Чи їздите ви містом на велосипеді?', 'yes | Так\nno | Ні'],
      ['fix_first', 'Що місто має виправити насамперед?', 'lanes | Велодоріжки\nbuses | Більше автобусів\npavements | Ширші тротуари'],
      ['p_why', 'Чому ні', null],
      ['why_not', 'Що заважає вам їздити на велосипеді?', null],
    ] as const) {
      await page.goto(`${base}?edit=${item}`);
      expect(await page.locator('main').textContent()).toContain('English:');
      await page.locator(id('field-label')).fill(label);
      if (options) await page.locator(id('field-options')).fill(options);
      await page.locator('main form[method="post"] button[type="submit"]').click();
      await page.waitForURL(/saved=replaced/);
    }
    expect(await page.locator('#items').textContent()).toContain('Ще не написано мовами: Español, Français, Português');
    await expectAccessible(page, 'editor in Ukrainian');

    await page.getByRole('link', { name: 'Попередній перегляд: Українська' }).click();
    await page.waitForURL(/preview\?lang=uk/);
    const preview = await page.locator('main').textContent();
    expect(preview).toContain('Що місто має виправити насамперед?');
    expect(preview).toContain('Ширші тротуари');
    expect(preview).toContain('Що заважає вам їздити на велосипеді?');
    await expectAccessible(page, 'preview in Ukrainian');

    // A respondent reads it in Ukrainian; answering "no" brings the conditional page.
    const respondent = await p.newPage();
    await respondent.goto(`${p.url}/consultations/${slug}/survey?lang=uk`);
    expect(await respondent.locator('main').textContent()).toContain('Чи їздите ви містом на велосипеді?');
    await respondent.locator(id('field-q_cycle-no')).check();
    await respondent.locator(id('field-q_fix_first.rank.buses')).selectOption('1');
    await respondent.locator(id('field-q_fix_first.rank.lanes')).selectOption('2');
    // Page 1 looked like the last page; the answer "no" brings the conditional page before anything is sent.
    await respondent.locator('button[value="submit"]').click();
    await expect.poll(() => respondent.locator('main').textContent()).toContain('Що заважає вам їздити на велосипеді?');
    await expectAccessible(respondent, 'conditional page in Ukrainian');
    await respondent.locator(id('field-q_why_not')).fill('Немає безпечних доріжок');
    await respondent.locator('button[value="submit"]').click();
    await respondent.waitForURL(/sent=1/);
    await page.goto(`${base}?lang=en`);
    expect(await page.locator('main').textContent()).toContain('1 response given for it');
  });
});
