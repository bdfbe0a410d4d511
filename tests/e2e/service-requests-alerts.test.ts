import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startPolity, type Polity } from './harness.js';

describe('following an area in a browser', () => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity();
  }, 180_000);
  afterAll(() => p?.close());

  it('a resident asks for alerts about an area, confirms by the e-mailed link, and can stop them; every page passes axe', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/service-requests`);
    await page.locator('main').getByRole('link', { name: 'Get e-mail alerts for an area' }).click();
    await page.waitForURL(/\/service-requests\/alerts$/);
    await expectAccessible(page, 'follow an area');

    // Nothing chosen: the error names the field and the form keeps the address.
    await page.getByLabel('Your e-mail address').fill('follower@example.org');
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await expect.poll(() => page.locator('.error').first().textContent()).toContain('Choose an area, a place or a point on the map');
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('An area of the city: Choose an area');
    await expectAccessible(page, 'follow an area, with an error');

    const area = page.getByLabel('An area of the city');
    const firstArea = await area.locator('option').nth(1).getAttribute('value');
    await area.selectOption(firstArea!);
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.waitForURL(/alerts\?sent=1$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Check your e-mail');
    await expectAccessible(page, 'follow an area, link sent');

    await expect
      .poll(() => p.mailbox.mails.find((m) => m.to.includes('follower@example.org'))?.subject ?? '', { timeout: 10_000 })
      .toMatch(/^Confirm your alerts for /);
    const mail = p.mailbox.mails.find((m) => m.to.includes('follower@example.org'))!;
    const confirm = /http:\/\/[^/\s]+(\/service-requests\/alerts\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const stop = /http:\/\/[^/\s]+(\/service-requests\/alerts\/stop\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await page.goto(`${p.url}${confirm}`);
    await expectAccessible(page, 'confirm alerts');
    await page.getByRole('button', { name: 'Yes, send me alerts' }).click();
    await page.waitForURL(/alerts\/confirm\?done=1$/);
    await expectAccessible(page, 'alerts confirmed');

    await page.goto(`${p.url}${stop}`);
    await expectAccessible(page, 'stop alerts');
    await page.getByRole('button', { name: 'Stop the alerts' }).click();
    await page.waitForURL(/alerts\/stop\?done=1$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('no more of these alerts');
    await expectAccessible(page, 'alerts stopped');
  });
});
