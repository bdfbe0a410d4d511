import type { Env } from '../kernel/env.js';
import { AppError } from '../kernel/errors.js';
import type { BodyRoute } from '../kernel/module.js';
import { bytesProblem, decodeUtf8, NUL_REASON, percentDecodeBytes, textProblem, UTF8_REASON } from '../kernel/text.js';
import { createMultipartScanner, multipartBoundary } from './multipart-scan.js';

/**
 * The one input rule at the HTTP edge (DESIGN.md): every text a request carries (path, query,
 * Polity's cookies, form and JSON fields) is valid UTF-8 without NUL bytes, else 400
 * `invalid_input` naming the field; and every body is size-limited by the kind of route before it
 * is read, else 413 `payload_too_large`. Bodies are checked here, before any route reads them, so
 * every route (API, root route or page action) gets the same answer and none half-acts on bad input.
 */

/** How a body is handled: read and checked as JSON, a form or multipart, or (raw bodies of streamed imports) checked as it streams. */
export type BodyMode = 'json' | 'urlencoded' | 'multipart' | 'stream';

/** The limit and handling of one request's body. */
export interface BodyRule {
  limit: number;
  mode: BodyMode;
}

/** The body limits in bytes, from the environment. */
export interface BodyLimits {
  json: number;
  form: number;
  /** One file's limit (UPLOAD_MAX_BYTES); an upload route allows its declared number of files plus a form's worth of fields. */
  upload: number;
  import: number;
}

/** The limits configured in the environment. */
export function bodyLimitsOf(env: Env): BodyLimits {
  return { json: env.JSON_MAX_BYTES, form: env.FORM_MAX_BYTES, upload: env.UPLOAD_MAX_BYTES, import: env.IMPORT_MAX_BYTES };
}

interface CompiledRoute {
  route: BodyRoute;
  pattern: RegExp;
}

/**
 * Chooses each request's body rule from the routes the manifests declare as taking files or
 * imports; every other route takes JSON or a plain form, with the small limits.
 */
export function createBodyRules(routes: BodyRoute[], limits: BodyLimits): (path: string, contentType: string | undefined) => BodyRule {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, pattern: patternOf(route.path) }));
  return (path, contentType) => {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const form = type === 'multipart/form-data' ? 'multipart' : type === 'application/x-www-form-urlencoded' ? 'urlencoded' : null;
    const declared = compiled.find((r) => r.pattern.test(path))?.route;
    if (declared?.kind === 'import') return { limit: limits.import, mode: form ?? (declared.streamed ? 'stream' : 'json') };
    if (declared?.kind === 'upload' && form) return { limit: limits.upload * (declared.files ?? 1) + limits.form, mode: form };
    if (form) return { limit: limits.form, mode: form };
    // Routes read JSON with `c.req.json()` whatever the content type says, so any other body is checked as JSON.
    return { limit: limits.json, mode: 'json' };
  };
}

/**
 * `/library/calls/:slug` -> a regular expression matching one segment per parameter, and also
 * the path React Router posts to when the page's script submits the form (`….data`).
 */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+?' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}(?:/|\\.data)?$`);
}

/** The 400 for a bad text value, naming its field. */
export function invalidText(field: string, reason: string): AppError {
  return new AppError('invalid_input', reason === NUL_REASON ? 'The request contains a NUL byte.' : 'The request contains text that is not UTF-8.', {
    fields: { [field]: reason },
  });
}

/** The 413 for a body over its limit. */
export function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `The request body is larger than the limit of ${limit} bytes.`, {
    fields: { body: `larger than the limit of ${limit} bytes` },
    details: { limit },
  });
}

/**
 * Checks the URL's path and query: each decoded path and each query parameter must be UTF-8
 * without NUL bytes. A bad path is named `path`; a bad parameter by its name.
 */
