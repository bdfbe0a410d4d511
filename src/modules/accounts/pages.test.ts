import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { createUser } from './commands/create-user.js';
import { SESSION_COOKIE } from './commands/support.js';
import { seedAccounts } from './seed/demo.js';
import { roleGrants, users } from './store/tables.js';
import { HOSTILE_REDIRECTS } from '../../kernel/redirect-test-cases.js';

async function linkIn(t: TestContext, to: string, path: string): Promise<string> {
  t.clock.advance(1000);
  await t.drainJobs();
  const mail = (await listOutbox(t.deps.db, t.site.id, 1000)).find((m) => m.to === to);
  const match = mail && new RegExp(`http://test\\.localhost(${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link for ${to}`);
  return match[1];
}

describe.each(testDatabases())('accounts pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
  });
  afterAll(() => t.close());

  it('signs up with a form, keeps typed values on bad input, confirms by link and signs out', async () => {
    const c = createClient(t);
    const page = await c.get('/sign-up');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toMatch(/autocomplete="new-password"/i);
    expect(html).toMatch(/<label for="field-email">/);
    expect(html).toContain('name="_csrf"');

    const bad = await c.form('/sign-up', { name: 'Pat Doe', email: 'not-an-email', password: 'secret-password-typed' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="Pat Doe"');
    expect(badHtml).toContain('value="not-an-email"');
    expect(badHtml).not.toContain('secret-password-typed');
    expect(badHtml).toContain('Enter a valid email address');
    expect(badHtml).toMatch(/aria-invalid="true"/);
    expect(await t.deps.db.select().from(users).where(eq(users.name, 'Pat Doe'))).toEqual([]);

    const ok = await c.form('/sign-up', { name: 'Pat Doe', email: 'pat@example.org', password: 'pat-password-1', consent: 'yes' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Check your email');

    const confirm = await c.get(await linkIn(t, 'pat@example.org', '/confirm'));
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get('location')).toBe('/confirm?done=1');
    expect(c.jar.has(SESSION_COOKIE)).toBe(true);
    expect(await (await c.get('/confirm?done=1')).text()).toContain('your email address is confirmed');

    const reused = await createClient(t).get(await linkIn(t, 'pat@example.org', '/confirm'));
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('not valid any more');

    const out = await c.form('/sign-out', {});
    expect(out.status).toBe(302);
    expect(c.jar.has(SESSION_COOKIE)).toBe(false);
  });

  it('signs in with the form, follows only same-site next paths, and refuses unconfirmed emails', async () => {
    await createUser(t.deps, t.site.id, { email: 'quinn@example.org', name: 'Quinn', password: 'quinn-password', confirmed: true });
    const page = await (await createClient(t).get('/sign-in?next=/account')).text();
    expect(page).toMatch(/autocomplete="current-password"/i);
    expect(page).toContain('value="/account"');

    const c = createClient(t);
    const res = await c.form('/sign-in', { intent: 'password', email: 'quinn@example.org', password: 'quinn-password', next: '/account' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/account');
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await (await c.get('/account')).text()).toContain('quinn@example.org');

    const evil = await createClient(t).form('/sign-in', {
      intent: 'password',
      email: 'quinn@example.org',
      password: 'quinn-password',
      next: '//evil.example/x',
    });
    expect(evil.headers.get('location')).toBe('/');

    const wrong = await createClient(t).form('/sign-in', { intent: 'password', email: 'quinn@example.org', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('The email or the password is not correct.');
    expect(wrongHtml).toContain('value="quinn@example.org"');

    await createUser(t.deps, t.site.id, { email: 'rae@example.org', name: 'Rae', password: 'rae-password-1', confirmed: false });
    const unconfirmed = await createClient(t).form('/sign-in', { intent: 'password', email: 'rae@example.org', password: 'rae-password-1' });
    expect(unconfirmed.status).toBe(403);
    const html = await unconfirmed.text();
    expect(html).toContain('not confirmed yet');
    expect(html).toContain('Send the confirmation link again');
    const resend = await createClient(t).form('/sign-in', { intent: 'resend', email: 'rae@example.org' });
    expect(await resend.text()).toContain('we have sent a link');
    expect(await linkIn(t, 'rae@example.org', '/confirm')).toContain('token=');
  });

  it('never redirects off the site, whatever `next` or Referer says', async () => {
    await createUser(t.deps, t.site.id, { email: 'uma@example.org', name: 'Uma', password: 'uma-password-1', confirmed: true });
    const signedIn = createClient(t);
    await signedIn.form('/sign-in', { intent: 'password', email: 'uma@example.org', password: 'uma-password-1' });
    expect(signedIn.jar.has(SESSION_COOKIE)).toBe(true);
    const offSite = (location: string | null) => !location || new URL(location, 'https://test.localhost').host !== 'test.localhost';
    // The issue's case: signed in, GET /sign-in?next=/.//evil.test answered 302 Location: //evil.test.
    const issue = await signedIn.get('/sign-in?next=/.//evil.test');
    expect(issue.status).toBe(302);
    expect(issue.headers.get('location')).toBe('/');
    for (const next of HOSTILE_REDIRECTS) {
      const res = await signedIn.get(`/sign-in?next=${encodeURIComponent(next)}`);
      // Control characters and NUL bytes are refused at the edge, naming the field, before any page runs.
      if (res.status === 400) {
        expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields, next).toHaveProperty('next');
        continue;
      }
      expect(res.status, next).toBe(302);
      expect(offSite(res.headers.get('location')), `${next} -> ${res.headers.get('location')}`).toBe(false);
      expect(res.headers.get('location'), next).not.toMatch(/^\/[/\\]/);
    }
    // The form's hidden `next`, after a correct password (a few variants; each sign-in costs an argon2 check).
    for (const next of ['/.//evil.test', '/%2F%2Fevil.test', '/\\evil.test', 'https://evil.test', '/%09/evil.test']) {
      const res = await createClient(t).form('/sign-in', { intent: 'password', email: 'uma@example.org', password: 'uma-password-1', next });
      expect(res.status, next).toBe(302);
      expect(res.headers.get('location'), next).toBe('/');
    }
    // The language switch goes back to its Referer only on this site.
    for (const referer of ['http://test.localhost/.//evil.test', 'http://test.localhost//evil.test?lang=fr', 'https://evil.test/x', 'not a url']) {
      const res = await createClient(t).request('/set-language?lang=fr', { headers: { referer } });
      expect(res.status, referer).toBe(302);
      expect(res.headers.get('location'), referer).toBe('/');
    }
    const back = await createClient(t).request('/set-language?lang=fr', { headers: { referer: 'http://test.localhost/library?q=x&lang=es' } });
    expect(back.headers.get('location')).toBe('/library?q=x');
  });

  it('signs in by emailed link and resets a password through the pages', async () => {
    await createUser(t.deps, t.site.id, { email: 'sol@example.org', name: 'Sol', password: 'sol-password-1', confirmed: true });
    const c = createClient(t);
    const asked = await c.form('/sign-in', { intent: 'link', linkEmail: 'sol@example.org' });
    expect(await asked.text()).toContain('If an account uses sol@example.org');
    const link = await c.get(await linkIn(t, 'sol@example.org', '/sign-in/link'));
    expect(link.status).toBe(302);
    expect(c.jar.has(SESSION_COOKIE)).toBe(true);

    const d = createClient(t);
    expect((await d.form('/forgot-password', { email: 'sol@example.org' })).status).toBe(200);
    const resetPath = await linkIn(t, 'sol@example.org', '/reset-password');
    const form = await (await d.get(resetPath)).text();
    expect(form).toContain('name="token"');
    const token = new URL(resetPath, 'http://x').searchParams.get('token')!;
    const short = await d.form('/reset-password', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('between 10 and 200 characters');
    const done = await d.form('/reset-password', { token, password: 'sol-new-password' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/account?reset=1');
    expect(await (await d.get('/account?reset=1')).text()).toContain('Your new password is saved');
  });

  it('downloads data and deletes the account from /account', async () => {
    const user = await createUser(t.deps, t.site.id, { email: 'tao@example.org', name: 'Tao', password: 'tao-password-1', confirmed: true });
    const c = createClient(t);
    await c.form('/sign-in', { intent: 'password', email: 'tao@example.org', password: 'tao-password-1' });
    expect((await createClient(t).get('/account')).headers.get('location')).toBe('/sign-in?next=%2Faccount');
    const data = await c.get('/account/data.json');
    expect(data.status).toBe(200);
    expect(data.headers.get('content-disposition')).toContain('attachment');
    expect((await data.json()).modules.accounts.profile.email).toBe('tao@example.org');

    const saved = await c.form('/account', { intent: 'profile', name: 'Tao T', locale: 'fr' });
    expect(saved.status).toBe(200);
    expect((await t.deps.db.select().from(users).where(eq(users.id, user.id)))[0]).toMatchObject({ name: 'Tao T', locale: 'fr' });

    const wrong = await c.form('/account', { intent: 'delete', password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    const deleted = await c.form('/account', { intent: 'delete', password: 'tao-password-1' });
    expect(deleted.status).toBe(302);
    expect(c.jar.has(SESSION_COOKIE)).toBe(false);
    expect(await t.deps.db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
  });

  it('lets admins grant and revoke roles at /admin/people, and no one else', async () => {
    await seedAccounts(t.deps, t.site.id);
    expect((await createClient(t).get('/admin/people')).status).toBe(302);
    const editor = createClient(t);
    await editor.form('/sign-in', { intent: 'password', email: 'editor@demo.polity.localhost', password: 'polity-demo-editor' });
    expect((await editor.get('/admin/people')).status).toBe(403);

    const admin = createClient(t);
    await admin.form('/sign-in', { intent: 'password', email: 'admin@demo.polity.localhost', password: 'polity-demo-admin' });
    const page = await admin.get('/admin/people?q=editor');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('editor@demo.polity.localhost');
    expect(html).not.toContain('admin@demo.polity.localhost</td>');
    const [editorUser] = await t.deps.db.select().from(users).where(eq(users.email, 'editor@demo.polity.localhost'));

    const staff = await admin.form('/admin/people', { intent: 'grant', userId: editorUser.id, role: 'agency_staff', agencyId: '' });
    expect(staff.status).toBe(400);
    expect(await staff.text()).toContain('Agency staff need an agency');

    expect((await admin.form('/admin/people', { intent: 'grant', userId: editorUser.id, role: 'moderator', agencyId: '' })).status).toBe(200);
    expect((await admin.form('/admin/people', { intent: 'revoke', userId: editorUser.id, role: 'editor', agencyId: '' })).status).toBe(200);
    const grants = await t.deps.db.select().from(roleGrants).where(eq(roleGrants.userId, editorUser.id));
    expect(grants.map((g) => g.role)).toEqual(['moderator']);
  });

  it('asks for consent on the sign-up form and keeps next through confirmation to the page the person came from', async () => {
    const c = createClient(t);
    const html = await (await c.get(`/sign-up?next=${encodeURIComponent('/library/calls/demo')}`)).text();
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*name="consent"/);
    expect(html).toContain('<label for="field-consent">I agree to the terms of use and the privacy notice of this site.</label>');
    expect(html).toContain('href="/terms"');
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('name="next" value="/library/calls/demo"');
    expect(html).toContain(`href="/sign-in?next=${encodeURIComponent('/library/calls/demo')}"`);
    const signIn = await (await c.get(`/sign-in?next=${encodeURIComponent('/library/calls/demo')}`)).text();
    expect(signIn).toContain(`href="/sign-up?next=${encodeURIComponent('/library/calls/demo')}"`);
    // Off-site targets never reach the form.
    expect(await (await c.get('/sign-up?next=//evil.test')).text()).not.toContain('evil.test');

    const refused = await c.form('/sign-up', { name: 'Kim Lee', email: 'kim@example.org', password: 'kim-password-1', next: '/library/calls/demo' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Tick the box to agree to the terms of use and the privacy notice.');
    expect(refusedHtml).toContain('value="Kim Lee"');
    expect(await t.deps.db.select().from(users).where(eq(users.email, 'kim@example.org'))).toEqual([]);

    const ok = await c.form('/sign-up', {
      name: 'Kim Lee',
      email: 'kim@example.org',
      password: 'kim-password-1',
      consent: 'yes',
      next: '/library/calls/demo',
    });
    expect(ok.status).toBe(200);
    t.clock.advance(1000);
    await t.drainJobs();
    const mail = (await listOutbox(t.deps.db, t.site.id, 1000)).find((m) => m.to === 'kim@example.org');
    const link = /http:\/\/test\.localhost(\/confirm\?token=[A-Za-z0-9_-]+&next=[^\s]+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const confirm = await c.get(link!);
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get('location')).toBe('/library/calls/demo');
    expect(c.jar.has(SESSION_COOKIE)).toBe(true);
  });

  it('shows the default terms and privacy notice, and lets admins write their own versions', async () => {
    const terms = await (await createClient(t).get('/terms')).text();
    expect(terms).toMatch(/<h1[^>]*>Terms of use<\/h1>/);
    expect(terms).toContain('Test city runs this platform');
    expect(terms).toContain('This is the default text');
    expect((await createClient(t).get('/privacy')).status).toBe(200);
    expect((await createClient(t).get('/admin/legal')).status).toBe(302);

    await seedAccounts(t.deps, t.site.id);
    const admin = createClient(t);
    await admin.form('/sign-in', { intent: 'password', email: 'admin@demo.polity.localhost', password: 'polity-demo-admin' });
    expect((await admin.get('/admin/legal')).status).toBe(200);
    const tooLong = await admin.form('/admin/legal', { kind: 'privacy', 'privacy.en': 'x'.repeat(50_001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('aria-invalid="true"');
    const saved = await admin.form('/admin/legal', {
      kind: 'privacy',
      'privacy.en': 'We keep little.\n\nAsk us anything.',
      'privacy.fr': 'Nous gardons peu.',
    });
    expect(saved.status).toBe(200);
    const privacy = await (await createClient(t).get('/privacy')).text();
    expect(privacy).toContain('<p>We keep little.</p><p>Ask us anything.</p>');
    expect(privacy).toContain('Version 1');
    const fr = createClient(t);
    expect(await (await fr.get('/privacy?lang=fr')).text()).toContain('Nous gardons peu.');
  });

  it('names each refused field of the sign-up form by its label, in Ukrainian when the reader reads Ukrainian', async () => {
    const c = createClient(t);
    c.jar.set('polity_locale', 'uk');
    const res = await c.form('/sign-up', { name: 'Олена', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(400);
    const summary = errorSummaryText(await res.text());
    expect(summary).toContain('Виправте поля нижче.');
    expect(summary).toContain('Електронна пошта: Введіть дійсну адресу електронної пошти, наприклад name@example.org.');
    expect(summary).toContain('Пароль: Пароль має містити від 10 до 200 символів.');
    expect(summary).toContain('Я погоджуюся з умовами користування');
    // Neither the English reasons nor the internal names of the fields.
    expect(summary).not.toMatch(/valid email|at least|consent|password\b/i);
  });

  it('keeps next through a new confirmation link asked for on the confirm and sign-in pages', async () => {
    await createUser(t.deps, t.site.id, { email: 'noor@example.org', name: 'Noor', password: 'noor-password-1', confirmed: false });
    const target = '/library/calls/demo';
    // An expired link's page asks for a new one, still leading where the old one did.
    const expired = await (await createClient(t).get(`/confirm?token=not-a-real-token-at-all&next=${encodeURIComponent(target)}`)).text();
    expect(expired).toContain(`name="next" value="${target}"`);
    expect(await (await createClient(t).get('/confirm?next=//evil.test')).text()).not.toContain('evil.test');

    const c = createClient(t);
    const asked = await c.form('/confirm', { email: 'noor@example.org', next: target });
    expect(asked.status).toBe(200);
    const link = await confirmLinkWithNext(t, 'noor@example.org');
    expect(link).toContain(`&next=${encodeURIComponent(target)}`);
    const confirmed = await c.get(link);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toBe(target);

    // Signing in before confirming offers the link again, with the page the person was going to.
    await createUser(t.deps, t.site.id, { email: 'ola@example.org', name: 'Ola', password: 'ola-password-1', confirmed: false });
    const refused = await createClient(t).form('/sign-in', {
      intent: 'password',
      email: 'ola@example.org',
      password: 'ola-password-1',
      next: target,
    });
    expect(refused.status).toBe(403);
    const resendForm = /<form method="post">[\s\S]*?value="resend"[\s\S]*?<\/form>/.exec(await refused.text())?.[0] ?? '';
    expect(resendForm).toContain(`name="next" value="${target}"`);
    const again = await createClient(t).form('/sign-in', { intent: 'resend', email: 'ola@example.org', next: target });
    expect(await again.text()).toContain('we have sent a link');
    expect(await confirmLinkWithNext(t, 'ola@example.org')).toContain(`&next=${encodeURIComponent(target)}`);
  });
});

/** The confirmation link emailed to `to` that carries a `next` (empty when there is none). */
async function confirmLinkWithNext(t: TestContext, to: string): Promise<string> {
  t.clock.advance(1000);
  await t.drainJobs();
  const mail = (await listOutbox(t.deps.db, t.site.id, 1000)).find((m) => m.to === to);
  return /http:\/\/test\.localhost(\/confirm\?token=[A-Za-z0-9_-]+&next=[^\s]+)/.exec(mail?.text ?? '')?.[1] ?? '';
}

/** The words of a page's error summary, without markup. */
function errorSummaryText(html: string): string {
  return (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ');
}
