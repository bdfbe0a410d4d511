import { describe, expect, it } from 'vitest';
import { HOSTILE_REDIRECTS } from './redirect-test-cases.js';
import { safeRedirectPath } from './redirect.js';

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
