import type { Context } from 'hono';
import type { ApiApp, AppEnv, Deps } from '../../../db/context.js';
import { hitRateLimit } from '../../../db/rate-limit.js';
import { AppError, httpStatusOf } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { isUuid } from '../../../kernel/ids.js';
import type { Site } from '../../../kernel/site.js';
import { findSiteBySlug, listOrganisations } from '../../sites/index.js';
import { quoted, type RawAnswers } from '../core/attributes.js';
import type { Status } from '../core/status.js';
import { parseW3cDatetime } from '../core/w3c-datetime.js';
import { findLiveApiKeyCached } from '../commands/api-keys.js';
import { createRequest } from '../commands/create-request.js';
import {
  errorsToXml,
  presentRequest,
  presentService,
  presentServiceDefinition,
  toXml,
  type Open311Error,
  type Open311Object,
} from '../formats/open311.js';
import { readUrlEncodedForm, type FormFields } from '../formats/form-body.js';
import { findServiceByCode, listGroups, listServices } from '../store/catalogue.js';
import { findRequest, findRequestByToken, firstPhotos, listRequests, type RequestFilter } from '../store/requests.js';
import type { RequestRow } from '../store/tables.js';

/** Where the server is mounted. */
export const OPEN311_BASE = '/open311/v2';
/** POSTs one API key may make per minute. */
export const OPEN311_POSTS_PER_MINUTE = 60;
/** The spec's default window and cap for GET requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const DEFAULT_LIMIT = 1000;
/** Most ids one GET may ask for (`service_request_id=a,b,...`): a page's worth. */
export const MAX_IDS = DEFAULT_LIMIT;
/** Most service codes one GET may filter by; catalogues hold far fewer. */
export const MAX_SERVICE_CODES = 200;

const DAY = 86_400_000;
const OPEN_STATUSES: Status[] = ['open', 'acknowledged', 'in_progress'];
const CLOSED_STATUSES: Status[] = ['resolved', 'closed', 'duplicate', 'referred'];

type Fmt = 'json' | 'xml';

function send(c: Context<AppEnv>, fmt: Fmt, status: number, json: unknown, xml: () => string): Response {
  if (fmt === 'xml') return c.body(xml(), status as 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  return c.json(json as object, status as 200);
}

/**
 * An error as Open311 clients read it, in the format the path asks for (`.xml` or JSON). The
 * manifest also hands this to the server for errors raised before the route runs.
 */
export function open311ErrorResponse(err: AppError, pathOrFormat: string): Response {
  const fmt: Fmt = pathOrFormat === 'xml' || pathOrFormat.endsWith('.xml') ? 'xml' : 'json';
  const status = err.code === 'unauthenticated' ? 403 : httpStatusOf(err.code);
  const entries = Object.entries(err.fields);
  const errors: Open311Error[] = entries.length
    ? entries.map(([field, reason]) => ({ code: status, description: `${field}: ${reason}` }))
    : [{ code: status, description: err.message }];
  const headers: Record<string, string> = {
    'Content-Type': fmt === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
  };
  if (typeof err.details.retryAfterSeconds === 'number') headers['Retry-After'] = String(err.details.retryAfterSeconds);
  return new Response(fmt === 'xml' ? errorsToXml(errors) : JSON.stringify(errors), { status, headers });
}

/** A path segment decoded, or a 404 naming the field when its %-escapes are malformed. */
function decodeSegment(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', 'Bad address.', { fields: { [field]: `${quoted(raw)} is not a valid percent-encoded UTF-8 value` } });
  }
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const at = parseW3cDatetime(value, { time: 'optional' });
  if (!at)
    throw new AppError('invalid_input', 'Bad date.', {
      fields: { [field]: `must be a real W3C date or datetime of the years 1000-9999, such as 2026-03-02T10:00:00Z; got ${quoted(value)}` },
    });
  return at;
}

function parsePositiveInt(value: string | undefined, field: string, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new AppError('invalid_input', 'Bad number.', { fields: { [field]: `must be a whole number from 1 to ${max}` } });
  }
  return Number(value);
}

