import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { createApiKey } from './commands/api-keys.js';
import { rotateWebhookSecret, saveAgencyContact } from './commands/catalogue.js';
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './commands/webhooks.js';
import { seedCatalogue } from './seed/catalogue.js';
import { findAgencyContact } from './store/catalogue.js';

interface Received {
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  verdict: string | null;
}

/**
 * A real receiver on loopback, as an agency would write it: it verifies the signature with the
 * secret it was given (`secretOf()` at the time of the call) and answers 401 when it fails.
 */
async function startReceiver(secretOf: () => string, now: () => Date): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const timestamp = req.headers[WEBHOOK_TIMESTAMP_HEADER.toLowerCase()] as string | undefined;
      const signature = req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string | undefined;
      const verdict = verifyWebhook(secretOf(), { timestamp, signature }, body, now());
      received.push({ body, timestamp, signature, verdict });
      res.writeHead(verdict ? 401 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(testDatabases())('signed agency webhooks (%s)', (kind) => {
  let t: TestContext;
  let agencies: Record<string, string>;
  let key: string;

  beforeAll(async () => {
    t = await createTestContext(kind);
    agencies = await seedCatalogue(t.deps, t.site.id);
    key = (await createApiKey(t.deps, t.site.id, { name: 'webhook test' })).key;
    await t.drainJobs();
  });
  afterAll(async () => t?.close());

  const postBulky = async (description: string) => {
    const res = await t.app.request('http://test.localhost/open311/v2/requests.json', {
      method: 'POST',
      headers: { host: 'test.localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'BULKY',
        address_string: '2 Main St',
        'attribute[ITEMS]': 'appliance',
        description,
      }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { service_request_id: string }[])[0].service_request_id;
  };

  it('signs each POST with the agency secret; a receiver holding the secret verifies it, a wrong secret does not', async () => {
    let secret = '';
    const receiver = await startReceiver(
      () => secret,
      () => t.clock.now(),
    );
    try {
      await saveAgencyContact(t.deps, t.site.id, { agencyId: agencies.waste, notifyEmail: null, webhookUrl: receiver.url });
      const contact = await findAgencyContact(t.deps.db, t.site.id, agencies.waste);
      expect(contact?.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      secret = contact?.webhookSecret as string;
      const id = await postBulky('Old fridge');
      await t.drainJobs();
      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      expect(got.verdict).toBeNull();
      expect(JSON.parse(got.body)).toMatchObject({ event: 'service_request.created', service_request_id: id });
      expect(got.timestamp).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
      expect(got.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      // The same delivery checked with another secret, with a changed body, or too late, fails.
      const headers = { timestamp: got.timestamp, signature: got.signature };
      expect(verifyWebhook('whsec_wrong', headers, got.body, t.clock.now())).toBe('signature does not match');
      expect(verifyWebhook(secret, headers, got.body.replace('Old fridge', 'New fridge'), t.clock.now())).toBe('signature does not match');
      expect(verifyWebhook(secret, headers, got.body, new Date(t.clock.now().getTime() + 10 * 60_000))).toBe('timestamp too far from now');
      expect(verifyWebhook(secret, { timestamp: undefined, signature: got.signature }, got.body, t.clock.now())).toMatch(/timestamp/);
      // Saving the contact again keeps the secret.
      await saveAgencyContact(t.deps, t.site.id, { agencyId: agencies.waste, notifyEmail: 'desk@city.example', webhookUrl: receiver.url });
      expect((await findAgencyContact(t.deps.db, t.site.id, agencies.waste))?.webhookSecret).toBe(secret);
    } finally {
      await receiver.close();
    }
  });

  it('after rotation the receiver holding the old secret refuses (401), the job retries, and the new secret verifies', async () => {
    let secret = '';
    const receiver = await startReceiver(
      () => secret,
      () => t.clock.now(),
    );
    try {
      await saveAgencyContact(t.deps, t.site.id, { agencyId: agencies.waste, notifyEmail: null, webhookUrl: receiver.url });
      secret = (await findAgencyContact(t.deps.db, t.site.id, agencies.waste))?.webhookSecret as string;
      const rotated = await rotateWebhookSecret(t.deps, t.site.id, agencies.waste);
      expect(rotated).not.toBe(secret);
      await postBulky('Sofa on the pavement');
      await t.drainJobs();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].verdict).toBe('signature does not match');
      // The agency installs the new secret; the retry (signed afresh) goes through.
      secret = rotated;
      t.clock.advance(5 * 60_000);
      await t.drainJobs();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1].verdict).toBeNull();
      expect(receiver.received[1].body).toBe(receiver.received[0].body);
      t.clock.advance(60 * 60_000);
      await t.drainJobs();
      expect(receiver.received).toHaveLength(2); // delivered: no more tries
    } finally {
      await receiver.close();
    }
  });

  it('signs exactly timestamp.body (the documented recipe)', () => {
    const h = signWebhook('s3cret', '{"a":1}', new Date('2026-03-02T10:00:00Z'));
    expect(h[WEBHOOK_TIMESTAMP_HEADER]).toBe('1772445600');
    expect(h[WEBHOOK_SIGNATURE_HEADER]).toBe(`sha256=${createHmac('sha256', 's3cret').update('1772445600.{"a":1}').digest('hex')}`);
  });

  it('admins rotate the secret over the API; others are refused and bad agencies are named', async () => {
    const admin = await signedInClient(t, 'admin');
    const res = await admin.api('POST', `/service-requests/agency-contacts/${agencies.waste}/webhook-secret`);
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect((await findAgencyContact(t.deps.db, t.site.id, agencies.waste))?.webhookSecret).toBe(secret);
    const bad = await admin.api('POST', '/service-requests/agency-contacts/not-an-agency/webhook-secret');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/agencyId/);
    const staff = await signedInClient(t, 'agency_staff', { agencyId: agencies.waste });
    expect((await staff.api('POST', `/service-requests/agency-contacts/${agencies.waste}/webhook-secret`)).status).toBe(403);
  });
});
