import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/modules/accounts/index.js';
import { readFile } from 'node:fs/promises';
import { DEMO_CONSULTATION } from '../../src/modules/consultations/index.js';
import { saveConsultation } from '../../src/modules/consultations/commands/save-consultation.js';
import { saveQuestionnaire } from '../../src/modules/consultations/commands/save-questionnaire.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, signIn, startPolity, VIEWPORTS, type Polity } from './harness.js';

const STAFF = `/consultations/${DEMO_CONSULTATION}/admin/results`;
const PUBLIC = `/consultations/${DEMO_CONSULTATION}/results`;
const GENDER = 'What is your gender?';
const TRUST = 'How much do you trust the European Union?';
const VIEWS = 'Do you agree with these statements?';

/** The text of the page's main region. */
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** The data table labelled `label` (each sits in a scrolling region named after it). */
const tableOf = (page: Page | ReturnType<Page['locator']>, label: string) =>
  page.getByRole('region', { name: `${label} (table)`, exact: true }).locator('table');

/** Submits a form by its button, by keyboard: focus the button and press Enter. */
async function press(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe.each(VIEWPORTS)('consultation results in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('the editor publishes weighted results with a cross-tab', async () => {
    // The demo consultation has 480 responses; an editor of the site signs in.
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const email = `results-${viewport.name}@example.org`;
    const password = 'a long enough passphrase';
    const u = await createUser(p.deps, site!.id, { email, name: 'Rita Results', password, confirmed: true });
    await grantRole(p.deps, site!.id, { userId: u.id, role: 'editor', agencyId: null });
    const editor = await p.newPage();
    await signIn(p, editor, email, password);
    await editor.goto(`${p.url}${STAFF}`);
    expect(await editor.locator('h1').textContent()).toContain('(staff)');
    expect(await main(editor)).toContain('480 responses counted.');
    await expectAccessible(editor, 'staff results');

    // The form of figures: the gender question has none yet; one left blank is refused by its label.
    const genderFigures = editor.locator('#margins-form').getByRole('group', { name: GENDER });
    expect(await genderFigures.getByLabel('Woman', { exact: true }).inputValue()).toBe('');
    await genderFigures.getByLabel('Woman', { exact: true }).fill('0.51');
    await genderFigures.getByLabel('Man', { exact: true }).fill('0.47');
    await press(editor, 'Save population figures');
    const summary = editor.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`${GENDER}: I prefer not to say`);
    await expectAccessible(editor, 'refused figures');
    // What was typed is still there.
    expect(await genderFigures.getByLabel('Woman', { exact: true }).inputValue()).toBe('0.51');
    await genderFigures.getByLabel('I prefer not to say').fill('0.02');
    await press(editor, 'Save population figures');
    await editor.waitForURL(/saved=margins-form/);
    expect(await editor.getByRole('status').textContent()).toBe('Saved.');
    // Respondents beside the population on gender now.
    const genderGap = tableOf(editor, `${GENDER}: respondents and population`);
    expect(await genderGap.locator('tbody tr').count()).toBe(3);
    expect(await genderGap.textContent()).toContain('51.0 %');

    // The CSV path: shares that do not add up are refused, naming the field; then corrected.
    const csv = editor.getByLabel('Population figures (CSV)');
    const saved = await csv.inputValue();
    expect(saved).toContain('gender,woman,0.51');
    await csv.fill(saved.replace('gender,no_say,0.02', 'gender,no_say,0.5'));
    await press(editor, 'Save the figures of the CSV');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Population figures (CSV)');
    expect(await summary.textContent()).toContain('1.48');
    await expectAccessible(editor, 'refused CSV');
    await editor
      .getByLabel('Population figures (CSV)')
      .fill(saved.replace('gender,woman,0.51', 'gender,woman,0.5').replace('gender,man,0.47', 'gender,man,0.48'));
    await press(editor, 'Save the figures of the CSV');
    await editor.waitForURL(/saved=margins#margins$/);
    expect(await editor.getByLabel('Population figures (CSV)').inputValue()).toContain('gender,man,0.48');
    expect(await editor.locator('#margins-form').getByRole('group', { name: GENDER }).getByLabel('Man', { exact: true }).inputValue()).toBe('0.48');

    // Post-stratification on gender alone.
    await editor.getByLabel('Method').selectOption({ label: 'Post-stratification' });
    const weightOn = editor.getByRole('group', { name: 'Weight on these questions' });
    for (const q of ['How old are you?', 'Where do you live?', 'What is the highest level of education you have completed?'])
      await weightOn.getByLabel(q).uncheck();
    await weightOn.getByLabel(GENDER).check();
    await press(editor, 'Save weighting');
    await editor.waitForURL(/saved=weighting/);
    expect(await editor.getByLabel('Method').inputValue()).toBe('poststratify');
    expect(await editor.locator('[role="alert"]').count()).toBe(0);
    // Weighted beside unweighted, each with its standard error; weighting moves the figures.
    const live = tableOf(editor, TRUST).first();
    expect(await live.locator('thead').textContent()).toContain('Weighted share (± standard error)');
    const cells = await live.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toHaveLength(3);
    expect(cells[1]).toMatch(/^\d+\.\d% \(±\d+\.\d\)$/);
    expect(cells[2]).toMatch(/^\d+\.\d% \(±\d+\.\d\)$/);
    const allCells = await editor.locator('section.result table tbody td').allTextContents();
    const pairs = allCells.filter((_, i) => i % 3 !== 0);
    expect(pairs.some((c, i) => i % 2 === 0 && c !== pairs[i + 1])).toBe(true);
    await expectAccessible(editor, 'weighted live figures');

    // A cross-tab of trust by education, weighted.
    const crosstab = editor.locator('#crosstab');
    await crosstab.getByLabel('Question', { exact: true }).selectOption({ label: TRUST });
    await crosstab.getByLabel('By demographic question').selectOption({ label: 'What is the highest level of education you have completed?' });
    await crosstab.getByLabel('Weighted').check();
    await press(editor, 'Show the table');
    await editor.waitForURL(/question=trust&by=edu&weighted=on#crosstab$/);
    const table = tableOf(crosstab, 'Cross-tabulation');
    const header = await table.locator('thead th').allTextContents();
    expect(header).toContain('Secondary school');
    const body = (await table.locator('tbody').textContent()) ?? '';
    expect(body).toMatch(/\d+\.\d \(\d+\.\d%, lift \d+\.\d\d\)/);
    expect(body).toContain('(small)');
    expect(await crosstab.textContent()).toMatch(/Chi-square \d+\.\d\d with \d+ degrees of freedom, p = \d\.\d{4}/);
    await expectAccessible(editor, 'cross-tab');

    // Publication: trust and topics, not the statements.
    const published = editor.getByRole('group', { name: 'Questions whose results are published' });
    await published.getByLabel(TRUST).check();
    await published.getByLabel(VIEWS).uncheck();
    await editor.getByLabel('Publish the results').focus();
    if (!(await editor.getByLabel('Publish the results').isChecked())) await editor.keyboard.press('Space');
    await press(editor, 'Save publication');
    await editor.waitForURL(/saved=publication/);
    expect(await published.getByLabel(VIEWS).isChecked()).toBe(false);
    expect(await published.getByLabel(TRUST).isChecked()).toBe(true);
    await editor.getByRole('link', { name: 'Public results page' }).click();
    await editor.waitForURL(`${p.url}${PUBLIC}`);

    // An anonymous visitor sees the weighted results of the published questions only.
    const visitor = await p.newPage();
    await visitor.goto(`${p.url}${PUBLIC}`);
    const text = await main(visitor);
    expect(text).toContain('weighted to the population by post-stratification');
    expect(text).toContain(TRUST);
    expect(text).toContain('Which topics matter most to you?');
    expect(text).not.toContain(VIEWS);
    expect(text).not.toContain('Did you go to a consultation event?');
    expect(await visitor.getByRole('figure', { name: TRUST }).locator('li').count()).toBeGreaterThan(3);
    const shown = tableOf(visitor, TRUST);
    expect(await shown.locator('thead').textContent()).toContain('Weighted share (± standard error)');
    // The chart draws the weighted shares the table gives.
    const firstWeighted = (await shown.locator('tbody tr').first().locator('td').nth(2).textContent()) ?? '';
    const firstBar = (await visitor.getByRole('figure', { name: TRUST }).locator('.bar-chart-value').first().textContent()) ?? '';
    expect(firstWeighted.startsWith(firstBar.replace(' %', '%'))).toBe(true);
    expect(text).toContain(`${GENDER}`);
    await expectAccessible(visitor, 'public results');
    // Staff pages stay staff's.
    await visitor.goto(`${p.url}${STAFF}`);
    expect(new URL(visitor.url()).pathname).toBe('/sign-in');
  });

  it('the editor makes invitation codes, downloads them, sees one used and revokes the rest', async () => {
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const slug = `panel-${viewport.name}`;
    const c = await saveConsultation(p.deps, site!.id, {
      slug,
      title: { en: 'Citizens’ panel' },
      description: { en: 'By invitation.' },
      status: 'open',
      participation: 'invitation',
    });
    await saveQuestionnaire(p.deps, c, [{ id: 'ok', type: 'short_text', required: true, label: { en: 'All well?' } }]);
    const email = `codes-${viewport.name}@example.org`;
    const password = 'a long enough passphrase';
    const u = await createUser(p.deps, site!.id, { email, name: 'Cody Codes', password, confirmed: true });
    await grantRole(p.deps, site!.id, { userId: u.id, role: 'editor', agencyId: null });
    const editor = await p.newPage();
    await signIn(p, editor, email, password);
    await editor.goto(`${p.url}/consultations/${slug}/admin/results`);
    await editor.getByRole('link', { name: 'Invitation codes' }).click();
    await editor.waitForURL(`${p.url}/consultations/${slug}/admin/invitations`);
    expect(await main(editor)).toContain('No codes have been made yet.');
    await expectAccessible(editor, 'invitations, none yet');

    await editor.getByLabel(/^Number of codes/).fill('three');
    await press(editor, 'Make the codes');
    await editor.locator('.error-summary').waitFor();
    expect(await editor.locator('.error-summary').textContent()).toContain('Number of codes: Enter a whole number from 1 to 1,000');
    await expectAccessible(editor, 'refused invitations');
    await editor.getByLabel(/^Number of codes/).fill('3');
    await editor.getByLabel('Label', { exact: true }).fill('Schools in the north');
    await press(editor, 'Make the codes');
    await editor.getByRole('heading', { name: '3 codes made' }).waitFor();
    const codes = await editor.locator('main table code').allTextContents();
    expect(codes).toHaveLength(3);
    await expectAccessible(editor, 'codes made');

    const [download] = await Promise.all([editor.waitForEvent('download'), editor.getByRole('link', { name: 'Download the codes as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`${slug}-invitations.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const link = (code: string) => `${p.url}/consultations/${slug}/survey?code=${code}`;
    expect(csv.trim().split('\r\n')).toEqual(['code,link,label', ...codes.map((code) => `${code},${link(code)},Schools in the north`)]);

    // A respondent answers with the first code.
    const respondent = await p.newPage();
    await respondent.goto(link(codes[0]));
    await respondent.getByLabel('Invitation code').fill(codes[0]);
    await respondent.getByLabel(/^All well\?/).fill('Yes, thank you');
    await respondent.locator('button[value="submit"]').click();
    await respondent.waitForURL(/sent=1/);

    // The batch shows one used; its two unused codes are revoked.
    await editor.goto(`${p.url}/consultations/${slug}/admin/invitations`);
    const row = tableOf(editor, 'Batches of codes').locator('tbody tr').first();
    expect(await row.locator('th').textContent()).toBe('Schools in the north');
    expect((await row.locator('td').allTextContents()).slice(1, 3)).toEqual(['3', '1']);
    await expectAccessible(editor, 'batches');
    await press(editor, 'Revoke the unused codes of Schools in the north');
    await editor.waitForURL(/revoked=2#batches$/);
    expect(await editor.getByRole('status').textContent()).toBe('2 unused codes revoked.');
    expect(await editor.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    await expectAccessible(editor, 'batch revoked');
  });
});
