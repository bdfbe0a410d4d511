import { describe, expect, it } from 'vitest';
import { httpUrl, isHttpUrl } from './validation.js';

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
