import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/modules/accounts/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, signIn, startPolity, type Polity, VIEWPORTS } from './harness.js';

// The demo site holds the procurement demo processes (src/modules/procurement/seed/risk-demo.ts).
describe.each(VIEWPORTS)('procurement risk in the browser at $width px', (viewport) => {
  let p: Polity;
  const auditor = { email: 'auditor-e2e@example.org', password: 'auditor correct horse', name: 'Olha Auditor' };
  beforeAll(async () => {
    p = await startPolity(viewport);
    const site = await findSiteBySlug(p.deps.db, 'demo');
    if (!site) throw new Error('no demo site');
    const user = await createUser(p.deps, site.id, { email: auditor.email, name: auditor.name, password: auditor.password, confirmed: true });
    await grantRole(p.deps, site.id, { userId: user.id, role: 'auditor', agencyId: null });
  }, 180_000);
  afterAll(() => p?.close());

  it('an auditor assigns a process from the queue, records an outcome and sees the precision report change', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/sign-in`);
    await page.getByLabel('Email address').first().fill(auditor.email);
    await page.getByLabel(/^Password/).fill(auditor.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    const pz02Row = () => page.locator('tr[data-code="PZ02"] td');
    await page.goto(`${p.url}/procurement/risk/precision`);
    await expectAccessible(page, 'precision report');
    expect(await pz02Row().allTextContents()).toEqual(['2', '0', '0', 'Not audited yet', expect.any(String)]);

    await page.goto(`${p.url}/procurement/risk/queue`);
    await expectAccessible(page, 'queue');
    // On phones the filters fold behind "Filters" (closed while none is in use); from 48rem up they stand open.
    const filters = page.locator('.filter-panel > summary');
    if (viewport.width < 768) {
      expect(await page.locator('#field-indicator').isVisible()).toBe(false);
      await filters.click();
    } else expect(await filters.isVisible()).toBe(false);
    await page.locator('#field-indicator').selectOption('PZ02');
    await page.locator('#field-region').selectOption('Lviv region');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/region=Lviv/);
    expect(await page.getByText('No process matches these filters.').count()).toBe(1);
    await page.locator('#field-region').selectOption('Kyiv region');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/region=Kyiv/);
    const rows = page.locator('table.queue tbody tr');
    expect(await rows.count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).toContain('Resurfacing of the regional road P-01');
    expect(await rows.first().textContent()).toContain('High risk');

    await page.getByRole('button', { name: 'Assign to me: Laptops for computer classes' }).click();
    await page.waitForURL(/indicator=PZ02&region=Kyiv/);
    await expect.poll(() => page.locator('tr', { hasText: 'Laptops for computer classes' }).textContent()).toContain(`Assigned (${auditor.name})`);

    await page.getByRole('link', { name: 'Laptops for computer classes' }).click();
    await page.waitForURL(/\/procurement\/processes\//);
    await expectAccessible(page, 'process page (auditor)');
    expect(await page.locator('.flag-list').textContent()).toContain('Two or more bidders besides the winner were rejected.');
    await page.getByRole('button', { name: 'Start monitoring' }).click();
    await page.waitForURL(/done=monitoring/);

    // The outcome form by keyboard: pick the radio, type the note, submit with Enter.
    await page.getByLabel('Violation found', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Both rejections ignored the tender documents.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=outcome/);
    expect(await page.locator('#audit').locator('..').textContent()).toContain('Violation found');
    await expectAccessible(page, 'process page after the outcome');

    await page.goto(`${p.url}/procurement/risk/precision`);
    expect(await pz02Row().allTextContents()).toEqual(['2', '1', '1', '100%', expect.any(String)]);
  });

  it('a citizen reads why a tender was flagged and leaves feedback; the dashboard shows charts', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/procurement/risk`);
    await expectAccessible(page, 'dashboard');
    expect(await page.locator('figure.bar-chart').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('link', { name: 'Demo Regional Roads Service' }).click();
    await page.waitForURL(/\/procurement\/buyers\//);
    await expectAccessible(page, 'buyer profile');
    await page.getByRole('link', { name: 'Resurfacing of the regional road P-01' }).click();
    await page.waitForURL(/\/procurement\/processes\//);
    expect(await page.locator('.flag-list').textContent()).toContain('An amendment raised the contract price');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    await expectAccessible(page, 'feedback errors');
    await page.getByLabel('Your name').fill('Taras');
    await page.getByLabel('Your feedback').fill('The road was resurfaced only on one side.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.waitForURL(/done=feedback/);
    expect(await page.getByRole('status').first().textContent()).toContain('Thank you');
    await page.getByRole('link', { name: 'Gamma Build PJSC' }).first().click();
    await page.waitForURL(/\/procurement\/suppliers\//);
    await expectAccessible(page, 'supplier profile');
  });

  it('an admin uploads a file and manages a data source through the admin pages', async () => {
    const page = await p.newPage();
    await signIn(p, page, 'admin@demo.polity.localhost', 'polity-demo-admin');
    await page.goto(`${p.url}/procurement/admin/ingests`);
    await expectAccessible(page, 'uploads page');
    await page
      .locator('#field-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"releases": [\n{"ocid": "x"},\n]]]\n') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('line 3');
    await expectAccessible(page, 'upload refused');
    const release = (n: number) =>
      JSON.stringify({ ocid: `ocds-e2e-${n}`, id: `r${n}`, date: '2026-01-02T00:00:00Z', tag: ['tender'], tender: { title: `E2E tender ${n}` } });
    await page
      .locator('#field-file')
      .setInputFiles({ name: 'e2e.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${release(1)}\n${release(2)}\n`) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/done=/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('e2e.jsonl is stored: 2 releases, 2 new');
    expect(await page.locator('tr[data-status="failed"]').first().textContent()).toContain('broken.json');
    await expectAccessible(page, 'uploads after a run');
    // The upload queued a risk refresh job; once the worker has run it the new process has its page.
    await expect.poll(async () => (await page.goto(`${p.url}/procurement/processes/ocds-e2e-1`))?.status(), { timeout: 20_000 }).toBe(200);

    await page.goto(`${p.url}/procurement/admin/risk-settings`);
    await expectAccessible(page, 'risk settings');
    await page.locator('[id="field-buckets.high"]').fill('0.2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('High risk from score: Must be above the medium-risk cut-off');
    expect(await page.locator('[id="field-buckets.high"]').inputValue()).toBe('0.2');
    await expectAccessible(page, 'risk settings errors');
    await page.locator('[id="field-buckets.high"]').fill('1.5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/saved=1/);
    expect(await page.locator('table.setting-changes').textContent()).toContain('1.2 → 1.5');
    await expectAccessible(page, 'risk settings saved');

    await page.goto(`${p.url}/procurement/admin/sources`);
    await page.locator('#field-name').fill('E2E feed');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('Fill this in');
    expect(await page.locator('#field-name').inputValue()).toBe('E2E feed');
    await expectAccessible(page, 'source form errors');
    await page.locator('#field-kind').selectOption('upload');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await page.waitForURL(/done=created/);
    await page.getByRole('link', { name: 'Edit E2E feed' }).click();
    await page.waitForURL(/edit=/);
    await expectAccessible(page, 'source edit form');
    await page.locator('#field-name').fill('E2E uploads');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/done=updated/);
    await page.getByRole('button', { name: 'Delete E2E uploads' }).click();
    await page.waitForURL(/done=deleted/);
    expect(await page.locator('tr[data-source="E2E uploads"]').count()).toBe(0);
  });
});
