import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/connection.js';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { caseFixture, signedInClient } from './test-helpers.js';

/**
 * Fuzz suite of the case-study JSON import (POST and PUT /api/v1/library/case-studies, the one
 * schema every writer goes through): hostile bodies get a 4xx naming the field path and the reason,
 * never a 500, and nothing is stored (the case-study rows and their search documents are counted).
 */
describe.each(testDatabases())('case-study JSON import on %s, hostile input', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>['client'];
  let existingId: string;
  beforeAll(async () => {
    t = await createTestContext(kind);
    editor = (await signedInClient(t, ['editor'])).client;
    const res = await editor.api('POST', '/library/case-studies', caseFixture({ slug: 'kept' }));
    expect(res.status).toBe(201);
    existingId = (await res.json()).id;
  });
  afterAll(() => t.close());

  const count = async () => {
    const one = async (table: string) =>
      Number(rowsOf<{ n: number }>(await t.deps.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);
    return { cases: await one('library_case_studies'), docs: await one('library_search_docs') };
  };
  /** Sends `body` (raw text, or a value to JSON-encode) by POST and PUT; both must refuse it the same way and store nothing. */
  const refuse = async (body: unknown, raw = false) => {
    const before = await count();
    const send = (method: string, path: string) =>
      editor.request(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': editor.csrf },
        body: raw ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
      });
    const answers = [];
    for (const [method, path] of [
      ['POST', '/library/case-studies'],
      ['PUT', `/library/case-studies/${existingId}`],
    ]) {
      const res = await send(method, path);
      const json = await res.json();
      expect(res.status, `${method}: ${JSON.stringify(json).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method}: ${JSON.stringify(json).slice(0, 300)}`).toBeLessThan(500);
      answers.push(json.error as { code: string; message: string; fields: Record<string, string> });
    }
    expect(await count()).toEqual(before);
    expect(answers[1].fields).toEqual(answers[0].fields);
    return answers[0];
  };
  /** JSON text nested `depth` levels (arrays and objects in turn) around `leaf`: built as text, as JSON.stringify would overflow. */
  const nested = (depth: number, leaf: string) => {
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < depth; i++) {
      open.push(i % 2 ? '{"a":' : '[');
      close.push(i % 2 ? '}' : ']');
    }
    return open.join('') + leaf + close.reverse().join('');
  };
  const withField = (field: string, json: string) => JSON.stringify({ ...caseFixture(), [field]: '@@' }).replace('"@@"', json);

  it('refuses javascript:, data: and other non-web links by field path', async () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.test',
      'ftp://x.test',
      'https://',
    ])
      expect(
        (
          await refuse(
            caseFixture({
              links: [
                { title: 'ok', url: 'https://ok.test' },
                { title: 'x', url },
              ],
            }),
          )
        ).fields,
      ).toEqual({
        'links.1.url': 'must be a full web address starting with http:// or https://',
      });
    expect((await refuse(caseFixture({ organisations: [{ name: 'Org', url: 'javascript:void(0)' }] }))).fields).toEqual({
      'organisations.0.url': 'must be a full web address starting with http:// or https://',
    });
  });

  it('refuses deep nesting, in a field and as the whole body, naming the field', async () => {
    expect(Object.keys((await refuse(withField('title', `{"en":${nested(5000, '"x"')}}`), true)).fields)).toEqual(['title.en']);
    expect(Object.keys((await refuse(withField('links', nested(5000, '"x"')), true)).fields)).toEqual(['links.0.title', 'links.0.url']);
    expect(
      Object.keys((await refuse(withField('recognitions', `[{"name":"Prize","year":2000,"awardedBy":${nested(100_000, '1')}}]`), true)).fields),
    ).toEqual(['recognitions.0.awardedBy']);
    expect((await refuse(nested(100_000, '1'), true)).code).toBe('invalid_input');
  });

  it('refuses huge fields and too many languages, naming the field', async () => {
    expect((await refuse(caseFixture({ body: { en: 'x'.repeat(50_001) } }))).fields).toHaveProperty(['body.en']);
    expect((await refuse(caseFixture({ title: { en: 't'.repeat(1_000_000) } }))).fields).toHaveProperty(['title.en']);
    expect(
      (await refuse(caseFixture({ links: Array.from({ length: 31 }, (_, i) => ({ title: `l${i}`, url: `https://x.test/${i}` })) }))).fields,
    ).toHaveProperty('links');
    const languages = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`l${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, 'A title']),
    );
    expect((await refuse(caseFixture({ title: languages }))).fields).toEqual({ title: 'at most 30 languages' });
    expect((await refuse(caseFixture({ tags: ['x'.repeat(41)] }))).fields).toHaveProperty(['tags.0']);
  });

  it('refuses wrong types, NaN-like, infinite, negative and impossible values', async () => {
    const fields = async (patch: Record<string, unknown>) => Object.keys((await refuse({ ...caseFixture(), ...patch })).fields);
    expect(await fields({ yearLaunched: '2008' })).toEqual(['yearLaunched']);
    expect(await fields({ yearLaunched: 2008.5 })).toEqual(['yearLaunched']);
    expect(await fields({ yearLaunched: -2008 })).toEqual(['yearLaunched']);
    expect(await fields({ yearLaunched: null })).toEqual(['yearLaunched']);
    expect((await refuse(JSON.stringify(caseFixture()).replace('"yearLaunched":2008', '"yearLaunched":1e999'), true)).fields).toHaveProperty(
      'yearLaunched',
    );
    expect(await fields({ recognitions: [{ name: 'Prize', year: -1 }] })).toEqual(['recognitions.0.year']);
    expect(await fields({ sectors: 'public-finance' })).toEqual(['sectors']);
    expect(await fields({ sectors: ['public-finance', 'nonsense'] })).toEqual(['sectors.1']);
    expect(await fields({ title: 'Not localised' })).toEqual(['title']);
    expect(await fields({ title: { en: 42 } })).toEqual(['title.en']);
    expect(await fields({ links: { title: 'x', url: 'https://x.test' } })).toEqual(['links']);
    expect(await fields({ country: ['PT'] })).toEqual(['country']);
    expect(await fields({ publishedAt: 'not a date' })).toEqual(['publishedAt']);
    expect(await fields({ publishedAt: '+275760-09-14T00:00:00.000Z' })).toEqual(['publishedAt']);
    expect(await fields({ images: [{ uploadId: 'not-a-uuid', alt: 'x' }] })).toEqual(['images.0.uploadId']);
  });

  it('refuses bodies that are not a JSON object: random bytes, UTF-16, arrays, null, numbers', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 5; i++) {
      const bytes = new Uint8Array(Array.from({ length: 64 + Math.floor(random() * 512) }, () => Math.floor(random() * 256)));
      bytes[0] = 0x7b; // "{": looks like JSON, is not
      expect((await refuse(bytes, true)).code).toMatch(/invalid_input|bad_request/);
    }
    const utf16 = Buffer.from('\ufeff' + JSON.stringify(caseFixture()), 'utf16le');
    expect((await refuse(new Uint8Array(utf16), true)).code).toMatch(/invalid_input|bad_request/);
    for (const body of [[caseFixture()], null, 42, 'a string', true]) expect((await refuse(body)).code).toMatch(/invalid_input|bad_request/);
  });

  it('refuses a duplicate slug with a conflict on the slug, and stores nothing', async () => {
    const before = await count();
    const res = await editor.api('POST', '/library/case-studies', caseFixture({ slug: 'kept' }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty('slug');
    expect(await count()).toEqual(before);
  });
});
