import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/modules/accounts/index.js';
import { DEMO_PAST_PROCESS, DEMO_PROCESS } from '../../src/modules/budgeting/index.js';
import { findSiteBySlug, listOrganisations, saveOrganisation } from '../../src/modules/sites/index.js';
import { expectAccessible, startPolity, type Polity, signIn, VIEWPORTS } from './harness.js';

describe.each(VIEWPORTS)('participatory budgeting in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('a resident reads projects on the map and in the list, fills a knapsack ballot, is stopped over the budget, votes within it, changes it, and later reads the results', async () => {
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
    // The projects on the map (each point a link to its page) and in the list.
    const onMap = await page.locator('svg.site-map-plain a').count();
    expect(onMap).toBeGreaterThan(3);
    expect(await page.locator('section[aria-labelledby="projects"] a[href*="/projects/"]').count()).toBeGreaterThanOrEqual(2 * onMap);
    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.waitForURL(/\/vote/);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'ballot');

    // The live budget bar follows the ticks: three projects cost 360,000 of 300,000.
    await page.getByLabel(/Shade trees on Station Road/).check();
    await page.getByLabel(/Playground at Mill Park/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Chosen: €210,000 of €300,000/);
    await page.getByLabel(/Protected bike lane/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Over the budget: €360,000 of €300,000, €60,000 too much/);
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('The projects you chose cost €360,000, more than the budget of €300,000.');
    await expectAccessible(page, 'refused ballot');
    // The refused ballot keeps the voter's ticks.
    expect(await page.getByLabel(/Protected bike lane/).isChecked()).toBe(true);

    await page.getByLabel(/Protected bike lane/).uncheck();
    await page.getByLabel(/Community garden/).check();
    await expect.poll(() => page.locator('.budget-bar p').textContent()).toMatch(/Chosen: €250,000 of €300,000 \(€50,000 left\)/);
    // A review step shows the choices before the ballot is cast.
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await page.waitForURL(/\/my-ballot\?saved=1/);
    expect(await page.locator('main').textContent()).toMatch(/Your ballot is saved/);
    expect(await page.locator('main').textContent()).toMatch(/Community garden behind the library/);
    await expectAccessible(page, 'my ballot');

    // Changes the ballot: the form starts from the saved choices; the confirmation shows the new ones.
    await page.goto(`${p.url}/budgeting/${DEMO_PROCESS}`);
    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await page.waitForURL(/\/vote/);
    expect(await page.getByLabel(/Community garden/).isChecked()).toBe(true);
    await page.getByLabel(/Community garden/).uncheck();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await page.waitForURL(/\/my-ballot\?saved=1/);
    expect(await page.locator('main').textContent()).toMatch(/Your ballot is saved/);
    expect(await page.locator('main').textContent()).not.toMatch(/Community garden behind the library/);
    expect(await page.locator('main').textContent()).toMatch(/Shade trees on Station Road/);

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

  it('staff enter a paper ballot and a colleague confirms it; an admin closes voting and publishes Equal Shares results; a visitor reads why a project lost', async () => {
    const site = (await findSiteBySlug(p.deps.db, 'demo'))!;
    const agency =
      (await listOrganisations(p.deps.db, site.id)).find((o) => o.kind === 'agency') ??
      (await saveOrganisation(p.deps, site.id, { slug: 'public-works', name: { en: 'Public works' }, kind: 'agency' }));
    const password = 'a long enough passphrase';
    for (const email of ['clerk1@example.org', 'clerk2@example.org']) {
      const u = await createUser(p.deps, site.id, { email, name: email.slice(0, 6), password, confirmed: true });
      await grantRole(p.deps, site.id, { userId: u.id, role: 'agency_staff', agencyId: agency.id });
    }
    const clerk1 = await p.newPage();
    await signIn(p, clerk1, 'clerk1@example.org', password);
    await clerk1.goto(`${p.url}/budgeting/${DEMO_PROCESS}/admin/paper?district=north`);
    await clerk1.getByLabel('Sheet number').fill('N-001');
    await clerk1.getByLabel(/Shade trees on Station Road/).check();
    await clerk1.getByRole('button', { name: 'Enter the ballot' }).click();
    await clerk1.waitForURL(/done=entered/);
    expect(await clerk1.locator('main').textContent()).toMatch(/entered by you/);
    await expectAccessible(clerk1, 'paper ballots after entry');

    // Staff attach an image with its alt text from the project page; it shows with that alt text.
    await clerk1.goto(`${p.url}/budgeting/${DEMO_PROCESS}/projects/1`);
    await expectAccessible(clerk1, 'project page with the image form');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: 'green' } })
      .png()
      .toBuffer();
    await clerk1.locator('input[type=file][name=file]').setInputFiles({ name: 'station-road.png', mimeType: 'image/png', buffer: png });
    await clerk1.getByLabel(/Description of the image/).fill('Station Road today, without trees');
    await clerk1.getByRole('button', { name: 'Add image' }).click();
    await clerk1.waitForURL(/#images$/);
    expect(await clerk1.locator('main img[alt="Station Road today, without trees"]').count()).toBe(1);
    await expectAccessible(clerk1, 'project page with an image');

    const clerk2 = await p.newPage();
    await signIn(p, clerk2, 'clerk2@example.org', password);
    await clerk2.goto(`${p.url}/budgeting/${DEMO_PROCESS}/admin/paper`);
    await clerk2.getByRole('button', { name: 'Confirm sheet N-001' }).click();
    await clerk2.waitForURL(/done=confirmed/);
    await expectAccessible(clerk2, 'paper ballot confirmed');
    await clerk2.goto(`${p.url}/budgeting/${DEMO_PROCESS}/admin`);
    const turnout = await clerk2.locator('table').first().textContent();
    expect(turnout).toMatch(/North\s*\d+\s*1\s*0/);

    const admin = await p.newPage();
    await signIn(p, admin, 'admin@demo.polity.localhost', 'polity-demo-admin');
    await admin.goto(`${p.url}/budgeting/${DEMO_PROCESS}/admin`);
    await admin.getByRole('button', { name: 'Close voting now' }).click();
    await admin.waitForURL(/done=closed/);
    await admin.getByRole('button', { name: 'Compute the results' }).click();
    await admin.waitForURL(/done=computed/);
    await expectAccessible(admin, 'results computed');
    await admin.getByRole('button', { name: 'Publish the results and lock the rule' }).click();
    await admin.waitForURL(`${p.url}/budgeting/${DEMO_PROCESS}/results`);

    const visitor = await p.newPage();
    await visitor.goto(`${p.url}/budgeting/${DEMO_PROCESS}/results`);
    expect(await visitor.locator('main').textContent()).toMatch(/Counted with: Method of Equal Shares, completed by raising the shares/);
    const north = visitor.locator('section', { has: visitor.getByRole('heading', { name: 'North', exact: true }) });
    const lost = north.locator('tr', { hasText: 'Lost:' });
    expect(await lost.count()).toBeGreaterThan(0);
    expect(await north.textContent()).toMatch(/How each voter’s share was spent/);
    await expectAccessible(visitor, 'published results');
  });
});
