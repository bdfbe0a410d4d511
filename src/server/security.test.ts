import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, tileImageSource } from './security.js';

describe('content security policy', () => {
  it('allows images from the map tile server, with {s} subdomains widened', () => {
    expect(tileImageSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileImageSource('https://{s}.tile.example.org:8443/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org:8443');
    expect(tileImageSource('javascript:alert(1)')).toBeNull();
    expect(tileImageSource("https://evil.example'; script-src *")).toBeNull();
    const csp = contentSecurityPolicy('n0nce', "'self'", 'https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(csp).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    expect(contentSecurityPolicy('n0nce', "'self'")).toContain("img-src 'self' data: blob:;");
  });
});
