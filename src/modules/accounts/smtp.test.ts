import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { createClient, createTestContext, startMailbox, testDatabases, type TestContext } from '../../server/testing.js';
import { createSmtpMailer } from '../notifications/index.js';

describe.each(testDatabases())('accounts mail through a real SMTP server on %s', (kind) => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let t: TestContext;

  beforeAll(async () => {
    mailbox = await startMailbox();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${mailbox.port}?starttls=off`, 'Polity <no-reply@test>');
    t = await createTestContext(kind, { transport: mailer });
  });

  afterAll(async () => {
    await t.close();
    mailer.close();
    await mailbox.close();
  });

  it('delivers the confirmation link, and the link confirms the account', async () => {
    const c = createClient(t);
    const res = await c.api('POST', '/auth/sign-up', { email: 'smtp@example.org', name: 'Sam', password: 'smtp-password-1', consent: true });
    expect(res.status).toBe(202);
    expect(await t.drainJobs()).toBeGreaterThanOrEqual(1);
    const mail = mailbox.mails.find((m) => m.to.includes('smtp@example.org'));
    expect(mail, 'a mail reached the SMTP server').toBeDefined();
    expect(mail!.subject).toBe('Confirm your email address for Test city');
    const token = /http:\/\/test\.localhost\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();
    expect((await c.api('POST', '/auth/sign-in', { email: 'smtp@example.org', password: 'smtp-password-1' })).status).toBe(403);
    const confirmed = await c.api('POST', '/auth/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect((await (await c.api('GET', '/me')).json()).email).toBe('smtp@example.org');
  });
});
