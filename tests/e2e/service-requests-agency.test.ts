import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../../src/modules/service-requests/index.js';
import { findSiteBySlug, listOrganisations } from '../../src/modules/sites/index.js';
import { expectAccessible, startPolity, type Polity, signIn, VIEWPORTS } from './harness.js';

describe.each(VIEWPORTS)('service requests, the agency side, in a browser at $width px', (viewport) => {
  let p: Polity;
  let reportId: string;
  let roadsId: string;
  beforeAll(async () => {
    p = await startPolity(viewport);
    const site = await findSiteBySlug(p.deps.db, 'demo');
    roadsId = (await listOrganisations(p.deps.db, site!.id, 'agency')).find((o) => o.slug === 'roads')!.id;
    const { request } = await createRequest(
      p.deps,
      site!.id,
      { serviceCode: 'POTHOLE', lat: 40.0486, lon: -3.6511, address: '7 Referral Row', description: 'Rubbish dumped in a hole' },
      { SIZE: 'medium' },
      { source: 'web' },
    );
    reportId = request.id;
  }, 180_000);
  afterAll(() => p?.close());

  it('an admin edits groups and agency webhooks, and staff refer a report to another agency, all without axe violations', async () => {
    const admin = await p.newPage();
    await signIn(p, admin, 'admin@demo.polity.localhost', 'polity-demo-admin');
    await admin.goto(`${p.url}/service-requests/admin/catalogue?contact=${roadsId}#sr-cat-contact-form`);
    await expectAccessible(admin, 'catalogue with the agency form');
    await admin.getByLabel('Webhook address').fill('https://roads.example/hook');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.waitForURL(/savedContact=/);
    await expect.poll(() => admin.locator('code', { hasText: /^whsec_/ }).count()).toBeGreaterThan(0);
    await admin.locator('#field-g_code').fill('bad code!');
    await admin.locator('#field-g_name').fill('Lights');
    await admin.getByRole('button', { name: 'Save the group' }).click();
    await expect.poll(() => admin.locator('.error-summary').count()).toBe(1);
    await expectAccessible(admin, 'catalogue group errors');

    const staff = await p.newPage();
    await signIn(p, staff, 'roads@demo.polity.localhost', 'polity-demo-roads');
    await staff.goto(`${p.url}/service-requests/inbox/${reportId}`);
    await expectAccessible(staff, 'inbox report');
    await staff.getByLabel('New status').selectOption('referred');
    await staff.getByLabel('Referred to another agency').selectOption({ label: 'Waste and Recycling' });
    await staff.getByRole('button', { name: 'Save', exact: true }).click();
    await staff.waitForURL(/\/service-requests\/inbox\?handed=1$/);
    await expect.poll(() => staff.getByText('The report was handed to another agency').count()).toBe(1);
    await expectAccessible(staff, 'inbox after a referral');
  });
});
