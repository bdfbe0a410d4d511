import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSULTATION, findConsultationBySlug, listConsultationContributions } from '../../src/modules/consultations/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, startPolity, VIEWPORTS, type Polity } from './harness.js';

const S = `/consultations/${DEMO_CONSULTATION}/survey`;
const why = '[data-question="climate_why"]';

/** Answers the demo's first page and goes on to the second (topics, with "climate" showing a question on the same page). */
async function toSecondPage(page: Page, base: string): Promise<void> {
  await page.goto(base + S);
  await page.locator('[id="field-q_age-25_39"]').check();
  await page.locator('[id="field-q_region"]').selectOption('north');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => page.locator('main').textContent()).toContain('Page 2 of 2');
}

describe.each(VIEWPORTS)('live display conditions on the survey page at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('shows the climate question as soon as "climate" is ticked and hides it again, out of sight, of screen readers and of the form', async () => {
    const page = await p.newPage();
    await toSecondPage(page, p.url);
    const question = page.getByRole('textbox', { name: /What should Europe do first about the climate/ });
    // Drawn by the server, hidden: not seen, not in the accessibility tree, its input disabled.
    await expect.poll(() => page.locator('#survey-form').getAttribute('data-island-mounted')).toBe('yes');
    expect(await page.locator(why).isHidden()).toBe(true);
    expect(await question.count()).toBe(0);
    expect(await page.locator('[id="field-q_climate_why"]').isDisabled()).toBe(true);

    await page.locator('[id="field-q_topics-climate"]').check();
    await expect.poll(() => question.isVisible()).toBe(true);
    expect(await question.isEnabled()).toBe(true);
    await question.fill('Insulate every school before 2030.');
    await expectAccessible(page, 'survey page 2 with the climate question shown');

    await page.locator('[id="field-q_topics-climate"]').uncheck();
    await expect.poll(() => page.locator(why).isHidden()).toBe(true);
    expect(await question.count()).toBe(0);
    expect(await page.locator('[id="field-q_climate_why"]').isDisabled()).toBe(true);
    // Not sent while hidden.
    const sent = await page.evaluate(() => [...new FormData(document.querySelector('#survey-form') as HTMLFormElement).keys()]);
    expect(sent).not.toContain('q_climate_why');
    await expectAccessible(page, 'survey page 2 with the climate question hidden');

    // Shown again, it keeps what was typed, and the answer is sent and stored.
    await page.locator('[id="field-q_topics-climate"]').check();
    await expect.poll(() => question.inputValue()).toBe('Insulate every school before 2030.');
    await page.locator('[id="field-q_trust-6"]').check();
    await page.locator('[id="field-q_went-no"]').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForURL(/\/survey\?sent=1/);
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const c = await findConsultationBySlug(p.deps.db, site!.id, DEMO_CONSULTATION);
    // Read a minute on, when every response sent has surely committed (contributions leave the last seconds for later).
    const later = { ...p.deps, clock: { now: () => new Date(Date.now() + 60_000) } };
    const texts = (await listConsultationContributions(later, c!, { limit: 5000 })).contributions;
    expect(texts.find((x) => x.text === 'Insulate every school before 2030.')).toMatchObject({ language: 'en', tags: ['climate_why'] });
  });

  it('without JavaScript the page works as before: the question appears once the page comes back', async () => {
    const context = await p.browser.newContext({
      javaScriptEnabled: false,
      locale: 'en-GB',
      viewport: { width: viewport.width, height: viewport.height },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await toSecondPage(page, p.url);
    expect(await page.locator(why).isHidden()).toBe(true);
    await page.locator('[id="field-q_topics-climate"]').check();
    expect(await page.locator(why).isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Save and come back later' }).click();
    await page.waitForURL(/saved=1/);
    await expect.poll(() => page.locator(why).isVisible()).toBe(true);
    // (axe runs in the page's JavaScript: the same page was checked with it above.)
    await context.close();
  });
});
