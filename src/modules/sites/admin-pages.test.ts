import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../accounts/index.js';
import { loadPageHandler, SERVER_BUILD } from '../../server/pages.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';

describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('admin pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await loadPageHandler();
    t = await createTestContext(kind, { pages: pages ?? undefined });
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor of any admin page to sign in, and back there after signing in', async () => {
    const visitor = createClient(t);
    for (const path of ['/admin', '/admin/site', '/admin/organisations', '/admin/outbox', '/library/admin', '/library/admin/posts/new']) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const user = await createUser(t.deps, t.site.id, {
      email: 'admin-back@example.org',
      name: 'Ada',
      password: 'correct horse battery',
      confirmed: true,
    });
    await grantRole(t.deps, t.site.id, { userId: user.id, role: 'admin', agencyId: null });
    const page = await visitor.get('/sign-in?next=%2Flibrary%2Fadmin');
    expect(await page.text()).toContain('value="/library/admin"');
    const signIn = await visitor.form('/sign-in', { email: 'admin-back@example.org', password: 'correct horse battery', next: '/library/admin' });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('location')).toBe('/library/admin');
    expect((await visitor.get('/library/admin')).status).toBe(200);
  });

  it('names the refused field of the site settings by its label in the page language', async () => {
    const cases = [
      { locale: 'en', line: 'Contact email: Enter an email address like name@example.org' },
      { locale: 'uk', line: 'Контактна електронна пошта: Введіть адресу електронної пошти, наприклад name@example.org' },
    ];
    for (const c of cases) {
      const admin = await signedInClient(t, 'admin');
      admin.jar.set('polity_locale', c.locale);
      const res = await admin.form('/admin/site', { 'name.en': 'Test town', locales: 'en', defaultLocale: 'en', 'contact.email': 'not-an-email' });
      expect(res.status).toBe(400);
      const html = await res.text();
      const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ') ?? '';
      expect(summary).toContain(c.line);
      expect(summary).not.toContain('contact.email');
      expect(summary).not.toContain('Invalid email');
    }
  });

  it('names the refused fields of the organisations form by their labels, in Ukrainian with Ukrainian reasons', async () => {
    const admin = await signedInClient(t, 'admin');
    admin.jar.set('polity_locale', 'uk');
    const first = await admin.form('/admin/organisations', { name: 'Дорожня служба', slug: 'roads-uk', kind: 'agency' });
    expect(first.status).toBe(200);
    const bad = await admin.form('/admin/organisations', { name: 'Дороги', slug: 'roads-uk-2', kind: 'agency', 'contact.email': 'not-an-email' });
    expect(bad.status).toBe(400);
    const badSummary = summaryText(await bad.text());
    expect(badSummary).toContain('Електронна пошта: Введіть адресу електронної пошти, наприклад name@example.org');
    expect(badSummary).not.toContain('contact.email');
    const taken = await admin.form('/admin/organisations', { name: 'Дороги', slug: 'roads-uk', kind: 'agency' });
    expect(taken.status).toBe(409);
    const takenSummary = summaryText(await taken.text());
    // The heading gives the reason; the field is named by its label, not as `slug` nor in English.
    expect(takenSummary).toContain('Це вже використовується; виберіть інше');
    expect(takenSummary).toContain('Коротка назва для адрес');
    expect(takenSummary).not.toMatch(/slug|already used/i);
  });
});

/** The words of a page's error summary, without markup. */
function summaryText(html: string): string {
  return (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ');
}
