import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/modules/accounts/index.js';
import { DEMO_PAST_PROCESS, DEMO_PROCESS } from '../../src/modules/budgeting/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, startPolity, type Polity } from './harness.js';

describe('participatory budgeting in a browser', () => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity();
  }, 180_000);
  afterAll(() => p?.close());

  it('a resident fills a knapsack ballot, is stopped over the budget, votes within it, and later reads the results', async () => {
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const email = 'rosa@example.org';
    const password = 'a long enough passphrase';
    await createUser(p.deps, site!.id, { email, name: 'Rosa', password, confirmed: true });
    const page = await p.newPage();
    await page.goto(`${p.url}/sign-in`);
    await page.getByLabel('Email address').first().fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.goto(`${p.url}/budgeting`);
    await page.getByRole('link', { name: 'Green neighbourhoods 2027' }).click();
    await page.waitForURL(`${p.url}/budgeting/${DEMO_PROCESS}`);
    await expectAccessible(page, 'process page');
    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.waitForURL(/\/vote/);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'ballot');

    // The live budget bar follows the ticks: three projects cost 360,000 of 300,000.
    await page.getByLabel(/Shade trees on Station Road/).check();
    await page.getByLabel(/Playground at Mill Park/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Chosen: €210,000.00 of €300,000.00/);
    await page.getByLabel(/Protected bike lane/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Over the budget: €360,000.00 of €300,000.00, €60,000.00 too much/);
    await page.getByRole('button', { name: 'Cast my ballot' }).click();
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('The projects you chose cost 360000, more than the budget of 300000.');
    await expectAccessible(page, 'refused ballot');
    // The refused ballot keeps the voter's ticks.
    expect(await page.getByLabel(/Protected bike lane/).isChecked()).toBe(true);

    await page.getByLabel(/Protected bike lane/).uncheck();
    await page.getByLabel(/Community garden/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Chosen: €250,000.00 of €300,000.00 \(€50,000.00 left\)/);
    await page.getByRole('button', { name: 'Cast my ballot' }).click();
    await page.waitForURL(/\/my-ballot\?saved=1/);
    expect(await page.locator('main').textContent()).toMatch(/Your ballot is saved/);
    expect(await page.locator('main').textContent()).toMatch(/Community garden behind the library/);
    await expectAccessible(page, 'my ballot');

    // Later: last year's published results, with why each project won or lost.
    await page.goto(`${p.url}/budgeting/${DEMO_PAST_PROCESS}/results`);
    expect(await page.locator('h1').textContent()).toMatch(/Results: Neighbourhood budget 2026/);
    expect(await page.locator('main').textContent()).toMatch(/Lost: /);
    await expectAccessible(page, 'results');
    await page.getByLabel('Compare with').selectOption('greedy');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(/compare=greedy/);
    expect(await page.locator('main').textContent()).toMatch(/Side by side with another rule/);
    await expectAccessible(page, 'results compared');
  });
});
