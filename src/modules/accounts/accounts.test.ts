import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { createUser } from './commands/create-user.js';
import { grantRole } from './commands/manage-roles.js';
import { accountConsents, authTokens, roleGrants, sessions, users } from './store/tables.js';
import { saveLegalText } from './commands/legal.js';
import { SESSION_COOKIE } from './commands/support.js';
import { DEMO_ACCOUNTS, seedAccounts } from './seed/demo.js';
import { createSite } from '../sites/index.js';

/** The newest mail to `to` on `siteId`, after delivering queued mail. */
async function lastMail(t: TestContext, to: string, siteId = t.site.id) {
  // Each delivery gets its own time, so "newest" is never a tie.
  t.clock.advance(1000);
  await t.drainJobs();
  const rows = await listOutbox(t.deps.db, siteId, 1000);
  return rows.find((r) => r.to === to);
}

/** Like lastMail, but the mail must exist. */
async function mailTo(t: TestContext, to: string) {
  const mail = await lastMail(t, to);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

function tokenIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

describe.each(testDatabases())('accounts on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('signs up, confirms by the emailed link, signs in, reads /me and signs out', async () => {
    const c = createClient(t);
    const up = await c.api('POST', '/auth/sign-up', { email: '  Ana@Example.org ', name: 'Ana', password: 'correct horse battery', consent: true });
    expect(up.status).toBe(202);
    const [row] = await t.deps.db.select().from(users).where(eq(users.email, 'ana@example.org'));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.emailConfirmedAt).toBeNull();

    const mail = await mailTo(t, 'ana@example.org');
    expect(mail.subject).toContain('Confirm');
    expect(mail.text).toContain('http://test.localhost/confirm?token=');
    const token = tokenIn(mail.text, '/confirm');

    const confirmed = await c.api('POST', '/auth/confirm', { token });
    expect(confirmed.status).toBe(200);
    const cookie = confirmed.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const sessionToken = c.jar.get(SESSION_COOKIE)!;
    const [stored] = await t.deps.db.select().from(sessions).where(eq(sessions.userId, row.id));
    expect(stored.id).not.toBe(sessionToken);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);

    // The link is single-use.
    const again = await createClient(t).api('POST', '/auth/confirm', { token });
    expect(again.status).toBe(400);
    expect((await again.json()).error.fields.token).toBeDefined();

    await c.api('POST', '/auth/sign-out');
    expect(c.jar.has(SESSION_COOKIE)).toBe(false);
    expect((await c.api('GET', '/me')).status).toBe(401);

    const signIn = await c.api('POST', '/auth/sign-in', { email: 'ANA@example.org', password: 'correct horse battery' });
    expect(signIn.status).toBe(200);
    const me = await c.api('GET', '/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'ana@example.org', name: 'Ana', emailConfirmed: true, roles: [] });

    const out = await c.api('POST', '/auth/sign-out');
    expect(out.status).toBe(204);
    expect((await c.api('GET', '/me')).status).toBe(401);
    // The old cookie no longer works either: the session row is gone.
    const replay = createClient(t);
    replay.jar.set(SESSION_COOKIE, c.jar.get(SESSION_COOKIE) ?? sessionToken);
    expect((await replay.api('GET', '/me')).status).toBe(401);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await createUser(t.deps, t.site.id, { email: 'bo@example.org', name: 'Bo', password: 'bo-password-1', confirmed: true });
    const wrong = await createClient(t).api('POST', '/auth/sign-in', { email: 'bo@example.org', password: 'not-the-password' });
    const unknown = await createClient(t).api('POST', '/auth/sign-in', { email: 'nobody@example.org', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
    expect(wrong.headers.getSetCookie().some((l) => l.startsWith(SESSION_COOKIE))).toBe(false);
  });

  it('refuses sign-in until the email is confirmed, and can send the link again', async () => {
    const c = createClient(t);
    await c.api('POST', '/auth/sign-up', { email: 'cy@example.org', name: 'Cy', password: 'cy-password-1', consent: true });
    const res = await c.api('POST', '/auth/sign-in', { email: 'cy@example.org', password: 'cy-password-1' });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.fields.email).toBeDefined();
    expect(body.error.message).toMatch(/confirm/i);
    const first = await mailTo(t, 'cy@example.org');
    t.clock.advance(1000);
    expect((await c.api('POST', '/auth/confirm/resend', { email: 'cy@example.org' })).status).toBe(202);
    const second = await mailTo(t, 'cy@example.org');
    expect(second.id).not.toBe(first.id);
    expect((await c.api('POST', '/auth/confirm', { token: tokenIn(second.text, '/confirm') })).status).toBe(200);
    expect((await c.api('POST', '/auth/sign-in', { email: 'cy@example.org', password: 'cy-password-1' })).status).toBe(200);
  });

  it('resets a password with a single-use token and refuses an expired one', async () => {
    await createUser(t.deps, t.site.id, { email: 'di@example.org', name: 'Di', password: 'di-old-password', confirmed: true });
    const old = createClient(t);
    await old.api('POST', '/auth/sign-in', { email: 'di@example.org', password: 'di-old-password' });
    expect((await old.api('GET', '/me')).status).toBe(200);

    const c = createClient(t);
    const known = await c.api('POST', '/auth/password-reset', { email: 'di@example.org' });
    const unknown = await c.api('POST', '/auth/password-reset', { email: 'nobody@example.org' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(await lastMail(t, 'nobody@example.org')).toBeUndefined();

    const token = tokenIn((await mailTo(t, 'di@example.org')).text, '/reset-password');
    const short = await c.api('POST', '/auth/password-reset/confirm', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(Object.keys((await short.json()).error.fields)).toEqual(['password']);

    const ok = await c.api('POST', '/auth/password-reset/confirm', { token, password: 'di-new-password' });
    expect(ok.status).toBe(200);
    expect((await c.api('GET', '/me')).status).toBe(200);
    // Other sessions end with a reset.
    expect((await old.api('GET', '/me')).status).toBe(401);
    // Single use.
    const reuse = await createClient(t).api('POST', '/auth/password-reset/confirm', { token, password: 'di-third-password' });
    expect(reuse.status).toBe(400);
    expect((await createClient(t).api('POST', '/auth/sign-in', { email: 'di@example.org', password: 'di-old-password' })).status).toBe(401);
    expect((await createClient(t).api('POST', '/auth/sign-in', { email: 'di@example.org', password: 'di-new-password' })).status).toBe(200);

    // Expired after one hour.
    await c.api('POST', '/auth/password-reset', { email: 'di@example.org' });
    const late = tokenIn((await mailTo(t, 'di@example.org')).text, '/reset-password');
    t.clock.advance(3600_000 + 1000);
    const expired = await c.api('POST', '/auth/password-reset/confirm', { token: late, password: 'di-late-password' });
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.fields.token).toBeDefined();
  });

  it('signs in by an emailed link, once, within 15 minutes', async () => {
    await createUser(t.deps, t.site.id, { email: 'ed@example.org', name: 'Ed', password: 'ed-password-1', confirmed: false });
    const c = createClient(t);
    const known = await c.api('POST', '/auth/magic-link', { email: 'ed@example.org' });
    const unknown = await c.api('POST', '/auth/magic-link', { email: 'nobody-else@example.org' });
    expect(known.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    const mail = await mailTo(t, 'ed@example.org');
    expect(mail.text).toContain('http://test.localhost/sign-in/link?token=');
    const token = tokenIn(mail.text, '/sign-in/link');
    const res = await c.api('POST', '/auth/magic-link/confirm', { token });
    expect(res.status).toBe(200);
    expect((await res.json()).emailConfirmed).toBe(true);
    expect((await c.api('GET', '/me')).status).toBe(200);
    expect((await createClient(t).api('POST', '/auth/magic-link/confirm', { token })).status).toBe(400);

    await c.api('POST', '/auth/magic-link', { email: 'ed@example.org' });
    const late = tokenIn((await mailTo(t, 'ed@example.org')).text, '/sign-in/link');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await createClient(t).api('POST', '/auth/magic-link/confirm', { token: late })).status).toBe(400);
  });

  it('rate-limits reset requests', async () => {
    const c = createClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.api('POST', '/auth/password-reset', { email: 'gus@example.org' })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('names the bad field and writes no row', async () => {
    const before = (await t.deps.db.select().from(users)).length;
    const badEmail = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'not-an-email',
      name: 'X',
      password: 'long-enough-password',
      consent: true,
    });
    expect(badEmail.status).toBe(400);
    expect(Object.keys((await badEmail.json()).error.fields)).toEqual(['email']);
    const shortPassword = await createClient(t).api('POST', '/auth/sign-up', { email: 'x@example.org', name: 'X', password: 'short', consent: true });
    expect(shortPassword.status).toBe(400);
    expect(Object.keys((await shortPassword.json()).error.fields)).toEqual(['password']);
    const longPassword = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'x@example.org',
      name: 'X',
      password: 'x'.repeat(201),
      consent: true,
    });
    expect(Object.keys((await longPassword.json()).error.fields)).toEqual(['password']);
    const noName = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'x@example.org',
      name: '  ',
      password: 'long-enough-password',
      consent: true,
    });
    expect(Object.keys((await noName.json()).error.fields)).toEqual(['name']);
    expect((await t.deps.db.select().from(users)).length).toBe(before);
  });

  it('does not reveal on sign-up that an email has an account', async () => {
    await createUser(t.deps, t.site.id, { email: 'hal@example.org', name: 'Hal', password: 'hal-password-1', confirmed: true });
    const res = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'hal@example.org',
      name: 'Other',
      password: 'other-password',
      consent: true,
    });
    expect(res.status).toBe(202);
    const mail = await mailTo(t, 'hal@example.org');
    expect(mail.subject).toMatch(/already|tried/i);
    const rows = await t.deps.db.select().from(users).where(eq(users.email, 'hal@example.org'));
    expect(rows.map((r) => r.name)).toEqual(['Hal']);
  });

  it('keeps sites apart: accounts and sessions of one site mean nothing on another', async () => {
    await t.addSite('other', 'other.localhost');
    await createUser(t.deps, t.site.id, { email: 'ivy@example.org', name: 'Ivy', password: 'ivy-password-1', confirmed: true });
    const onOther = await createClient(t, 'other.localhost').api('POST', '/auth/sign-in', { email: 'ivy@example.org', password: 'ivy-password-1' });
    expect(onOther.status).toBe(401);

    const a = createClient(t);
    expect((await a.api('POST', '/auth/sign-in', { email: 'ivy@example.org', password: 'ivy-password-1' })).status).toBe(200);
    const b = createClient(t, 'other.localhost');
    b.jar.set(SESSION_COOKIE, a.jar.get(SESSION_COOKIE)!);
    expect((await b.api('GET', '/me')).status).toBe(401);
    expect((await b.api('GET', '/me/data')).status).toBe(401);

    // The same email may hold a separate account on the other site.
    const up = await createClient(t, 'other.localhost').api('POST', '/auth/sign-up', {
      email: 'ivy@example.org',
      name: 'Ivy B',
      password: 'ivy-other-pass',
      consent: true,
    });
    expect(up.status).toBe(202);
    const other = await t.deps.db.select().from(users).where(eq(users.email, 'ivy@example.org'));
    expect(other).toHaveLength(2);
  });

  it("links every mail to the site's canonical host, not the Host the request came with", async () => {
    // evil.test is served as an alias of the site (as it would be behind a proxy passing Host through).
    const site = await createSite(t.deps, {
      slug: 'aliased',
      name: { en: 'Aliased' },
      hosts: ['city.example', 'evil.test'],
      locales: ['en'],
      defaultLocale: 'en',
    });
    const c = createClient(t, 'evil.test');
    const links: string[] = [];
    const collect = async (to: string) => {
      const mail = await lastMail(t, to, site.id);
      if (!mail) throw new Error(`no mail to ${to}`);
      expect(mail.text).not.toContain('evil.test');
      links.push(...(mail.text.match(/https?:\/\/[^\s/]+\/[^\s]*/g) ?? []));
    };
    expect((await c.api('POST', '/auth/sign-up', { email: 'mo@example.org', name: 'Mo', password: 'mo-password-12', consent: true })).status).toBe(
      202,
    );
    await collect('mo@example.org');
    expect((await c.api('POST', '/auth/sign-up', { email: 'mo@example.org', name: 'Mo', password: 'mo-password-12', consent: true })).status).toBe(
      202,
    );
    await collect('mo@example.org');
    expect((await c.api('POST', '/auth/confirm/resend', { email: 'mo@example.org' })).status).toBe(202);
    await collect('mo@example.org');
    await createUser(t.deps, site.id, { email: 'ned@example.org', name: 'Ned', password: 'ned-password-1', confirmed: true });
    expect((await c.api('POST', '/auth/password-reset', { email: 'ned@example.org' })).status).toBe(202);
    await collect('ned@example.org');
    expect((await c.api('POST', '/auth/magic-link', { email: 'ned@example.org' })).status).toBe(202);
    await collect('ned@example.org');
    expect((await c.api('POST', '/auth/sign-up', { email: 'ned@example.org', name: 'Ned', password: 'ned-password-1', consent: true })).status).toBe(
      202,
    );
    await collect('ned@example.org');
    expect(links.map((l) => l.replace(/\?token=.*/, ''))).toEqual([
      'https://city.example/confirm',
      'https://city.example/confirm',
      'https://city.example/confirm',
      'https://city.example/reset-password',
      'https://city.example/sign-in/link',
      'https://city.example/forgot-password',
    ]);
  });

  it("downloads a person's data and no one else's", async () => {
    await createUser(t.deps, t.site.id, { email: 'jo@example.org', name: 'Jo', password: 'jo-password-12', confirmed: true });
    await createUser(t.deps, t.site.id, { email: 'kim@example.org', name: 'Kim', password: 'kim-password-1', confirmed: true });
    const c = createClient(t);
    await c.api('POST', '/auth/sign-in', { email: 'jo@example.org', password: 'jo-password-12' });
    const res = await c.api('GET', '/me/data');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const body = await res.json();
    expect(body.modules.accounts.profile).toMatchObject({ email: 'jo@example.org', name: 'Jo' });
    expect(body.modules.accounts.sessions).toHaveLength(1);
    const text = JSON.stringify(body);
    expect(text).not.toContain('kim@example.org');
    expect(text).not.toContain('argon2');
    expect((await createClient(t).api('GET', '/me/data')).status).toBe(401);
  });

  it('deletes an account with its sessions, tokens and roles, after checking the password', async () => {
    const user = await createUser(t.deps, t.site.id, { email: 'lee@example.org', name: 'Lee', password: 'lee-password-1', confirmed: true });
    await grantRole(t.deps, t.site.id, { email: 'lee@example.org', role: 'editor' });
    const c = createClient(t);
    await c.api('POST', '/auth/sign-in', { email: 'lee@example.org', password: 'lee-password-1' });
    await c.api('POST', '/auth/password-reset', { email: 'lee@example.org' });
    const wrong = await c.api('DELETE', '/me', { password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(Object.keys((await wrong.json()).error.fields)).toEqual(['password']);
    const res = await c.api('DELETE', '/me', { password: 'lee-password-1' });
    expect(res.status).toBe(204);
    expect((await c.api('GET', '/me')).status).toBe(401);
    const db = t.deps.db;
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await db.select().from(authTokens).where(eq(authTokens.userId, user.id))).toEqual([]);
    expect(await db.select().from(roleGrants).where(eq(roleGrants.userId, user.id))).toEqual([]);
    expect((await createClient(t).api('POST', '/auth/sign-in', { email: 'lee@example.org', password: 'lee-password-1' })).status).toBe(401);
  });

  it('lets role managers list people and set roles; others may not', async () => {
    await seedAccounts(t.deps, t.site.id);
    await seedAccounts(t.deps, t.site.id); // idempotent
    const admin = createClient(t);
    const [adminAccount, editorAccount] = DEMO_ACCOUNTS;
    expect((await admin.api('POST', '/auth/sign-in', { email: adminAccount.email, password: adminAccount.password })).status).toBe(200);
    const editor = createClient(t);
    expect((await editor.api('POST', '/auth/sign-in', { email: editorAccount.email, password: editorAccount.password })).status).toBe(200);

    expect((await createClient(t).api('GET', '/people')).status).toBe(401);
    expect((await editor.api('GET', '/people')).status).toBe(403);

    const first = await admin.api('GET', '/people?limit=2');
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await (await admin.api('GET', `/people?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].email > page1.items[1].email).toBe(true);
    const found = await (await admin.api('GET', '/people?q=editor@demo')).json();
    expect(found.items.map((p: { email: string }) => p.email)).toEqual([editorAccount.email]);
    const editorId = found.items[0].id;
    expect(found.items[0].roles).toEqual([{ role: 'editor', agencyId: null }]);

    const staffNoAgency = await admin.api('PUT', `/people/${editorId}/roles`, { roles: [{ role: 'agency_staff' }] });
    expect(staffNoAgency.status).toBe(400);
    expect(Object.keys((await staffNoAgency.json()).error.fields)).toEqual(['roles.0.agencyId']);

    const agency = await admin.api('POST', '/organisations', { slug: 'roads', name: { en: 'Roads' }, kind: 'agency' });
    expect(agency.status).toBe(201);
    const agencyId = (await agency.json()).id;
    const set = await admin.api('PUT', `/people/${editorId}/roles`, { roles: [{ role: 'moderator' }, { role: 'agency_staff', agencyId }] });
    expect(set.status).toBe(200);
    expect((await set.json()).roles).toEqual([
      { role: 'moderator', agencyId: null },
      { role: 'agency_staff', agencyId },
    ]);
    const me = await (await editor.api('GET', '/me')).json();
    expect(me.roles).toHaveLength(2);

    // The last admin keeps the role.
    const adminId = (await (await admin.api('GET', '/me')).json()).id;
    const demote = await admin.api('PUT', `/people/${adminId}/roles`, { roles: [] });
    expect(demote.status).toBe(409);
    expect((await (await admin.api('GET', '/me')).json()).roles).toEqual([{ role: 'admin', agencyId: null }]);
  });

  it('asks for consent to the terms and privacy notice, and stores its time and the versions agreed to', async () => {
    const refused = await createClient(t).api('POST', '/auth/sign-up', { email: 'noconsent@example.org', name: 'Nia', password: 'nia-password-12' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toEqual({ consent: 'agree to the terms of use and the privacy notice to create an account' });
    expect(await t.deps.db.select().from(users).where(eq(users.email, 'noconsent@example.org'))).toEqual([]);

    // An admin writes the site's own terms: version 1 (the shipped default is version 0).
    const saved = await saveLegalText(t.deps, t.site.id, { kind: 'terms', body: { en: 'Be kind.' } }, null);
    expect(saved.version).toBe(1);
    expect((await saveLegalText(t.deps, t.site.id, { kind: 'terms', body: { en: 'Be kind.' } }, null)).version).toBe(1);
    // A form read before the change names the old version: it must be read again.
    const stale = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'stale@example.org',
      name: 'Sal',
      password: 'sal-password-12',
      consent: true,
      termsVersion: 0,
      privacyVersion: 0,
    });
    expect(stale.status).toBe(400);
    expect(Object.keys((await stale.json()).error.fields)).toEqual(['consent']);

    const up = await createClient(t).api('POST', '/auth/sign-up', {
      email: 'consent@example.org',
      name: 'Con',
      password: 'con-password-12',
      consent: true,
      termsVersion: 1,
      privacyVersion: 0,
    });
    expect(up.status).toBe(202);
    const [user] = await t.deps.db.select().from(users).where(eq(users.email, 'consent@example.org'));
    const consents = await t.deps.db.select().from(accountConsents).where(eq(accountConsents.userId, user.id));
    expect(consents).toEqual([expect.objectContaining({ siteId: t.site.id, termsVersion: 1, privacyVersion: 0, agreedAt: t.clock.now() })]);
  });

  it('carries next through the confirmation link, refusing other hosts', async () => {
    const c = createClient(t);
    await c.api('POST', '/auth/sign-up', {
      email: 'nex@example.org',
      name: 'Nex',
      password: 'nex-password-12',
      consent: true,
      next: '/library/calls/x?y=1',
    });
    expect((await mailTo(t, 'nex@example.org')).text).toMatch(/\/confirm\?token=[A-Za-z0-9_-]+&next=%2Flibrary%2Fcalls%2Fx%3Fy%3D1/);
    await createClient(t).api('POST', '/auth/sign-up', {
      email: 'evil@example.org',
      name: 'Eve',
      password: 'eve-password-12',
      consent: true,
      next: '//evil.test/x',
    });
    const text = (await mailTo(t, 'evil@example.org')).text;
    expect(text).toContain('/confirm?token=');
    expect(text).not.toContain('evil.test');
  });
});
