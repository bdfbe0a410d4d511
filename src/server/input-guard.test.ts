import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { checkUrl, createBodyRules, guardBody, type BodyRule } from './input-guard.js';

const KiB = 1024;

/** A body sent in chunks with no Content-Length, counting how many bytes the reader pulled. */
function chunked(chunks: Uint8Array[]) {
  const state = { pulled: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (i >= chunks.length) return controller.close();
        state.pulled += chunks[i].length;
        controller.enqueue(chunks[i++]);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function post(body: BodyInit | ReadableStream<Uint8Array>, type: string, headers: Record<string, string> = {}): Request {
  return new Request('http://test.localhost/x', {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const json: BodyRule = { limit: 64 * KiB, mode: 'json' };
const form: BodyRule = { limit: 64 * KiB, mode: 'urlencoded' };
const multipart: BodyRule = { limit: 64 * KiB, mode: 'multipart' };

describe('the URL rule', () => {
  it('names the path, a query parameter by its name, or the query when a name is bad', () => {
    expect(() => checkUrl(new URL('http://h/library/ok%20fine?q=caf%C3%A9&lang=en'))).not.toThrow();
    const at = (url: string) => {
      try {
        checkUrl(new URL(url));
      } catch (e) {
        return (e as AppError).fields;
      }
      return null;
    };
    expect(at('http://h/a%00b')).toEqual({ path: 'must not contain NUL bytes' });
    expect(at('http://h/a%C3')).toEqual({ path: 'is not valid UTF-8' });
    expect(at('http://h/a?q=x%00')).toEqual({ q: 'must not contain NUL bytes' });
    expect(at('http://h/a?page=2&q=%FF')).toEqual({ q: 'is not valid UTF-8' });
    expect(at('http://h/a?x%00=1')).toEqual({ query: 'must not contain NUL bytes' });
  });
});

describe('the body rule', () => {
  it('passes a clean JSON body on, readable as before', async () => {
    const req = await guardBody(post(JSON.stringify({ title: 'Café ☕', n: 1 }), 'application/json'), json);
    expect(await req.json()).toEqual({ title: 'Café ☕', n: 1 });
  });

  it('names the JSON field holding an escaped NUL or a lone surrogate, however deep', async () => {
    const nul = await refusal(guardBody(post('{"a":{"items":[{"b":"ok"},{"b":"x\\u0000"}]}}', 'application/json'), json));
    expect(nul.code).toBe('invalid_input');
    expect(nul.fields).toEqual({ 'a.items.1.b': 'must not contain NUL bytes' });
    const surrogate = await refusal(guardBody(post('{"name":"\\ud800"}', 'application/json'), json));
    expect(surrogate.fields).toEqual({ name: 'is not valid UTF-8' });
    // A pair is a character, and an escaped backslash before u0000 is just text.
    await expect(guardBody(post('{"name":"\\ud83d\\ude00 \\\\u0000"}', 'application/json'), json)).resolves.toBeInstanceOf(Request);
  });

  it('refuses a body that is not UTF-8 or holds a raw NUL, and leaves malformed JSON to the route', async () => {
    const latin1 = await refusal(guardBody(post(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), 'application/json'), json));
    expect(latin1.fields).toEqual({ body: 'is not valid UTF-8' });
    expect((await refusal(guardBody(post('{"a":"\u0000"}', 'text/plain'), json))).fields).toEqual({ body: 'must not contain NUL bytes' });
    const malformed = await guardBody(post('{"slug": ', 'application/json'), json);
    expect(await malformed.text()).toBe('{"slug": ');
  });

  it('does not overflow on deeply nested JSON', async () => {
    const deep = '['.repeat(50_000) + '"\\u0000"' + ']'.repeat(50_000);
    const e = await refusal(guardBody(post(deep, 'application/json'), { limit: 1024 * KiB, mode: 'json' }));
    expect(e.code).toBe('invalid_input');
  });

  it('names the form field holding a NUL or bytes that are not UTF-8, and finds its _csrf', async () => {
    const tokens: (string | null)[] = [];
    const ok = await guardBody(post('_csrf=abc%2B&name=Caf%C3%A9+au+lait', 'application/x-www-form-urlencoded'), form, {
      onCsrfToken: (t) => tokens.push(t),
    });
    expect(tokens).toEqual(['abc+']);
    expect(Object.fromEntries(await ok.formData())).toEqual({ _csrf: 'abc+', name: 'Café au lait' });
    expect((await refusal(guardBody(post('a=1&name=x%00', 'application/x-www-form-urlencoded'), form))).fields).toEqual({
      name: 'must not contain NUL bytes',
    });
    expect((await refusal(guardBody(post('name=%E9t%E9', 'application/x-www-form-urlencoded'), form))).fields).toEqual({
      name: 'is not valid UTF-8',
    });
  });

  it('checks multipart text fields and names, not file contents', async () => {
    const body = new FormData();
    body.set('_csrf', 'tok');
    body.set('title', 'Fine');
    body.set('file', new Blob([new Uint8Array([0, 0xff, 0, 0xfe])]), 'photo.jpg');
    const tokens: (string | null)[] = [];
    const req = await guardBody(new Request('http://h/x', { method: 'POST', body }), multipart, { onCsrfToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(['tok']);
    const parsed = await req.formData();
    expect(parsed.get('title')).toBe('Fine');
    expect(new Uint8Array(await (parsed.get('file') as Blob).arrayBuffer())).toEqual(new Uint8Array([0, 0xff, 0, 0xfe]));

    const bad = new FormData();
    bad.set('_csrf', 'tok');
    bad.set('note', 'a\u0000b');
    expect((await refusal(guardBody(new Request('http://h/x', { method: 'POST', body: bad }), multipart))).fields).toEqual({
      note: 'must not contain NUL bytes',
    });
    const badName = new FormData();
    badName.set('file', new Blob(['x']), 'a\u0000.jpg');
    expect((await refusal(guardBody(new Request('http://h/x', { method: 'POST', body: badName }), multipart))).fields).toEqual({
      file: 'must not contain NUL bytes',
    });
  });

  it('refuses a multipart body cut before its closing boundary', async () => {
    const e = await refusal(
      guardBody(post('--b\r\ncontent-disposition: form-data; name="a"\r\n\r\nx', 'multipart/form-data; boundary=b'), multipart),
    );
    expect(e.code).toBe('bad_request');
  });

  it('reads a multipart form’s token from its first part, before the rest of the body arrives', async () => {
    const head = Buffer.from('--b\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\nforged\r\n');
    const rest = Array.from({ length: 100 }, () => Buffer.alloc(16 * KiB, 0x61));
    const { stream, state } = chunked([head, Buffer.from('--b\r\ncontent-disposition: form-data; name="file"; filename="a"\r\n\r\n'), ...rest]);
    const refuse = (t: string | null) => {
      if (t !== 'good') throw new AppError('csrf_failed', 'no');
    };
    const e = await refusal(
      guardBody(post(stream, 'multipart/form-data; boundary=b'), { limit: 10 * 1024 * KiB, mode: 'multipart' }, { onCsrfToken: refuse }),
    );
    expect(e.code).toBe('csrf_failed');
    expect(state.pulled).toBeLessThan(64 * KiB);
    // Not first: the token does not count.
    const late =
      '--b\r\ncontent-disposition: form-data; name="x"\r\n\r\n1\r\n--b\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\ngood\r\n--b--\r\n';
    expect((await refusal(guardBody(post(late, 'multipart/form-data; boundary=b'), multipart, { onCsrfToken: refuse }))).code).toBe('csrf_failed');
  });

  it('refuses a declared length over the limit without reading, and a chunked body as soon as it passes the limit', async () => {
    const { stream, state } = chunked(Array.from({ length: 64 }, () => new Uint8Array(16 * KiB).fill(0x20)));
    const declared = await refusal(guardBody(post(stream, 'application/json', { 'content-length': String(1024 * KiB) }), json));
    expect(declared.code).toBe('payload_too_large');
    expect(declared.fields.body).toMatch(/65536 bytes/);
    expect(state.pulled).toBe(0);

    const second = chunked(Array.from({ length: 64 }, () => new Uint8Array(16 * KiB).fill(0x20)));
    expect((await refusal(guardBody(post(second.stream, 'application/json'), json))).code).toBe('payload_too_large');
    expect(second.state.pulled).toBeLessThanOrEqual(64 * KiB + 16 * KiB);
  });

  it('streams a raw import body through, failing it past the limit or at bytes that are not text', async () => {
    const stream = { limit: 64 * KiB, mode: 'stream' } as const;
    const ok = await guardBody(post(chunked([Buffer.from('{"a":'), Buffer.from('"é"}\n')]).stream, 'application/x-ndjson'), stream);
    expect(await ok.text()).toBe('{"a":"é"}\n');
    const big = await guardBody(post(chunked(Array.from({ length: 8 }, () => Buffer.alloc(16 * KiB, 0x20))).stream, 'application/json'), stream);
    expect((await refusal(big.text())).code).toBe('payload_too_large');
    const nul = await guardBody(post(chunked([Buffer.from('{"a":'), Buffer.from([0x22, 0, 0x22])]).stream, 'application/json'), stream);
    expect((await refusal(nul.text())).fields).toEqual({ body: 'must not contain NUL bytes' });
    // A character split across chunks is fine; one that is cut off at the end is not.
    const split = Buffer.from('"é"');
    const whole = await guardBody(post(chunked([split.subarray(0, 2), split.subarray(2)]).stream, 'application/json'), stream);
    expect(await whole.text()).toBe('"é"');
    const cut = await guardBody(post(chunked([split.subarray(0, 2)]).stream, 'application/json'), stream);
    expect((await refusal(cut.text())).fields).toEqual({ body: 'is not valid UTF-8' });
  });
});

describe('body rules by route', () => {
  const rules = createBodyRules(
    [
      { path: '/api/v1/library/uploads', kind: 'upload' },
      { path: '/service-requests/new', kind: 'upload', files: 3 },
      { path: '/procurement/ingests', kind: 'import', streamed: true },
      { path: '/budgeting/:slug/admin/codes', kind: 'import' },
    ],
    { json: 1000, form: 2000, upload: 5000, import: 90000 },
  );

  it('gives JSON and forms the small limits, uploads their files’ worth and imports their own', () => {
    expect(rules('/api/v1/auth/sign-in', 'application/json')).toEqual({ limit: 1000, mode: 'json' });
    expect(rules('/api/v1/auth/sign-in', undefined)).toEqual({ limit: 1000, mode: 'json' });
    expect(rules('/sign-in', 'application/x-www-form-urlencoded; charset=UTF-8')).toEqual({ limit: 2000, mode: 'urlencoded' });
    expect(rules('/sign-in', 'multipart/form-data; boundary=x')).toEqual({ limit: 2000, mode: 'multipart' });
    expect(rules('/api/v1/library/uploads', 'multipart/form-data; boundary=x')).toEqual({ limit: 7000, mode: 'multipart' });
    expect(rules('/api/v1/library/uploads', 'application/json')).toEqual({ limit: 1000, mode: 'json' });
    expect(rules('/service-requests/new', 'multipart/form-data; boundary=x')).toEqual({ limit: 17000, mode: 'multipart' });
    expect(rules('/procurement/ingests', 'application/x-ndjson')).toEqual({ limit: 90000, mode: 'stream' });
    expect(rules('/procurement/ingests', 'multipart/form-data; boundary=x')).toEqual({ limit: 90000, mode: 'multipart' });
    expect(rules('/budgeting/rome/admin/codes', 'application/x-www-form-urlencoded')).toEqual({ limit: 90000, mode: 'urlencoded' });
    expect(rules('/budgeting/rome/admin/codes/x', 'application/x-www-form-urlencoded')).toEqual({ limit: 2000, mode: 'urlencoded' });
    // React Router posts a form its script submits to the page's `.data` path.
    expect(rules('/service-requests/new.data', 'multipart/form-data; boundary=x')).toEqual({ limit: 17000, mode: 'multipart' });
    expect(rules('/budgeting/rome/admin/codes.data', 'application/x-www-form-urlencoded')).toEqual({ limit: 90000, mode: 'urlencoded' });
  });
});