export function checkUrl(url: URL): void {
  const pathProblem = bytesProblem(percentDecodeBytes(url.pathname));
  if (pathProblem) throw invalidText('path', pathProblem);
  const query = url.search.slice(1);
  if (!query) return;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const keyBytes = percentDecodeBytes(eq < 0 ? pair : pair.slice(0, eq), true);
    const keyProblem = bytesProblem(keyBytes);
    if (keyProblem) throw invalidText('query', keyProblem);
    if (eq < 0) continue;
    const problem = bytesProblem(percentDecodeBytes(pair.slice(eq + 1), true));
    if (problem) throw invalidText(decodeUtf8(keyBytes) || 'query', problem);
  }
}

/** Checks the named cookies (Polity's own, which it decodes and stores or looks up): UTF-8 without NUL once decoded. */
export function checkCookies(header: string | undefined, names: string[]): void {
  if (!header) return;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!names.includes(name)) continue;
    const problem = bytesProblem(percentDecodeBytes(part.slice(eq + 1).trim()));
    if (problem) throw invalidText(name, problem);
  }
}

export interface GuardOptions {
  /**
   * Called with a form's `_csrf` field as soon as it is known: for a multipart body only its
   * first part counts, so a forged upload is refused before the rest of it is read. Throws to refuse.
   */
  onCsrfToken?: (token: string | null) => void;
}

/**
 * Enforces a body's limit and the text rule, then gives back a request whose body routes can
 * read as usual. A declared Content-Length over the limit is refused before anything is read; a
 * chunked body is counted as it arrives and refused as soon as it passes the limit, so memory
 * never holds more than the limit. Raw bodies of streamed imports are checked as they stream by.
 */
export async function guardBody(req: Request, rule: BodyRule, opts: GuardOptions = {}): Promise<Request> {
  if (!req.body) {
    if (rule.mode === 'urlencoded' || rule.mode === 'multipart') opts.onCsrfToken?.(null);
    return req;
  }
  const declared = declaredLength(req.headers);
  if (declared !== null && declared > rule.limit) throw tooLarge(rule.limit);
  if (rule.mode === 'stream') return withBody(req, countingStream(req.body, rule.limit));

  let scanner: ReturnType<typeof createMultipartScanner> | null = null;
  if (rule.mode === 'multipart') {
    const boundary = multipartBoundary(req.headers.get('content-type') ?? '');
    if (!boundary)
      throw new AppError('bad_request', 'The multipart body has no boundary.', { fields: { body: 'multipart/form-data without a boundary' } });
    let first = true;
    scanner = createMultipartScanner(boundary, (part) => {
      if (part.problem) throw invalidText(part.name ?? 'body', part.problem);
      if (first) {
        first = false;
        opts.onCsrfToken?.(part.name === '_csrf' && !part.isFile ? (part.text ?? '') : null);
      }
    });
  }
  const bytes = await readLimited(req.body, rule.limit, declared, scanner ? (buf, length) => scanner.feed(buf, length) : undefined);
  if (scanner) {
    scanner.finish(bytes);
    if (scanner.parts === 0) opts.onCsrfToken?.(null);
  } else if (rule.mode === 'urlencoded') {
    const token = checkUrlencoded(bytes);
    opts.onCsrfToken?.(token);
  } else {
    checkJson(bytes);
  }
  return withBody(req, streamOf(bytes));
}

function declaredLength(headers: Headers): number | null {
  if (headers.has('transfer-encoding')) return null;
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

function withBody(req: Request, body: ReadableStream<Uint8Array>): Request {
  return new Request(req, { body, duplex: 'half' } as RequestInit);
}

function streamOf(bytes: Buffer): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent && bytes.length > 0) controller.enqueue(bytes);
      sent = true;
      controller.close();
    },
  });
}

/**
 * Passes a raw text body through as it streams, failing the stream with a 413 once it carries more
 * than `limit` bytes, or with a 400 (`body`) at a NUL byte or bytes that are not UTF-8: the route's
 * reader sees the error where it reads, as it would a broken connection.
 */
function countingStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let size = 0;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: AppError) => {
    void reader.cancel().catch(() => {});
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      try {
        if (done) {
          utf8.decode(); // a sequence cut at the end
          return controller.close();
        }
        size += value.length;
        if (size > limit) return fail(controller, tooLarge(limit));
        if (value.includes(0)) return fail(controller, invalidText('body', NUL_REASON));
        utf8.decode(value, { stream: true });
      } catch {
        return fail(controller, invalidText('body', UTF8_REASON));
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Reads a body into one buffer of at most `limit` bytes (exactly its declared length when it has
 * one), refusing it as soon as it passes the limit; `onData` sees the bytes read so far after each chunk.
 */
async function readLimited(
  body: ReadableStream<Uint8Array>,
  limit: number,
  declared: number | null,
  onData?: (buf: Buffer, length: number) => void,
): Promise<Buffer> {
  let buf = Buffer.allocUnsafe(declared ?? Math.min(limit, 64 * 1024));
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > limit) throw tooLarge(limit);
      if (size + value.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(size + value.length, buf.length * 2)));
        buf.copy(grown, 0, 0, size);
        buf = grown;
      }
      buf.set(value, size);
      size += value.length;
      onData?.(buf, size);
    }
  } catch (e) {
    void reader.cancel().catch(() => {});
    throw e;
  }
  return buf.subarray(0, size);
}

/**
 * Checks a JSON body: UTF-8 text without NUL bytes, and no string or key that escapes one
 * (`\u0000`) or a lone surrogate. Bad JSON is left to the route, which answers it in its own words.
 */
function checkJson(bytes: Buffer): void {
  const problem = bytesProblem(bytes);
  if (problem) throw invalidText('body', problem);
  const text = decodeUtf8(bytes);
  // Only escapes can hide a NUL or a lone surrogate in valid JSON; most bodies have none, so skip the parse.
  if (!/\\u(?:0000|d[89a-f])/i.test(text)) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  const found = findTextProblem(value);
  if (found) throw invalidText(found.path || 'body', found.reason);
}

/** The first string or key holding a NUL or lone surrogate, by its dotted path (iterative: deep nesting cannot overflow the stack). */
function findTextProblem(root: unknown): { path: string; reason: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = textProblem(value);
      if (reason) return { path, reason };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: join(path, String(i)) });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i];
        const reason = textProblem(key);
        if (reason) return { path: path || 'body', reason };
        stack.push({ value: v, path: join(path, key) });
      }
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Checks a urlencoded form: each decoded name and value is UTF-8 without NUL bytes (a bad value
 * is named by its field). Returns the first `_csrf` value.
 */
function checkUrlencoded(bytes: Buffer): string | null {
  let csrf: string | null = null;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26 /* & */, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const at = bytes.subarray(start, end).indexOf(0x3d /* = */);
      const eq = at < 0 ? end : start + at;
      const key = formDecode(bytes, start, eq);
      const keyProblem = bytesProblem(key);
      if (keyProblem) throw invalidText('body', keyProblem);
      const name = decodeUtf8(key);
      const value = formDecode(bytes, Math.min(eq + 1, end), end);
      const problem = bytesProblem(value);
      if (problem) throw invalidText(name || 'body', problem);
      if (name === '_csrf' && csrf === null) csrf = decodeUtf8(value);
    }
    start = end + 1;
  }
  return csrf;
}

/** Decodes `+` and `%XX` of bytes[from, to) (application/x-www-form-urlencoded); malformed escapes stay as they are. */
function formDecode(bytes: Buffer, from: number, to: number): Buffer {
  const raw = bytes.subarray(from, to);
  if (!raw.includes(0x25) && !raw.includes(0x2b)) return raw;
  const out = Buffer.allocUnsafe(to - from);
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < to && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
      out[n++] = hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]);
      i += 2;
    } else {
      out[n++] = b === 0x2b ? 0x20 : b;
    }
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
