import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/modules/accounts/index.js';
import { DEMO_CONSULTATION } from '../../src/modules/consultations/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, signIn, startPolity, VIEWPORTS, type Polity } from './harness.js';

/** Presses Tab until the focused element matches `selector` (a keyboard user moving through the page), at most `max` times. */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const id = (value: string) => `[id="${value}"]`;

describe.each(VIEWPORTS)('consultation survey in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('a respondent answers the demo survey by keyboard only: refused page, skipped event page, thank-you', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/consultations/${DEMO_CONSULTATION}`);
    await tabTo(page, 'a[href$="/survey"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/survey$/);
    expect(await page.locator('main').textContent()).toContain('Page 1 of 2');
    await expectAccessible(page, 'survey page 1');

    // Only the age answered: the page is refused, naming the region by its label.
    await tabTo(page, id('field-q_age-16_24'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'button[value="next"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Where do you live?');
    await expectAccessible(page, 'refused page 1');
    expect(await page.locator(id('field-q_age-25_39')).isChecked()).toBe(true);

    // Carries on from the refused page, which kept the age.
    await tabTo(page, id('field-q_gender-woman'));
    await page.keyboard.press('Space');
    await tabTo(page, id('field-q_region'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'button[value="next"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main').textContent()).toContain('Page 2 of 2');
    await expectAccessible(page, 'survey page 2');

    await tabTo(page, id('field-q_topics-economy'));
    await page.keyboard.press('Space');
    await tabTo(page, id('field-q_topics-health'));
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="q_trust"]');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    // A ranking answered ranks three: the first, second and third choices.
    for (const [option, rank] of [
      ['training', 3],
      ['rail', 1],
      ['care', 2],
    ] as const) {
      await tabTo(page, id(`field-q_prio.rank.${option}`));
      for (let i = 0; i < rank; i++) await page.keyboard.press('ArrowDown');
    }
    await tabTo(page, id('field-q_views.voice-agree'));
    await page.keyboard.press('Space');
    await tabTo(page, id('field-q_went-yes'));
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(id('field-q_went-no')).isChecked()).toBe(true);
    expect(await page.locator(id('field-q_trust-7')).isChecked()).toBe(true);
    await tabTo(page, 'button[value="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/survey\?sent=1/);
    expect(await page.locator('h1').textContent()).toBe('Thank you for taking part');
    await expectAccessible(page, 'thank-you');
  });

  it('a clerk enters a paper response and a colleague confirms it', async () => {
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const password = 'a long enough passphrase';
    for (const email of ['ana@example.org', 'ben@example.org']) {
      const u = await createUser(p.deps, site!.id, { email, name: email.slice(0, 3), password, confirmed: true });
      await grantRole(p.deps, site!.id, { userId: u.id, role: 'editor', agencyId: null });
    }
    const clerk = await p.newPage();
    await signIn(p, clerk, 'ana@example.org', password);
    await clerk.goto(`${p.url}/consultations/${DEMO_CONSULTATION}/paper`);
    await expectAccessible(clerk, 'paper desk');
    await clerk.locator(id('field-q_age-55_64')).check();
    await clerk.locator(id('field-q_region')).selectOption('east');
    await clerk.locator(id('field-q_topics-climate')).check();
    await clerk.locator(id('field-q_trust-3')).check();
    await clerk.locator(id('field-q_went-yes')).check();
    await clerk.locator(id('field-q_ev_people')).fill('35');
    await clerk.getByRole('button', { name: 'Save for checking' }).click();
    await clerk.waitForURL(/\/paper\?done=entered$/);
    expect(await clerk.locator('main').textContent()).toContain('You entered this one');

    const colleague = await p.newPage();
    await signIn(p, colleague, 'ben@example.org', password);
    await colleague.goto(`${p.url}/consultations/${DEMO_CONSULTATION}/paper`);
    const pending = colleague.locator('#pending li').first();
    expect(await pending.textContent()).toContain('35');
    await pending.getByRole('button', { name: 'Confirm: it matches the paper' }).click();
    await colleague.waitForURL(/done=confirmed/);
    expect(await colleague.locator('main').textContent()).toContain('Confirmed: the response now counts.');
    expect(await colleague.locator('main').textContent()).toContain('No paper response is waiting.');
  });
});
