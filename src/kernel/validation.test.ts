import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { fieldReasonsOf, httpUrl, isHttpUrl, parseInput } from './validation.js';

describe('the link rule', () => {
  it('accepts http and https addresses only', () => {
    expect(isHttpUrl('https://example.org/a?b=c')).toBe(true);
    expect(isHttpUrl('http://example.org')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>',
      'ftp://example.org',
      'mailto:a@b.c',
      '//evil.test',
      '/relative',
      'https://',
      'not a url',
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });

  it('names the reason in the field error', () => {
    const parsed = httpUrl(100).safeParse('javascript:alert(document.cookie)');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/http:\/\/ or https:\/\//);
    expect(httpUrl(20).safeParse('https://example.org/' + 'x'.repeat(40)).success).toBe(false);
    expect(httpUrl().parse('  https://example.org/x  ')).toBe('https://example.org/x');
  });
});

describe('coded reasons of zod issues', () => {
  const schema = z.object({
    note: z.string().trim().min(1, 'is required'),
    q: z.string().max(200),
    contact: z.object({ email: z.string().email() }),
    count: z.number().int().min(2).max(9),
    kind: z.enum(['a', 'b']),
    site: httpUrl(),
  });
  const reasonsFor = (data: unknown) => {
    const parsed = schema.safeParse(data);
    if (parsed.success) throw new Error('expected a failure');
    return fieldReasonsOf(parsed.error, data);
  };

  it('names each field by its path with a stable reason and the values to word it with', () => {
    expect(reasonsFor({ note: '  ', q: 'x'.repeat(201), contact: { email: 'nope' }, count: 12, kind: 'c', site: 'javascript:alert(1)' })).toEqual({
      note: { reason: 'required' },
      q: { reason: 'too_long', values: { max: 200 } },
      'contact.email': { reason: 'invalid_email' },
      count: { reason: 'too_large', values: { max: 9 } },
      kind: { reason: 'invalid_choice' },
      site: { reason: 'invalid_url' },
    });
  });

  it('calls an absent value required whatever check refused it', () => {
    const reasons = reasonsFor({ q: '', contact: {}, count: 1.5 });
    expect(reasons.note).toEqual({ reason: 'required' });
    expect(reasons['contact.email']).toEqual({ reason: 'required' });
    expect(reasons.kind).toEqual({ reason: 'required' });
    expect(reasons.count).toEqual({ reason: 'not_whole' });
  });

  it('parseInput carries the coded reasons beside the English texts of the API', () => {
    try {
      parseInput(schema, { note: 'x', q: 'ok', contact: { email: 'a@b.org' }, count: 1, kind: 'a', site: 'https://example.org' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields.count).toMatch(/>=2/);
      expect((e as AppError).reasons).toEqual({ count: { reason: 'too_small', values: { min: 2 } } });
    }
  });
});