async function resolveJurisdiction(deps: Deps, host: Site, jurisdiction: string | undefined): Promise<Site> {
  if (!jurisdiction || jurisdiction === host.slug) return host;
  const site = await findSiteBySlug(deps.db, jurisdiction);
  if (!site)
    throw new AppError('not_found', 'Unknown jurisdiction.', {
      fields: { jurisdiction_id: `no jurisdiction is called ${quoted(jurisdiction)}` },
    });
  return site;
}

/** Everything needed to present requests of a site: service names, agency names, photo links. */
async function presenter(deps: Deps, site: Site, origin: string, locale: string, rows: RequestRow[]) {
  const [services, agencies, photos] = await Promise.all([
    listServices(deps.db, site.id, { all: true }),
    listOrganisations(deps.db, site.id, 'agency'),
    firstPhotos(
      deps.db,
      site.id,
      rows.map((r) => r.id),
    ),
  ]);
  const byCode = new Map(services.map((s) => [s.code, s]));
  const agencyNames = new Map(agencies.map((a) => [a.id, pickText(a.name, locale, site.defaultLocale).text]));
  return (r: RequestRow): Open311Object => {
    const s = byCode.get(r.serviceCode);
    const upload = photos.get(r.id);
    return presentRequest(r, {
      serviceName: s ? pickText(s.name, locale, site.defaultLocale).text : r.serviceCode,
      agencyName: r.agencyId ? agencyNames.get(r.agencyId) : undefined,
      serviceNotice: s?.targetHours ? `Target: resolved within ${s.targetHours} hours.` : undefined,
      mediaUrl: upload ? `${origin}/library/files/${upload}` : (r.mediaUrl ?? undefined),
    });
  };
}

/** GET requests: the spec's filters, its default window and cap, and the paging and updated_after extensions. */
async function requestFilterOf(q: Record<string, string>, now: Date): Promise<{ filter: RequestFilter; limit: number; offset: number }> {
  const pageSize = parsePositiveInt(q.page_size, 'page_size', DEFAULT_LIMIT, DEFAULT_LIMIT);
  const page = parsePositiveInt(q.page, 'page', 1_000_000, 1);
  const offset = (page - 1) * pageSize;
  if (q.service_request_id !== undefined) {
    const ids = q.service_request_id
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!ids.length) throw new AppError('invalid_input', 'Bad id list.', { fields: { service_request_id: 'give one or more ids, comma separated' } });
    if (ids.length > MAX_IDS)
      throw new AppError('invalid_input', 'Too many ids.', { fields: { service_request_id: `at most ${MAX_IDS} ids, got ${ids.length}` } });
    return { filter: { ids: ids.filter(isUuid) }, limit: pageSize, offset };
  }
  const filter: RequestFilter = {};
  if (q.service_code) {
    const codes = q.service_code.split(',').map((s) => s.trim());
    if (codes.length > MAX_SERVICE_CODES)
      throw new AppError('invalid_input', 'Too many codes.', { fields: { service_code: `at most ${MAX_SERVICE_CODES} codes, got ${codes.length}` } });
    const long = codes.find((s) => s.length > 64);
    if (long) throw new AppError('invalid_input', 'Bad code.', { fields: { service_code: `no service has the code ${quoted(long)}` } });
    filter.serviceCodes = codes;
  }
  if (q.status) {
    const wanted = q.status.split(',').map((s) => s.trim());
    const bad = wanted.filter((s) => s !== 'open' && s !== 'closed');
    if (bad.length)
      throw new AppError('invalid_input', 'Bad status.', {
        fields: { status: `must be open or closed, comma separated; got ${quoted(bad.join(', '))}` },
      });
    filter.statuses = [...(wanted.includes('open') ? OPEN_STATUSES : []), ...(wanted.includes('closed') ? CLOSED_STATUSES : [])];
  }
  const start = parseDate(q.start_date, 'start_date');
  const end = parseDate(q.end_date, 'end_date');
  const updatedAfter = parseDate(q.updated_after, 'updated_after');
  if (start && end) {
    if (end < start) throw new AppError('invalid_input', 'Bad window.', { fields: { end_date: 'is before start_date' } });
    if (end.getTime() - start.getTime() > DEFAULT_WINDOW_DAYS * DAY)
      throw new AppError('invalid_input', 'Window too long.', {
        fields: { end_date: `may be at most ${DEFAULT_WINDOW_DAYS} days after start_date` },
      });
  }
  if (updatedAfter) {
    // The "updates since" extension: every request changed since then, whenever it was made.
    filter.updatedSince = updatedAfter;
    if (start) filter.from = start;
    if (end) filter.to = end;
  } else {
    filter.to = end ?? (start ? new Date(start.getTime() + DEFAULT_WINDOW_DAYS * DAY) : now);
    filter.from = start ?? new Date(filter.to.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  }
  return { filter, limit: pageSize, offset };
}

