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
});
