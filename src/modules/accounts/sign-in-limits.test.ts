import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// HTTP tests run the whole server, with a fixed clock: each request says which address it comes from.
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { newId } from '../../kernel/ids.js';
import { createUser } from './commands/create-user.js';
import { hashPassword } from './commands/support.js';
import { SIGN_IN_BACKOFF } from './core/rules.js';
import { users } from './store/tables.js';

/** POST /auth/sign-in from the socket address `ip` (no cookies, so no CSRF token is needed). */
function signInFrom(t: TestContext, ip: string, email: string, password: string): Promise<Response> {
  return Promise.resolve(
    t.app.request(
      'http://test.localhost/api/v1/auth/sign-in',
      { method: 'POST', headers: { host: 'test.localhost', 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) },
      { incoming: { socket: { remoteAddress: ip } } },
    ),
  );
}

describe.each(testDatabases())('sign-in limits on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('slows a guesser down after 5 failures: 429 with Retry-After, growing, and no password check meanwhile', async () => {
    await createUser(t.deps, t.site.id, { email: 'fay@example.org', name: 'Fay', password: 'fay-password-1', confirmed: true });
    const ip = '198.51.100.1';
    for (let i = 0; i < SIGN_IN_BACKOFF.emailClient.free; i++)
      expect((await signInFrom(t, ip, 'fay@example.org', `wrong-${i}-password`)).status).toBe(401);
    const slowed = await signInFrom(t, ip, 'fay@example.org', 'wrong-5-password');
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('1');
    expect((await slowed.json()).error.code).toBe('rate_limited');
    // Even the right password waits: answering it would tell a guesser it was right.
    expect((await signInFrom(t, ip, 'fay@example.org', 'fay-password-1')).status).toBe(429);
    t.clock.advance(1000);
    expect((await signInFrom(t, ip, 'fay@example.org', 'wrong-6-password')).status).toBe(401);
    const longer = await signInFrom(t, ip, 'fay@example.org', 'wrong-7-password');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');
    // After the back-off the right password works, and clears this client's failures.
    t.clock.advance(2000);
    expect((await signInFrom(t, ip, 'fay@example.org', 'fay-password-1')).status).toBe(200);
    // Failures are free again, until the email's failures from every client reach 10 (6 so far):
    // then it is under attack and one failure per client is free.
    for (let i = 0; i < 4; i++) expect((await signInFrom(t, ip, 'fay@example.org', `again-${i}-password`)).status).toBe(401);
    expect((await signInFrom(t, ip, 'fay@example.org', 'again-4-password')).status).toBe(429);
  });

  it("keeps an attacker's 100 failures from locking the owner out beyond a short back-off", async () => {
    await createUser(t.deps, t.site.id, { email: 'gil@example.org', name: 'Gil', password: 'gil-password-1', confirmed: true });
    let checked = 0;
    // One attacker address hammering, and a few others joining in: the email is under attack.
    for (let i = 0; i < 100; i++) {
      const res = await signInFrom(t, `203.0.113.${i % 4}`, 'gil@example.org', `guess-${i}-password`);
      expect([401, 429]).toContain(res.status);
      if (res.status === 401) checked++;
      t.clock.advance(500);
    }
    // 50 s of guessing from 4 addresses got about 5 free guesses each plus a few slowed ones, not 100.
    expect(checked).toBeLessThan(40);
    // The owner, from their own address, signs in at once.
    expect((await signInFrom(t, '192.0.2.10', 'gil@example.org', 'gil-password-1')).status).toBe(200);
    // A typo while under attack buys a short back-off of the owner's own, which the attacker cannot extend.
    expect((await signInFrom(t, '192.0.2.11', 'gil@example.org', 'gil-pasword-1')).status).toBe(401);
    const wait = await signInFrom(t, '192.0.2.11', 'gil@example.org', 'gil-password-1');
    expect(wait.status).toBe(429);
    const retryAfter = Number(wait.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter * 1000).toBeLessThanOrEqual(SIGN_IN_BACKOFF.emailClient.maxMs);
    for (let i = 0; i < 20; i++) {
      await signInFrom(t, '203.0.113.0', 'gil@example.org', `more-${i}-password`);
      t.clock.advance((retryAfter * 1000) / 20);
    }
    expect((await signInFrom(t, '192.0.2.11', 'gil@example.org', 'gil-password-1')).status).toBe(200);
  });

  it('never slows people who sign in correctly, however many share one address or one email', async () => {
    // One shared password hash keeps the setup fast (argon2 is slow on purpose).
    const passwordHash = await hashPassword('office-password-1');
    const now = t.deps.clock.now();
    const emails = Array.from({ length: 52 }, (_, i) => `clerk${i}@office.example`);
    await t.deps.db.insert(users).values(
      emails.map((email) => ({
        id: newId(),
        siteId: t.site.id,
        email,
        name: email,
        passwordHash,
        emailConfirmedAt: now,
        locale: null,
        createdAt: now,
      })),
    );
    const ip = '100.64.0.1';
    // More than the old per-client limit (50 in 15 minutes), all from one office address.
    for (const email of emails) expect((await signInFrom(t, ip, email, 'office-password-1')).status, email).toBe(200);
    // More than the old per-email limit (10 in 15 minutes) for one person.
    for (let i = 0; i < 11; i++) expect((await signInFrom(t, ip, emails[0], 'office-password-1')).status).toBe(200);
    // A few typos in the office slow no one else.
    for (const email of emails.slice(0, 5)) expect((await signInFrom(t, ip, email, 'office-pasword-1')).status).toBe(401);
    for (const email of emails.slice(5, 10)) expect((await signInFrom(t, ip, email, 'office-password-1')).status).toBe(200);
  });

  it('slows one address spraying passwords over many emails after 50 failures', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < SIGN_IN_BACKOFF.client.free; i++)
      expect((await signInFrom(t, ip, `nobody${i}@spray.example`, 'Summer2026!!')).status).toBe(401);
    const slowed = await signInFrom(t, ip, 'nobody-else@spray.example', 'Summer2026!!');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts parallel guesses: a burst cannot slip past the back-off', async () => {
    await createUser(t.deps, t.site.id, { email: 'hal@example.org', name: 'Hal', password: 'hal-password-1', confirmed: true });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signInFrom(t, '198.51.100.99', 'hal@example.org', `burst-${i}-password`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_BACKOFF.emailClient.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - SIGN_IN_BACKOFF.emailClient.free);
  });
});
