import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect.js';

/**
 * Open-redirect payloads, from OWASP's "Unvalidated Redirects and Forwards" cheat sheet and the
 * usual bypass lists: each is a way a browser can be sent to another host from a "path".
 */
export const HOSTILE_REDIRECTS = [
  '//evil.test',
  '//evil.test/x',
  '/.//evil.test',
  '/././/evil.test',
  '/..//evil.test',
  '/%2e%2e//evil.test',
  '/%2e//evil.test',
  '/\\evil.test',
  '\\\\evil.test',
  '\\/evil.test',
  '/\\/evil.test',
  '/%5Cevil.test',
  '/%5C%5Cevil.test',
  '/%2F%2Fevil.test',
  '/%2f/evil.test',
  '%2F%2Fevil.test',
  '/%252F%252Fevil.test',
  'https://evil.test',
  'https://evil.test/account',
  'http:evil.test',
  'HTTPS://evil.test',
  '///evil.test',
  '////evil.test',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%09/evil.test',
  '/\t/evil.test',
  '/\n/evil.test',
  '/\r\n/evil.test',
  '\t//evil.test',
  '/%0a/evil.test',
  '/%0d%0a/evil.test',
  '/\u0000/evil.test',
  '/%00/evil.test',
  ' //evil.test',
  'evil.test',
  'account',
  '',
  '/' + 'a'.repeat(3000),
];

describe('safeRedirectPath', () => {
  it('follows paths on this site, with their query and fragment', () => {
    expect(safeRedirectPath('/account')).toBe('/account');
    expect(safeRedirectPath('/library?q=a#top')).toBe('/library?q=a#top');
    expect(safeRedirectPath('/library/calls/x/submission')).toBe('/library/calls/x/submission');
    expect(safeRedirectPath('/a/./b/../c')).toBe('/a/c');
    // An encoded slash in the query is data, not a host.
    expect(safeRedirectPath('/library?q=%2F%2Fx')).toBe('/library?q=%2F%2Fx');
  });

  it.each(HOSTILE_REDIRECTS)('refuses %j', (target) => {
    expect(safeRedirectPath(target)).toBe('/');
    expect(safeRedirectPath(target, '/home')).toBe('/home');
  });

  it('refuses what is not a string', () => {
    for (const v of [null, undefined, 42, ['/x'], { toString: () => '/x' }]) expect(safeRedirectPath(v)).toBe('/');
  });

  it('never returns a target a browser reads as another host', () => {
    // Every answer, hostile or not, resolves to the same origin in a browser's URL parser.
    for (const target of [...HOSTILE_REDIRECTS, '/ok', '/a?b=c#d']) {
      const answer = safeRedirectPath(target);
      expect(new URL(answer, 'https://site.example').host, target).toBe('site.example');
      expect(answer.startsWith('//') || answer.startsWith('/\\'), target).toBe(false);
    }
  });
});
