import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { createApiKey, revokeApiKey } from './commands/api-keys.js';
import { OPEN311_POSTS_PER_MINUTE } from './routes/open311.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests } from './store/tables.js';
import { DISCOVERY_SCHEMA, ERRORS_SCHEMA, loadOpen311Spec } from './test-helpers.js';

const spec = loadOpen311Spec();

/** Mail in the test site's outbox to one address. */
const mailTo = async (t: TestContext, to: string) => (await listOutbox(t.deps.db, t.site.id, 1000)).filter((m) => m.to === to);
const BASE = '/open311/v2';

/** Validates an Open311 error answer in both its JSON form and (when XML) parsed back. */
async function expectErrors(res: Response, status: number, fmt: 'json' | 'xml' = 'json'): Promise<string> {
  expect(res.status).toBe(status);
  const text = await res.text();
  let body: unknown;
  if (fmt === 'xml') {
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    const { root, body: b } = spec.parseXml(text);
    expect(root).toBe('errors');
    body = spec.typeLike(b, { type: 'array', items: { type: 'object', properties: { code: { type: 'integer' }, description: { type: 'string' } } } });
  } else body = JSON.parse(text);
  spec.checkWith('errors', ERRORS_SCHEMA, body);
  return (body as { description: string }[]).map((e) => e.description).join(' | ');
}