function discovery(origin: string, site: Site): Open311Object {
  return {
    changeset: '2026-03-01T00:00:00Z',
    contact: site.contact.email ? `Contact ${site.contact.email} for assistance.` : 'Contact the site administrators for assistance.',
    key_service: `${origin}/service-requests/admin/api-keys`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${origin}${OPEN311_BASE}`,
        changeset: '2026-03-01T00:00:00Z',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

const ATTRIBUTE_FIELD = /^attribute\[([^\][]+)\](\[\])?$/;

/** Flattens `attribute[CODE]` and `attribute[CODE][]` form fields into answers. */
function answersOf(form: FormFields): RawAnswers {
  const out: RawAnswers = {};
  for (const [k, values] of form) {
    const m = ATTRIBUTE_FIELD.exec(k);
    if (!m) continue;
    const prev = out[m[1]];
    const merged = [...(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]), ...values];
    out[m[1]] = merged.length === 1 ? merged[0] : merged;
  }
  return out;
}

// A text field of a multipart form that was not UTF-8 reaches us with U+FFFD in place of the bad
// bytes (the platform's reader replaces them); a client never means to send that character.
const REPLACED = '\uFFFD';

/**
 * The POSTed form, every field with its values. A url-encoded body is read strictly (see
 * `readUrlEncodedForm`); a multipart one through the platform, its files left aside (Open311
 * takes photos as `media_url` links). Refused by field name: text that is not UTF-8, a single
 * field given twice (which of two `lat`s would be meant?) and `attribute` fields of another shape.
 */
async function readForm(c: Context<AppEnv>, type: string): Promise<FormFields> {
  let form: FormFields;
  const bad: Record<string, string> = {};
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const read = readUrlEncodedForm(new Uint8Array(await c.req.arrayBuffer()));
    if (!read.ok) throw new AppError('invalid_input', 'The form is not UTF-8 text.', { fields: read.fields });
    form = read.fields;
  } else {
    form = new Map();
    let body: Record<string, unknown>;
    try {
      body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    } catch {
      throw new AppError('invalid_input', 'The form cannot be read.', {
        fields: { body: 'is not a readable multipart/form-data body (cut short, or without its boundary)' },
      });
    }
    for (const [k, v] of Object.entries(body)) {
      const texts = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      if (texts.some((x) => x.includes(REPLACED))) bad[k] = 'is not UTF-8 text (send UTF-8)';
      else if (texts.length) form.set(k, texts);
    }
  }
  for (const [k, values] of form) {
    if (k.startsWith('attribute')) {
      if (!ATTRIBUTE_FIELD.test(k)) bad[k] = 'write attribute[CODE], or attribute[CODE][] for each of several values';
    } else if (values.length > 1 && !k.endsWith('[]')) bad[k] = `was given ${values.length} times; give it once`;
  }
  if (Object.keys(bad).length) throw new AppError('invalid_input', 'Some fields are not valid.', { fields: bad });
  return form;
}

function numberField(form: FormFields, field: string): number | undefined {
  const raw = form.get(field)?.[0];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = /^[+-]?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n))
    throw new AppError('invalid_input', 'Bad number.', { fields: { [field]: `must be a decimal number; got ${quoted(raw)}` } });
  return n;
}

/** The Open311 parameter each field of `requestInput` comes from, so errors name what the client sent. */
const OPEN311_FIELDS: Record<string, string> = {
  serviceCode: 'service_code',
  lon: 'long',
  address: 'address_string',
  addressId: 'address_id',
  firstName: 'first_name',
  lastName: 'last_name',
  deviceId: 'device_id',
  mediaUrl: 'media_url',
  idempotencyKey: 'idempotency_key',
};

/** The same error with its fields named as the Open311 client sent them. */
function inOpen311Terms(err: AppError, idempotencyFrom: string): AppError {
  const names: Record<string, string> = { ...OPEN311_FIELDS, idempotencyKey: idempotencyFrom };
  const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v]));
  return new AppError(err.code, err.message, { fields, details: err.details });
}

async function handlePost(c: Context<AppEnv>, fmt: Fmt, resource: string): Promise<Response> {
  if (resource !== 'requests') throw new AppError('not_found', 'Only requests can be posted.');
  const deps = c.get('deps');
  const ctx = c.get('ctx');
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the request as application/x-www-form-urlencoded.', {
      fields: { body: 'must be application/x-www-form-urlencoded' },
    });
  }
  const form = await readForm(c, type);
  const one = (field: string) => form.get(field)?.[0];
  const site = await resolveJurisdiction(deps, ctx.site, one('jurisdiction_id') ?? c.req.query('jurisdiction_id'));
  const apiKey = one('api_key') ?? c.req.query('api_key');
  if (!apiKey) throw new AppError('forbidden', 'An API key is required.', { fields: { api_key: 'is required to post a request' } });
  const key = await findLiveApiKeyCached(deps, site.id, apiKey);
  if (!key) throw new AppError('forbidden', 'The API key is not valid.', { fields: { api_key: 'is not a valid key for this jurisdiction' } });
  const limit = await hitRateLimit(deps.db, deps.clock, `open311-post:${key.id}`, OPEN311_POSTS_PER_MINUTE, 60_000);
  if (!limit.allowed) {
    throw new AppError('rate_limited', 'Too many requests with this key.', {
      fields: { api_key: `at most ${OPEN311_POSTS_PER_MINUTE} requests a minute` },
      details: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  }
  const lat = numberField(form, 'lat');
  const lon = numberField(form, 'long');
  const idempotencyHeader = c.req.header('idempotency-key');
  const created = await createRequest(
    deps,
    site.id,
    {
      serviceCode: one('service_code') ?? '',
      lat,
      lon,
      address: one('address_string'),
      addressId: one('address_id'),
      description: one('description') ?? '',
      email: one('email') || undefined,
      firstName: one('first_name'),
      lastName: one('last_name'),
      phone: one('phone'),
      deviceId: one('device_id'),
      mediaUrl: one('media_url') || undefined,
      notify: one('email') ? 'email' : 'none',
      idempotencyKey: idempotencyHeader ?? one('idempotency_key'),
    },
    answersOf(form),
    { source: 'open311', apiKeyId: key.id, origin: ctx.origin },
  ).catch((err: unknown) => {
    throw err instanceof AppError ? inOpen311Terms(err, idempotencyHeader === undefined ? 'idempotency_key' : 'Idempotency-Key') : err;
  });
  const { request } = created;
  // The service comes back with the report; only an idempotent replay looks it up again.
  const service = created.service ?? (await findServiceByCode(deps.db, site.id, request.serviceCode));
  const response: Open311Object = {
    service_request_id: request.id,
    token: request.token,
    service_notice: service?.targetHours ? `Target: resolved within ${service.targetHours} hours.` : undefined,
  };
  return send(c, fmt, 200, [response], () => toXml('service_requests', [response], 'request'));
}

async function handleGet(c: Context<AppEnv>, fmt: Fmt, resource: string): Promise<Response> {
  const deps = c.get('deps');
  const ctx = c.get('ctx');
  const q = c.req.query();
  const twice = Object.entries(c.req.queries()).filter(([, values]) => values.length > 1);
  if (twice.length)
    throw new AppError('invalid_input', 'A parameter was given twice.', {
      fields: Object.fromEntries(twice.map(([k, values]) => [k, `was given ${values.length} times; give it once`])),
    });
  const site = await resolveJurisdiction(deps, ctx.site, q.jurisdiction_id);
  const locale = ctx.locale;
  if (resource === 'discovery') {
    const d = discovery(ctx.origin, site);
    return send(c, fmt, 200, d, () => toXml('discovery', d));
  }
  if (resource === 'services') {
    const [services, groups] = await Promise.all([listServices(deps.db, site.id), listGroups(deps.db, site.id)]);
    const byId = new Map(groups.map((g) => [g.id, g]));
    const list = services.map((s) => presentService(s, byId, locale, site.defaultLocale));
    return send(c, fmt, 200, list, () => toXml('services', list, 'service'));
  }
  let m = /^services\/([^/]+)$/.exec(resource);
  if (m) {
    const code = decodeSegment(m[1], 'service_code');
    const service = await findServiceByCode(deps.db, site.id, code);
    if (!service || !service.active)
      throw new AppError('not_found', 'Unknown service.', { fields: { service_code: `no service has the code ${quoted(code)}` } });
    const def = presentServiceDefinition(service);
    return send(c, fmt, 200, def, () => toXml('service_definition', def));
  }
  if (resource === 'requests') {
    const { filter, limit, offset } = await requestFilterOf(q, deps.clock.now());
    const rows = await listRequests(deps.db, site.id, filter, { limit, offset });
    const present = await presenter(deps, site, ctx.origin, locale, rows);
    const list = rows.map(present);
    return send(c, fmt, 200, list, () => toXml('service_requests', list, 'request'));
  }
  m = /^(requests|request)\/([^/]+)$/.exec(resource);
  if (m) {
    const id = decodeSegment(m[2], 'service_request_id');
    const row = isUuid(id) ? await findRequest(deps.db, site.id, id) : null;
    if (!row) throw new AppError('not_found', 'Unknown request.', { fields: { service_request_id: `no request has the id ${quoted(id)}` } });
    const item = (await presenter(deps, site, ctx.origin, locale, [row]))(row);
    // `requests/{id}` answers a list of one, as the spec text and deployed servers do; the Swagger
    // file's `request/{id}` answers the object itself.
    return send(c, fmt, 200, m[1] === 'requests' ? [item] : item, () => toXml('service_requests', [item], 'request'));
  }
  m = /^tokens\/([^/]+)$/.exec(resource);
  if (m) {
    const token = decodeSegment(m[1], 'token');
    const row = await findRequestByToken(deps.db, site.id, token);
    if (!row) throw new AppError('not_found', 'Unknown token.', { fields: { token: 'no request has this token' } });
    const out: Open311Object = { service_request_id: row.id, token: row.token };
    return send(c, fmt, 200, out, () => toXml('service_requests', [out], 'request'));
  }
  throw new AppError('not_found', `No Open311 resource ${resource}.`);
}

/** The Open311 GeoReport v2 server at /open311/v2/ (discovery, services, requests, tokens; JSON and XML). */
export function registerOpen311Routes(app: ApiApp): void {
  app.on(['GET', 'POST'], `${OPEN311_BASE}/*`, async (c) => {
    const path = c.req.path.slice(OPEN311_BASE.length + 1);
    const match = /^(.+)\.(json|xml)$/.exec(path);
    const fmt: Fmt = match?.[2] === 'xml' ? 'xml' : 'json';
    try {
      if (!match) throw new AppError('not_found', 'Add .json or .xml to the resource.', { fields: { format: 'the path must end in .json or .xml' } });
      c.header('Access-Control-Allow-Origin', '*');
      return c.req.method === 'POST' ? await handlePost(c, fmt, match[1]) : await handleGet(c, fmt, match[1]);
    } catch (err) {
      if (err instanceof AppError) return open311ErrorResponse(err, fmt);
      c.get('deps').log.error('open311 failed', { err, path: c.req.path });
      return open311ErrorResponse(new AppError('internal', 'The service failed; please tell us.'), fmt);
    }
  });
  app.get(OPEN311_BASE, (c) => c.redirect(`${OPEN311_BASE}/discovery.json`));
}
