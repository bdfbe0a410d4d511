import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openSiteMenu, signIn, startPolity, type Polity, VIEWPORTS } from './harness.js';

describe.each(VIEWPORTS)('the shell in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 120_000);
  afterAll(() => p?.close());

  it('serves an accessible home page with a working skip link and language switcher', async () => {
    const page = await p.newPage();
    const res = await page.goto(p.url + '/');
    expect(res?.status()).toBe(200);
    await expectAccessible(page, 'home');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');

    await openSiteMenu(page);
    await page.selectOption('#lang-select', 'fr');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForURL(p.url + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expectAccessible(page, 'home in French');
  });

  it('has no CSP violations: islands on plain pages and React on hydrated ones run under the nonce', async () => {
    const page = await p.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // A plain page: no React in the browser, and its islands work (the report's print button
    // is hidden without JavaScript and shown by its island).
    await page.goto(p.url + '/conversations/city-centre/report');
    await page.getByRole('button', { name: 'Print this report' }).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules)).toBeUndefined();
    await page.goto(p.url + '/developers/api');
    await expectAccessible(page, 'API reference');
    expect(await page.locator('h1').textContent()).toBe('API reference');
    // A page whose handle asks for hydration runs React.
    await signIn(p, page, 'admin@demo.polity.localhost', 'polity-demo-admin');
    await page.goto(p.url + '/procurement/admin/ingests');
    await page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
    expect(problems).toEqual([]);
  });

  it('answers unknown pages with an accessible 404', async () => {
    const page = await p.newPage();
    const res = await page.goto(p.url + '/no/such/page');
    expect(res?.status()).toBe(404);
    await expectAccessible(page, '404');
  });
});