describe.each(testDatabases())('Open311 GeoReport v2 server (%s)', (kind) => {
  let t: TestContext;
  let key: string;
  let agencies: Record<string, string>;
  let client: ReturnType<typeof createClient>;
  const post = (fields: Record<string, string | string[]>, fmt = 'json', extraHeaders: Record<string, string> = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return client.request(`${BASE}/requests.${fmt}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders },
      body: body.toString(),
    });
  };
  const getJson = async (path: string) => {
    const res = await client.get(`${BASE}/${path}`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    return { res, body: (await res.json()) as unknown };
  };
  const getXml = async (path: string) => {
    const res = await client.get(`${BASE}/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    return spec.parseXml(await res.text());
  };
  const pothole = { service_code: 'POTHOLE', lat: '40.02', long: '-3.72', 'attribute[SIZE]': 'large', description: 'Deep hole by the bus stop' };

  beforeAll(async () => {
    t = await createTestContext(kind);
    agencies = await seedCatalogue(t.deps, t.site.id);
    key = (await createApiKey(t.deps, t.site.id, { name: 'test client' })).key;
    client = createClient(t);
  });
  afterAll(async () => t?.close());

  it('answers discovery in JSON and XML', async () => {
    const { res, body } = await getJson('discovery.json');
    expect(res.status).toBe(200);
    spec.checkWith('discovery', DISCOVERY_SCHEMA, body);
    expect((body as { endpoints: { url: string }[] }).endpoints[0].url).toBe('http://test.localhost/open311/v2');
    const xml = await getXml('discovery.xml');
    expect(xml.root).toBe('discovery');
    const typed = { ...(xml.body as Record<string, unknown>) };
    typed.endpoints = ((typed.endpoints as { endpoint: Record<string, unknown>[] }).endpoint ?? []).map((e) => ({
      ...e,
      formats: (e.formats as { format: string[] }).format,
    }));
    spec.checkWith('discovery', DISCOVERY_SCHEMA, typed);
  });

  it('lists services and their definitions, valid against the spec in both formats', async () => {
    const { body } = await getJson('services.json');
    spec.check('/services.{response_format}', body);
    const list = body as { service_code: string; metadata: boolean; group?: string; keywords?: string }[];
    expect(list.map((s) => s.service_code)).toEqual(['BULKY', 'GRAFFITI', 'INQUIRY', 'POTHOLE', 'STREETLIGHT', 'TREE']);
    expect(list.find((s) => s.service_code === 'POTHOLE')).toMatchObject({ metadata: true, group: 'Streets', keywords: 'road, hole, asphalt' });
    const xml = await getXml('services.xml');
    expect(xml.root).toBe('services');
    const typed = spec.typeLike(xml.body, spec.responseSchema('/services.{response_format}'));
    spec.check('/services.{response_format}', typed);
    expect(typed).toEqual(body);

    const def = await getJson('services/BULKY.json');
    spec.check('/services/{service_code}.{response_format}', def.body);
    const attrs = (def.body as { attributes: { code: string; datatype: string; values?: unknown[] }[] }).attributes;
    expect(attrs.map((a) => [a.code, a.datatype])).toEqual([
      ['ITEMS', 'multivaluelist'],
      ['PICKUP', 'datetime'],
    ]);
    const defXml = await getXml('services/BULKY.xml');
    expect(defXml.root).toBe('service_definition');
    const defTyped = spec.typeLike(defXml.body, { $ref: '#/definitions/ServiceDefinition' });
    spec.check('/services/{service_code}.{response_format}', defTyped);
    expect(defTyped).toEqual(def.body);
  });

  it('answers unknown services, resources and jurisdictions with the error list', async () => {
    expect(await expectErrors(await client.get(`${BASE}/services/NOPE.json`), 404)).toMatch(/service_code: no service has the code "NOPE"/);
    expect(await expectErrors(await client.get(`${BASE}/services/NOPE.xml`), 404, 'xml')).toMatch(/NOPE/);
    expect(await expectErrors(await client.get(`${BASE}/services.json?jurisdiction_id=atlantis`), 404)).toMatch(/jurisdiction_id/);
    await expectErrors(await client.get(`${BASE}/widgets.json`), 404);
    await expectErrors(await client.get(`${BASE}/services.csv`), 404);
  });

  it('refuses POST without a valid API key, and after the key is revoked', async () => {
    expect(await expectErrors(await post(pothole), 403)).toMatch(/api_key: is required/);
    expect(await expectErrors(await post({ ...pothole, api_key: 'o311_guess' }), 403)).toMatch(/api_key: is not a valid key/);
    const spare = await createApiKey(t.deps, t.site.id, { name: 'spare' });
    expect((await post({ ...pothole, api_key: spare.key })).status).toBe(200);
    await revokeApiKey(t.deps, t.site.id, spare.id);
    expect(await expectErrors(await post({ ...pothole, api_key: spare.key }, 'xml'), 403, 'xml')).toMatch(/api_key/);
  });

  it('refuses bad reports, naming the field or the attribute, and stores nothing', async () => {
    const before = await t.deps.db.select().from(srRequests);
    expect(await expectErrors(await post({ ...pothole, api_key: key, 'attribute[SIZE]': 'enormous' }), 400)).toMatch(
      /attribute\[SIZE\]: SIZE has no option "enormous"/,
    );
    expect(await expectErrors(await post({ ...pothole, api_key: key, 'attribute[SIZE]': '' }), 400)).toMatch(/SIZE is required/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, 'attribute[DEPTH]': 'deep' }), 400)).toMatch(
      /attribute\[DEPTH\]: DEPTH must be a number/,
    );
    expect(await expectErrors(await post({ api_key: key, service_code: 'POTHOLE', 'attribute[SIZE]': 'small' }), 400)).toMatch(/location/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, lat: '123' }), 400)).toMatch(/lat/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, lat: 'north' }), 400)).toMatch(/lat: must be a decimal number/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, long: '' }), 400)).toMatch(/long|lat/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, service_code: 'UFO' }), 400)).toMatch(/service_code/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, email: 'not-an-email' }), 400)).toMatch(/email/);
    expect(await expectErrors(await post({ ...pothole, api_key: key, description: 'x'.repeat(4001) }), 400)).toMatch(/description/);
    const multi = { api_key: key, service_code: 'BULKY', address_string: '1 Main St', 'attribute[ITEMS]': ['sofa'] };
    expect(await expectErrors(await post(multi, 'xml'), 400, 'xml')).toMatch(/ITEMS has no option "sofa"/);
    const json = await client.request(`${BASE}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: key }),
    });
    await expectErrors(json, 415);
    expect(await t.deps.db.select().from(srRequests)).toHaveLength(before.length);
  });

  it('creates reports (JSON and XML answers valid against the spec), routes them and honours idempotency keys', async () => {
    const res = await post({ ...pothole, api_key: key, email: 'ana@example.org', first_name: 'Ana', 'attribute[DEPTH]': '12' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { service_request_id: string; token: string; service_notice: string }[];
    spec.check('/requests.{response_format}', body, 'post');
    expect(body[0].service_notice).toBe('Target: resolved within 72 hours.');
    const [row] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, body[0].service_request_id));
    expect(row).toMatchObject({ agencyId: agencies.roads, status: 'open', attributes: { SIZE: 'large', DEPTH: 12 }, source: 'open311' });
    expect(row.expectedAt?.toISOString()).toBe('2026-03-05T10:00:00.000Z');

    const multi = {
      api_key: key,
      service_code: 'BULKY',
      address_string: '1 Main St',
      'attribute[ITEMS]': ['furniture', 'mattress'],
      'attribute[PICKUP]': '2026-03-04T08:00:00+01:00',
    };
    const xmlRes = await post(multi, 'xml');
    expect(xmlRes.status).toBe(200);
    const parsed = spec.parseXml(await xmlRes.text());
    expect(parsed.root).toBe('service_requests');
    const typed = spec.typeLike(parsed.body, spec.responseSchema('/requests.{response_format}', 'post'));
    spec.check('/requests.{response_format}', typed, 'post');
    const id = (typed as { service_request_id: string }[])[0].service_request_id;
    const [bulky] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id));
    expect(bulky).toMatchObject({
      agencyId: agencies.waste,
      address: '1 Main St',
      lat: null,
      attributes: { ITEMS: ['furniture', 'mattress'], PICKUP: '2026-03-04T07:00:00.000Z' },
    });

    // A tree in the park goes to Parks (the smaller area), a pothole there to Roads (the park area is for trees only).
    const tree = (await (await post({ api_key: key, service_code: 'TREE', lat: '40.0', long: '-3.70' })).json()) as { service_request_id: string }[];
    const inPark = (await (await post({ ...pothole, api_key: key, lat: '40.0', long: '-3.70' })).json()) as { service_request_id: string }[];
    const outside = (await (
      await post({ api_key: key, service_code: 'GRAFFITI', lat: '41.0', long: '-3.70', 'attribute[OFFENSIVE]': 'no' })
    ).json()) as { service_request_id: string }[];
    const agencyOf = async (rid: string) => (await t.deps.db.select().from(srRequests).where(eq(srRequests.id, rid)))[0].agencyId;
    expect(await agencyOf(tree[0].service_request_id)).toBe(agencies.parks);
    expect(await agencyOf(inPark[0].service_request_id)).toBe(agencies.roads);
    expect(await agencyOf(outside[0].service_request_id)).toBe(agencies['service-desk']); // no area, no service agency: fallback

    const headers = { 'idempotency-key': 'client-42-report-0001' };
    const first = (await (await post({ ...pothole, api_key: key }, 'json', headers)).json()) as { service_request_id: string }[];
    const again = await post({ ...pothole, api_key: key }, 'json', headers);
    expect(again.status).toBe(200);
    const replay = (await again.json()) as { service_request_id: string; service_notice: string }[];
    expect(replay[0].service_request_id).toBe(first[0].service_request_id);
    // A replay still tells the service's target time (the service is looked up again then).
    expect(replay[0].service_notice).toBe('Target: resolved within 72 hours.');
    const viaField = await post({ ...pothole, api_key: key, idempotency_key: 'client-42-report-0001' });
    expect(((await viaField.json()) as { service_request_id: string }[])[0].service_request_id).toBe(first[0].service_request_id);
    const sameKey = await t.deps.db.select().from(srRequests).where(eq(srRequests.idempotencyKey, 'client-42-report-0001'));
    expect(sameKey).toHaveLength(1);
    expect(await expectErrors(await post({ ...pothole, api_key: key }, 'json', { 'idempotency-key': 'short' }), 400)).toMatch(
      /Idempotency-Key: 8 to 128/,
    );
  });

  it('lists requests with the filters, the default window and paging, valid in JSON and XML', async () => {
    const { res, body } = await getJson('requests.json');
    expect(res.status).toBe(200);
    spec.check('/requests.{response_format}', body);
    const all = body as {
      service_request_id: string;
      status: string;
      service_code: string;
      agency_responsible?: string;
      requested_datetime: string;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.find((r) => r.service_code === 'TREE')?.agency_responsible).toBe('Parks and Green Spaces');
    expect(JSON.stringify(all)).not.toMatch(/ana@example.org|Ana/); // personal data stays in

    const xml = await getXml('requests.xml');
    expect(xml.root).toBe('service_requests');
    const typed = spec.typeLike(xml.body, spec.responseSchema('/requests.{response_format}'));
    spec.check('/requests.{response_format}', typed);
    expect(typed).toEqual(body);

    const potholes = (await getJson('requests.json?service_code=POTHOLE')).body as { service_code: string }[];
    expect(potholes.length).toBeGreaterThan(0);
    expect(potholes.every((r) => r.service_code === 'POTHOLE')).toBe(true);
    expect((await getJson('requests.json?status=closed')).body).toEqual([]);
    expect(((await getJson('requests.json?status=open,closed')).body as unknown[]).length).toBe(all.length);

    const two = all.slice(0, 2).map((r) => r.service_request_id);
    const byId = (await getJson(`requests.json?service_request_id=${two.join(',')}&service_code=NOPE`)).body as { service_request_id: string }[];
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([...two].sort()); // ids override the other filters

    const page1 = (await getJson('requests.json?page_size=2&page=1')).body as { service_request_id: string }[];
    const page2 = (await getJson('requests.json?page_size=2&page=2')).body as { service_request_id: string }[];
    expect(page1).toHaveLength(2);
    expect(page2).toHaveLength(2);
    expect(page1.map((r) => r.service_request_id)).toEqual(all.slice(0, 2).map((r) => r.service_request_id));
    expect(page2.map((r) => r.service_request_id)).toEqual(all.slice(2, 4).map((r) => r.service_request_id));

    // The default window is the last 90 days: a report made 100 days ago is left out unless asked for.
    const old = all[0].service_request_id;
    await t.deps.db
      .update(srRequests)
      .set({ requestedAt: new Date('2025-11-22T10:00:00Z'), updatedAt: new Date('2025-11-22T10:00:00Z') })
      .where(eq(srRequests.id, old));
    const now = (await getJson('requests.json')).body as { service_request_id: string }[];
    expect(now.map((r) => r.service_request_id)).not.toContain(old);
    const window = (await getJson('requests.json?start_date=2025-11-01T00:00:00Z&end_date=2025-12-01T00:00:00Z')).body as {
      service_request_id: string;
    }[];
    expect(window.map((r) => r.service_request_id)).toEqual([old]);
    const since = (await getJson('requests.json?updated_after=2026-03-01T00:00:00Z')).body as { service_request_id: string }[];
    expect(since.map((r) => r.service_request_id)).not.toContain(old);
    expect(since.length).toBe(all.length - 1);

    expect(await expectErrors(await client.get(`${BASE}/requests.json?status=pending`), 400)).toMatch(/status/);
    expect(await expectErrors(await client.get(`${BASE}/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z`), 400)).toMatch(
      /90 days/,
    );
    expect(await expectErrors(await client.get(`${BASE}/requests.xml?start_date=yesterday`), 400, 'xml')).toMatch(/start_date/);
    expect(await expectErrors(await client.get(`${BASE}/requests.json?page_size=5000`), 400)).toMatch(/page_size/);
    expect(await expectErrors(await client.get(`${BASE}/requests.json?page=0`), 400)).toMatch(/page/);
    expect(await expectErrors(await client.get(`${BASE}/requests.json?end_date=2026-01-01T00:00:00Z&start_date=2026-02-01T00:00:00Z`), 400)).toMatch(
      /end_date/,
    );
  });

  it('answers one request, and tokens, in both formats', async () => {
    const created = (await (await post({ ...pothole, api_key: key })).json()) as { service_request_id: string; token: string }[];
    const { service_request_id: id, token } = created[0];
    const list = (await getJson(`requests/${id}.json`)).body as { service_request_id: string }[];
    spec.check('/requests.{response_format}', list); // a list of one, as the spec text shows
    expect(list).toHaveLength(1);
    const single = (await getJson(`request/${id}.json`)).body;
    spec.check('/request/{service_request_id}.{response_format}', single); // the Swagger file's path and shape
    expect(single).toEqual(list[0]);
    const xml = await getXml(`requests/${id}.xml`);
    const typed = spec.typeLike(xml.body, spec.responseSchema('/requests.{response_format}'));
    spec.check('/requests.{response_format}', typed);
    expect(typed).toEqual(list);
    expect(await expectErrors(await client.get(`${BASE}/requests/not-an-id.json`), 404)).toMatch(/service_request_id/);
    expect(await expectErrors(await client.get(`${BASE}/requests/00000000-0000-4000-8000-000000000000.xml`), 404, 'xml')).toMatch(
      /service_request_id/,
    );

    const tok = (await getJson(`tokens/${token}.json`)).body;
    spec.check('/tokens/{token_id}.{response_format}', tok);
    expect(tok).toEqual({ service_request_id: id, token });
    const tokXml = await getXml(`tokens/${token}.xml`);
    const tokTyped = (spec.typeLike(tokXml.body, { type: 'array', items: { $ref: '#/definitions/TokenResponse' } }) as unknown[])[0];
    spec.check('/tokens/{token_id}.{response_format}', tokTyped);
    expect(tokTyped).toEqual(tok);
    expect(await expectErrors(await client.get(`${BASE}/tokens/nope.json`), 404)).toMatch(/token/);
  });

  it('selects the site by jurisdiction_id', async () => {
    const other = await t.addSite('riverside', 'riverside.localhost');
    await seedCatalogue(t.deps, other.id);
    const otherKey = (await createApiKey(t.deps, other.id, { name: 'riverside' })).key;
    expect(await expectErrors(await post({ ...pothole, api_key: key, jurisdiction_id: 'riverside' }), 403)).toMatch(/api_key/); // keys are per site
    const res = await post({ ...pothole, api_key: otherKey, jurisdiction_id: 'riverside' });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { service_request_id: string }[])[0].service_request_id;
    expect((await getJson(`requests.json?jurisdiction_id=riverside`)).body).toEqual([expect.objectContaining({ service_request_id: id })]);
    expect(
      ((await getJson('requests.json?jurisdiction_id=test')).body as { service_request_id: string }[]).map((r) => r.service_request_id),
    ).not.toContain(id);
    await expectErrors(await client.get(`${BASE}/requests/${id}.json`), 404);
  });

  it('rate-limits POSTs per key', async () => {
    const limited = (await createApiKey(t.deps, t.site.id, { name: 'busy client' })).key;
    const statuses: number[] = [];
    for (let i = 0; i <= OPEN311_POSTS_PER_MINUTE; i++) statuses.push((await post({ api_key: limited, service_code: 'UFO' })).status);
    expect(statuses.slice(0, OPEN311_POSTS_PER_MINUTE).every((s) => s === 400)).toBe(true);
    const res = await post({ ...pothole, api_key: limited });
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await expectErrors(res, 429)).toMatch(/api_key: at most 60/);
    t.clock.advance(61_000);
    expect((await post({ ...pothole, api_key: limited })).status).toBe(200);
  });

  it('tells the agency of a new report by email and by webhook (a real loopback server)', async () => {
    const received: { body: string; type: string | undefined }[] = [];
    const server: Server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ body: data, type: req.headers['content-type'] });
        res.writeHead(received.length === 1 ? 503 : 204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const { saveAgencyContact } = await import('./commands/catalogue.js');
      await t.drainJobs(); // earlier reports' notifications go out first, to the old contact
      await saveAgencyContact(t.deps, t.site.id, {
        agencyId: agencies.waste,
        notifyEmail: 'waste-desk@city.example',
        webhookUrl: `http://127.0.0.1:${port}/hook`,
      });
      const res = await post({
        api_key: key,
        service_code: 'BULKY',
        address_string: '2 Main St',
        'attribute[ITEMS]': 'appliance',
        description: 'Old fridge',
      });
      const id = ((await res.json()) as { service_request_id: string }[])[0].service_request_id;
      await t.drainJobs();
      const mails = await mailTo(t, 'waste-desk@city.example');
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toMatch(/^New report [0-9A-F]{8}: Bulky waste collection — 2 Main St$/);
      expect(mails[0].text).toContain(`http://test.localhost/service-requests/inbox/${id}`);
      expect(received).toHaveLength(1); // the first call got 503: retried later
      t.clock.advance(5 * 60_000);
      await t.drainJobs();
      expect(received).toHaveLength(2);
      expect(JSON.parse(received[1].body)).toMatchObject({
        event: 'service_request.created',
        service_request_id: id,
        service_code: 'BULKY',
        status: 'open',
      });
      expect(received[1].type).toBe('application/json');
      expect(await mailTo(t, 'waste-desk@city.example')).toHaveLength(1); // not mailed twice
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('escalates overdue reports once, at their due time, by a job (fixed clock)', async () => {
    const res = await post({ api_key: key, service_code: 'STREETLIGHT', lat: '40.01', long: '-3.74' });
    const id = ((await res.json()) as { service_request_id: string }[])[0].service_request_id;
    await t.drainJobs();
    const escalations = () => mailTo(t, 'roads-lead@city.example');
    const before = (await escalations()).filter((m) => m.subject.includes(id.slice(0, 8)));
    expect(before).toHaveLength(0);
    t.clock.advance(119 * 3_600_000);
    await t.drainJobs();
    expect((await escalations()).filter((m) => m.subject.includes(id.slice(0, 8)))).toHaveLength(0);
    t.clock.advance(2 * 3_600_000);
    await t.drainJobs();
    const mails = (await escalations()).filter((m) => m.subject.includes(id.slice(0, 8).toUpperCase()));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(/target: 120 hours/);
    const [row] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, id));
    expect(row.escalatedAt).not.toBeNull();
    const { escalateOverdue } = await import('./commands/jobs.js');
    await escalateOverdue(t.deps, t.site.id);
    await t.drainJobs();
    expect((await escalations()).filter((m) => m.subject.includes(id.slice(0, 8).toUpperCase()))).toHaveLength(1);
  });
});
