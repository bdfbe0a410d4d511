import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, startMailbox, testDatabases, type TestContext } from '../../server/testing.js';
import { createSmtpMailer } from '../notifications/index.js';
import { shortReference } from './core/reference.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests } from './store/tables.js';

/** A multipart form post with the CSRF field, like a browser without JavaScript. */
function post(c: ReturnType<typeof createClient>, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new FormData();
  body.set('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return c.request(`/service-requests/new?service=${fields.service}`, { method: 'POST', body, headers });
}

const idOf = (res: Response) => {
  expect(res.status).toBe(302);
  return (res.headers.get('location') ?? '').split('/').pop()!.split('?')[0];
};

describe.each(testDatabases())('who reported, the receipt, and the nearby check on %s', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let mailer: ReturnType<typeof createSmtpMailer>;
  let key = 0;
  const pothole = (fields: Record<string, string>) => ({
    service: 'POTHOLE',
    intent: 'submit',
    nearby_checked: '1',
    idempotency_key: `reporter-key-${String(++key).padStart(4, '0')}`,
    'attribute[SIZE]': 'small',
    description: 'A deep hole',
    ...fields,
  });

  beforeAll(async () => {
    const pages = await builtPages();
    mailbox = await startMailbox();
    mailer = createSmtpMailer(`smtp://127.0.0.1:${mailbox.port}?starttls=off`, 'Polity <no-reply@test>');
    t = await createTestContext(kind, { pages, transport: mailer });
    agencies = await seedCatalogue(t.deps, t.site.id);
  });
  afterAll(async () => {
    await t?.close();
    mailer?.close();
    await mailbox?.close();
  });

  it('shows staff the name and e-mail a signed-out reporter gave, "Anonymous" when none was given, and never the e-mail in public', async () => {
    const resident = createClient(t);
    const named = idOf(
      await post(resident, pothole({ lat: '40.031', long: '-3.731', name: 'Rosa Parks', email: 'rosa@example.org', notify: 'none' })),
    );
    const nameless = idOf(await post(resident, pothole({ lat: '40.032', long: '-3.732', notify: 'none' })));
    const staff = await signedInClient(t, 'agency_staff', { agencyId: agencies.roads });

    const inbox = await (await staff.get(`/service-requests/inbox/${named}`)).text();
    const reporter = /<dt>Reported by<\/dt><dd>([^<]*)<\/dd>/.exec(inbox)?.[1];
    expect(reporter).toBe('Rosa Parks · rosa@example.org');
    const none = await (await staff.get(`/service-requests/inbox/${nameless}`)).text();
    expect(/<dt>Reported by<\/dt><dd>([^<]*)<\/dd>/.exec(none)?.[1]).toBe('Anonymous');

    const publicPage = await (await resident.get(`/service-requests/reports/${named}`)).text();
    expect(publicPage).toContain('A deep hole');
    expect(publicPage).not.toContain('rosa@example.org');
    expect(publicPage).not.toContain('Rosa Parks');
  });

  it('mails the reporter a receipt with the short reference and the link, in the language of the form, through SMTP', async () => {
    const c = createClient(t);
    const id = idOf(
      await post(c, pothole({ lat: '40.033', long: '-3.733', address: '12 Calle Mayor', email: 'ines@example.org', notify: 'email' }), {
        'accept-language': 'es',
      }),
    );
    const [row] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id));
    expect(row.email).toBe('ines@example.org');
    await t.drainJobs();
    const mail = mailbox.mails.find((m) => m.to.includes('ines@example.org'));
    expect(mail, 'the receipt reached the SMTP server').toBeDefined();
    const ref = shortReference(id);
    expect(ref).toMatch(/^[0-9A-F]{8}$/);
    expect(mail!.subject).toBe(`Aviso recibido: Bache (ref. ${ref})`);
    expect(mail!.text).toContain(`Su referencia: ${ref}`);
    expect(mail!.text).toContain('Lugar: 12 Calle Mayor');
    expect(mail!.text).toContain(`http://test.localhost/service-requests/reports/${id}`);
    expect(mail!.text).toMatch(/http:\/\/test\.localhost\/service-requests\/unsubscribe\?token=[A-Za-z0-9_-]+/);
    // The report's page shows the same reference.
    expect(await (await c.get(`/service-requests/reports/${id}`)).text()).toContain(ref);

    // The same form sent twice (same idempotency key) makes one report and one receipt.
    const before = mailbox.mails.length;
    await post(
      c,
      pothole({ lat: '40.033', long: '-3.733', email: 'ines@example.org', idempotency_key: `reporter-key-${String(key).padStart(4, '0')}` }),
    );
    await t.drainJobs();
    expect(mailbox.mails.length).toBe(before);
  });

  it('says no open report is near the given place, instead of asking for a position that was given', async () => {
    const c = createClient(t);
    const res = await post(c, pothole({ intent: 'nearby', nearby_checked: '', lat: '39.99', long: '-3.70' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('No open report of this kind within 250 m of this place.');
    expect(html).not.toContain('give a position');
    expect(html).not.toContain('Give the place');
    // Without any place, the check asks for one.
    const without = await (await post(c, pothole({ intent: 'nearby', nearby_checked: '' }))).text();
    expect(without).toContain('Give the place (an address, a place from the list or a point on the map) to check for open reports nearby.');
  });
});
