import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSULTATION } from '../../src/modules/consultations/index.js';
import { expectAccessible, signIn, startPolity, VIEWPORTS, type Polity } from './harness.js';

/**
 * An editor replaces the demo consultation's questionnaire with a real LimeSurvey structure from
 * the staff page, in a browser at both widths: the form posts without script, and the page lists
 * the items made and what of the file was not carried over.
 */
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const FILE = path.join(datasets, 'surveys', 'limesurvey', 'ls5_sample_survey_multilingual_fr_de_en_it.lss');

describe.each(VIEWPORTS)('LimeSurvey import page in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('an editor uploads a .lss file and reads what was imported and what was not', async () => {
    expect(existsSync(FILE), `the LimeSurvey file ${FILE} (set POLITY_DATASETS)`).toBe(true);
    const page = await p.newPage();
    await signIn(p, page, 'admin@demo.polity.localhost', 'polity-demo-admin');
    await page.goto(`${p.url}/consultations/${DEMO_CONSULTATION}/admin`);
    await page.getByRole('link', { name: 'Import the questionnaire from a LimeSurvey file' }).click();
    await page.waitForURL(/\/admin\/import-lss$/);
    await expectAccessible(page, 'import page');
    await page.getByLabel('LimeSurvey file (.lss)').setInputFiles(FILE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    // The demo consultation has responses: the import becomes a new version.
    await expect.poll(() => page.locator('[role="status"]').textContent()).toMatch(/^Imported as a new version \(2\), with \d+ items/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Languages carried over: en, fr');
    expect(main).toContain('This type of question has no counterpart here');
    expect(main).toContain('question I (type "I")');
    expect(main).toContain('Only the first of the two answer scales is kept');
    await expectAccessible(page, 'import page with its result');
    await page.context().close();
  });
});
