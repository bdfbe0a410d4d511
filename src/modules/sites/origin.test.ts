import { describe, expect, it } from 'vitest';
import { canonicalOrigin, isLocalHost } from './core/origin.js';

const site = { hosts: ['city.example', 'www.city.example', 'evil.test'] };
const secure = { secure: true };

describe('canonicalOrigin', () => {
  it("links to the site's primary host whatever host the request came to", () => {
    for (const request of [
      'http://evil.test',
      'https://evil.test',
      'http://www.city.example',
      'http://localhost:3000',
      'http://evil.localhost:4444',
      '',
      null,
      'not a url',
    ])
      expect(canonicalOrigin(site, request, secure), String(request)).toBe('https://city.example');
  });

  it('keeps the port of a request to the primary host itself', () => {
    expect(canonicalOrigin(site, 'https://city.example:8443', secure)).toBe('https://city.example:8443');
    expect(canonicalOrigin(site, 'http://evil.test:8443', secure)).toBe('https://city.example');
  });

  it("uses the request's scheme when cookies are not Secure (a plain-http deployment)", () => {
    expect(canonicalOrigin(site, 'http://evil.test', { secure: false })).toBe('http://city.example');
    expect(canonicalOrigin(site, 'https://evil.test', { secure: false })).toBe('https://city.example');
    expect(canonicalOrigin(site, '', { secure: false })).toBe('http://city.example');
  });

  it('serves development on local names with their port', () => {
    const demo = { hosts: ['demo.polity.localhost'] };
    expect(canonicalOrigin(demo, 'http://localhost:3000', secure)).toBe('http://demo.polity.localhost:3000');
    expect(canonicalOrigin({ hosts: ['test.localhost'] }, 'http://test.localhost', secure)).toBe('http://test.localhost');
    // A site with no host is served only on loopback names.
    expect(canonicalOrigin({ hosts: [] }, 'http://127.0.0.1:3000', secure)).toBe('http://127.0.0.1:3000');
    expect(canonicalOrigin({ hosts: [] }, 'http://evil.test', secure)).toBe('http://localhost');
  });

  it('knows the local names', () => {
    for (const h of ['localhost', '127.0.0.1', '[::1]', 'demo.polity.localhost', 'LOCALHOST']) expect(isLocalHost(h), h).toBe(true);
    for (const h of ['localhost.evil.test', 'city.example', '10.0.0.1']) expect(isLocalHost(h), h).toBe(false);
  });
});
