import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createApiKey } from './commands/api-keys.js';
import { MAX_IDS, MAX_SERVICE_CODES } from './routes/open311.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests, srUpdates } from './store/tables.js';

/**
 * Hostile Open311 input: every bad form field and query parameter gets a 400 (404 for a bad
 * path) in Open311's error list, naming the parameter as the client sent it and the reason; none
 * gets a 500, and no report or timeline row is stored by a refused POST.
 */
const BASE = '/open311/v2';
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'error' });

/** The `field: reason` descriptions of an Open311 error answer (JSON or XML), checked for shape. */
async function errorsOf(res: Response, fmt: 'json' | 'xml'): Promise<string[]> {
  const text = await res.text();
  const list: unknown = fmt === 'json' ? JSON.parse(text) : (xml.parse(text) as { errors: { error: unknown[] } }).errors.error;
  expect(Array.isArray(list)).toBe(true);
  return (list as { code: unknown; description: unknown }[]).map((e) => {
    expect(Number(e.code)).toBe(res.status);
    expect(typeof e.description).toBe('string');
    return e.description as string;
  });
}

/** A deterministic generator (mulberry32), so a failing random case can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testDatabases())('Open311 forms under hostile input (%s)', (kind) => {
  let t: TestContext;
  let key: string;
  let client: ReturnType<typeof createClient>;
  const good = { service_code: 'POTHOLE', lat: '40.02', long: '-3.72', 'attribute[SIZE]': 'large', description: 'Deep hole by the bus stop' };
  const { description: _, ...bare } = good;
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return body.toString();
  };
  /** POSTs a body; the clock moves a minute first so the per-key rate limit never answers instead. */
  const post = (body: string | Uint8Array, fmt: 'json' | 'xml' = 'json', type = 'application/x-www-form-urlencoded') => {
    t.clock.advance(61_000);
    return client.request(`${BASE}/requests.${fmt}`, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
  };
  const rows = async () => ({
    requests: (await t.deps.db.select().from(srRequests)).length,
    updates: (await t.deps.db.select().from(srUpdates)).length,
  });

  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedCatalogue(t.deps, t.site.id);
    key = (await createApiKey(t.deps, t.site.id, { name: 'fuzz' })).key;
    client = createClient(t);
  });
  afterAll(async () => t?.close());

  const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  // prettier-ignore
  const posts: [label: string, body: () => string | Uint8Array, field: string, reason: RegExp][] = [
    ['a javascript: media_url', () => form({ ...good, api_key: key, media_url: 'javascript:alert(1)' }), 'media_url', /http:\/\/ or https:\/\//],
    ['a data: media_url', () => form({ ...good, api_key: key, media_url: 'data:text/html,<script>1</script>' }), 'media_url', /http:\/\/ or https:\/\//],
    ['an ftp media_url', () => form({ ...good, api_key: key, media_url: 'ftp://example.org/a.jpg' }), 'media_url', /http/],
    ['lat NaN', () => form({ ...good, api_key: key, lat: 'NaN' }), 'lat', /decimal number/],
    ['lat Infinity', () => form({ ...good, api_key: key, lat: 'Infinity' }), 'lat', /decimal number/],
    ['long -Infinity', () => form({ ...good, api_key: key, long: '-Infinity' }), 'long', /decimal number/],
    ['lat of 400 digits', () => form({ ...good, api_key: key, lat: '9'.repeat(400) }), 'lat', /decimal number/],
    ['lat 1e5', () => form({ ...good, api_key: key, lat: '1e5' }), 'lat', /decimal number/],
    ['lat 95', () => form({ ...good, api_key: key, lat: '95' }), 'lat', /-90 to 90/],
    ['lat -90.5', () => form({ ...good, api_key: key, lat: '-90.5' }), 'lat', /-90 to 90/],
    ['long 180.01', () => form({ ...good, api_key: key, long: '180.01' }), 'long', /-180 to 180/],
    ['long without lat', () => form({ ...good, api_key: key, lat: '' }), 'lat', /both lat and long/],
    ['lat given twice', () => form({ ...good, api_key: key, lat: ['40.02', '41'] }), 'lat', /given 2 times/],
    ['description given twice', () => form({ ...good, api_key: key, description: ['a', 'b'] }), 'description', /given 2 times/],
    ['a description of 200,000 characters', () => form({ ...good, api_key: key, description: 'x'.repeat(200_000) }), 'description', /at most 4,000/],
    ['a Latin-1 %E9 in the description', () => `${form({ ...bare, api_key: key })}&description=caf%E9`, 'description', /not (valid )?UTF-8/],
    ['a raw Latin-1 byte in the description', () => latin1(`${form({ ...bare, api_key: key })}&description=caf\u00e9`), 'description', /not (valid )?UTF-8/],
    ['a malformed %ZZ in the description', () => `${form({ ...bare, api_key: key })}&description=100%ZZ`, 'description', /not (valid )?UTF-8/],
    ['a description cut in a %-escape', () => `${form({ ...bare, api_key: key })}&description=abc%E2%82`, 'description', /not (valid )?UTF-8/],
    ['a UTF-16 body with its BOM', () => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(form({ ...good, api_key: key }), 'utf16le')])), 'body', /must not contain NUL bytes/],
    ['an attribute answer of 100,000 digits', () => form({ ...good, api_key: key, 'attribute[DEPTH]': '9'.repeat(100_000) }), 'attribute[DEPTH]', /must be a number, got "9{80}…"$/],
    ['an attribute answer NaN', () => form({ ...good, api_key: key, 'attribute[DEPTH]': 'NaN' }), 'attribute[DEPTH]', /must be a number/],
    ['an attribute answer Infinity', () => form({ ...good, api_key: key, 'attribute[DEPTH]': 'Infinity' }), 'attribute[DEPTH]', /must be a number/],
    ['an attribute answer 1e400', () => form({ ...good, api_key: key, 'attribute[DEPTH]': '1e400' }), 'attribute[DEPTH]', /must be a number/],
    ['an option that does not exist', () => form({ ...good, api_key: key, 'attribute[SIZE]': 'enormous' }), 'attribute[SIZE]', /no option "enormous"/],
    ['a single-value attribute given twice', () => form({ ...good, api_key: key, 'attribute[SIZE][]': ['large', 'small'] }), 'attribute[SIZE]', /takes one value, got 3/],
    ['an unknown attribute', () => form({ ...good, api_key: key, 'attribute[COLOUR]': 'red' }), 'attribute[COLOUR]', /not an attribute/],
    ['an attribute without a code', () => form({ ...good, api_key: key, 'attribute[]': 'x' }), 'attribute[]', /attribute\[CODE\]/],
    ['a nested attribute', () => form({ ...good, api_key: key, 'attribute[SIZE][a][b][c]': 'x' }), 'attribute[SIZE][a][b][c]', /attribute\[CODE\]/],
    ['an email without a domain', () => form({ ...good, api_key: key, email: 'ana@' }), 'email', /not an email/],
    ['an email of 100,000 characters', () => form({ ...good, api_key: key, email: `${'a'.repeat(100_000)}@example.org` }), 'email', /at most 200/],
    ['a first_name of 101 characters', () => form({ ...good, api_key: key, first_name: 'x'.repeat(101) }), 'first_name', /at most 100/],
    ['an address_string of 501 characters', () => form({ ...good, api_key: key, address_string: 'x'.repeat(501) }), 'address_string', /at most 500/],
    ['a device_id of 101 characters', () => form({ ...good, api_key: key, device_id: 'x'.repeat(101) }), 'device_id', /at most 100/],
    ['a service_code of 1,000 characters', () => form({ ...good, api_key: key, service_code: 'x'.repeat(1000) }), 'service_code', /at most 64/],
    ['an unknown service_code', () => form({ ...good, api_key: key, service_code: 'UFO' }), 'service_code', /no service has the code "UFO"/],
    ['an idempotency_key with a space', () => form({ ...good, api_key: key, idempotency_key: 'a b c d e f' }), 'idempotency_key', /8 to 128/],
  ];

  it('refuses each bad form field by name in JSON, and stores nothing', async () => {
    const before = await rows();
    for (const [label, body, field, reason] of posts) {
      const res = await post(body());
      expect(res.status, label).toBe(400);
      const errors = await errorsOf(res, 'json');
      const mine = errors.find((e) => e.startsWith(`${field}: `));
      expect(mine, `${label}: ${errors.join(' | ')}`).toBeDefined();
      expect(mine, label).toMatch(reason);
    }
    expect(await rows()).toEqual(before);
  });

  it('answers the same in XML, and refuses other bodies by what is wrong', async () => {
    const before = await rows();
    const res = await post(form({ ...good, api_key: key, lat: '-95', long: '200' }), 'xml');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect((await errorsOf(res, 'xml')).sort()).toEqual([
      'lat: latitude must be a number from -90 to 90',
      'long: longitude must be a number from -180 to 180',
    ]);
    const media = await post(form({ ...good, api_key: key, media_url: 'javascript:alert(1)' }), 'xml');
    expect(await errorsOf(media, 'xml')).toEqual(['media_url: must be a full web address starting with http:// or https://']);
    const json = await post(JSON.stringify({ ...good, api_key: key }), 'json', 'application/json');
    expect(json.status).toBe(415);
    expect(await errorsOf(json, 'json')).toEqual(['body: must be application/x-www-form-urlencoded']);
    // A multipart text field in Latin-1: the platform's reader would have stored U+FFFD.
    const boundary = 'fuzzboundary';
    const parts = Object.entries({ ...good, api_key: key, description: '' })
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${k === 'description' ? 'caf\u00e9' : v}\r\n`)
      .join('');
    const multipart = await post(latin1(`${parts}--${boundary}--\r\n`), 'json', `multipart/form-data; boundary=${boundary}`);
    expect(multipart.status).toBe(400);
    expect(await errorsOf(multipart, 'json')).toEqual(['description: is not valid UTF-8']);
    // Cut short, or sent without its boundary.
    for (const [type, body] of [
      [`multipart/form-data; boundary=${boundary}`, parts.slice(0, parts.length - 30)],
      ['multipart/form-data', parts],
    ]) {
      const cut = await post(body, 'json', type);
      expect(cut.status).toBe(400);
      // Named by the edge's multipart reader or the route's, whichever reads it first.
      expect(await errorsOf(cut, 'json')).toEqual([expect.stringMatching(/^body: /)]);
    }
    expect(await rows()).toEqual(before);
  });

  it('stores a good form, and one with UTF-8 text, whole', async () => {
    const before = await rows();
    const res = await post(form({ ...good, api_key: key, description: 'Café – вулиця 🚧', media_url: 'https://example.org/a.jpg' }));
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = (await res.json()) as { service_request_id: string }[];
    const stored = (await t.deps.db.select().from(srRequests)).find((r) => r.id === id);
    expect(stored).toMatchObject({ description: 'Café – вулиця 🚧', mediaUrl: 'https://example.org/a.jpg' });
    expect((await rows()).requests).toBe(before.requests + 1);
  });

  it('answers random forms with 200 or a field-named 400, never a 500, storing exactly the accepted ones', async () => {
    const next = random(311);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const names = [
      'service_code',
      'lat',
      'long',
      'description',
      'email',
      'media_url',
      'attribute[SIZE]',
      'attribute[DEPTH]',
      'attribute[SIZE][]',
      'address_string',
      'first_name',
      'idempotency_key',
      'attribute[X][Y]',
      'attribute',
    ];
    const values = [
      'POTHOLE',
      '40.02',
      '-3.72',
      'large',
      'small',
      '',
      'NaN',
      '-0',
      '1e999',
      'Infinity',
      '-91',
      '181',
      '%',
      '%E9',
      '%ZZ',
      'javascript:x',
      'http://a.example/x',
      'a@b.example',
      'x'.repeat(5000),
      '%F0%9F%9A%A7',
      '+',
      '&&',
      '===',
    ];
    const before = await rows();
    let accepted = 0;
    for (let i = 0; i < 40; i++) {
      const parts = [`api_key=${key}`];
      const n = 1 + Math.floor(next() * 7);
      for (let j = 0; j < n; j++) parts.push(`${encodeURIComponent(pick(names))}=${pick(values)}`);
      // Now and then, raw random bytes spliced in.
      const text = parts.join('&');
      const body = next() < 0.3 ? Buffer.concat([Buffer.from(text), Buffer.from(Array.from({ length: 8 }, () => Math.floor(next() * 256)))]) : text;
      const res = await post(new Uint8Array(body instanceof Buffer ? body : Buffer.from(body)));
      expect([200, 400], `case ${i}: ${text.slice(0, 200)}`).toContain(res.status);
      if (res.status === 200) accepted++;
      else for (const e of await errorsOf(res, 'json')) expect(e, `case ${i}`).toMatch(/^[^:\s]+: \S/);
    }
    const after = await rows();
    expect(after.requests).toBe(before.requests + accepted);
    expect(after.updates).toBe(before.updates + accepted);
  });

  // prettier-ignore
  const gets: [label: string, path: string, status: number, field: string, reason: RegExp][] = [
    ['an impossible start_date', 'requests.json?start_date=2026-02-30', 400, 'start_date', /real W3C date/],
    ['a start_date of year 0', 'requests.json?start_date=0000-01-01&end_date=0000-02-01', 400, 'start_date', /years 1000-9999/],
    ['an end_date of year 0', 'requests.json?end_date=0000-01-01', 400, 'end_date', /years 1000-9999/],
    ['an hour 24', 'requests.json?start_date=2026-01-01T24:00:00Z', 400, 'start_date', /real W3C date/],
    ['a start_date NaN', 'requests.json?start_date=NaN', 400, 'start_date', /W3C/],
    ['a start_date of six-digit year', 'requests.json?start_date=%2B275760-09-13', 400, 'start_date', /W3C/],
    ['an updated_after Infinity', 'requests.json?updated_after=Infinity', 400, 'updated_after', /W3C/],
    ['an end_date before start_date', 'requests.json?start_date=2026-02-01&end_date=2026-01-01', 400, 'end_date', /before start_date/],
    ['a window of a year', 'requests.json?start_date=2025-01-01&end_date=2026-01-01', 400, 'end_date', /at most 90 days/],
    ['start_date twice', 'requests.json?start_date=2026-01-01&start_date=2026-02-01', 400, 'start_date', /given 2 times/],
    ['page_size 0', 'requests.json?page_size=0', 400, 'page_size', /1 to 1000/],
    ['page_size -1', 'requests.json?page_size=-1', 400, 'page_size', /1 to 1000/],
    ['page_size 1001', 'requests.json?page_size=1001', 400, 'page_size', /1 to 1000/],
    ['page_size NaN', 'requests.json?page_size=NaN', 400, 'page_size', /whole number/],
    ['page of 12 digits', 'requests.json?page=999999999999', 400, 'page', /whole number/],
    ['an empty id list', 'requests.json?service_request_id=,,,', 400, 'service_request_id', /one or more ids/],
    ['too many ids', `requests.json?service_request_id=${Array(MAX_IDS + 1).fill('00000000-0000-4000-8000-000000000000').join(',')}`, 400, 'service_request_id', /at most 1000 ids/],
    ['70,000 ids', `requests.json?service_request_id=${Array(70_000).fill('a').join(',')}`, 400, 'service_request_id', /at most 1000 ids, got 70000/],
    ['too many service codes', `requests.json?service_code=${Array(MAX_SERVICE_CODES + 1).fill('A').join(',')}`, 400, 'service_code', /at most 200 codes/],
    ['a long service code', `requests.json?service_code=${'x'.repeat(5000)}`, 400, 'service_code', /no service has the code "x{80}…"$/],
    ['a bad status', 'requests.json?status=opened', 400, 'status', /open or closed/],
    ['a malformed %-escape in a service path', 'services/%ZZ.json', 404, 'service_code', /not a valid percent-encoded/],
    // Bytes that are not UTF-8 anywhere in a path are refused at the edge (the one input rule), in Open311's shape.
    ['a Latin-1 %-escape in a request path', 'requests/%E9.json', 400, 'path', /not valid UTF-8/],
    ['a malformed %-escape in a token path', 'tokens/%E0%A4.xml', 400, 'path', /not valid UTF-8/],
    ['an unknown jurisdiction of 10,000 characters', `services.json?jurisdiction_id=${'j'.repeat(10_000)}`, 404, 'jurisdiction_id', /"j{80}…"$/],
  ];

  it('refuses each bad query and path by name, never with a 500', async () => {
    for (const [label, path, status, field, reason] of gets) {
      const res = await client.get(`${BASE}/${path}`);
      expect(res.status, label).toBe(status);
      const errors = await errorsOf(res, path.includes('.xml') ? 'xml' : 'json');
      const mine = errors.find((e) => e.startsWith(`${field}: `));
      expect(mine, `${label}: ${errors.join(' | ')}`).toBeDefined();
      expect(mine, label).toMatch(reason);
    }
  });
});
