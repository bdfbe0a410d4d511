import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh nonce for one response's scripts. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The image source a map tile URL template needs in the CSP: its scheme and host, with a `{s}`
 * subdomain placeholder widened to `*.` (e.g. `https://*.tile.example.org`). Null when the
 * template has no usable host.
 */
export function tileImageSource(template: string): string | null {
  const m = /^(https?):\/\/([^/?#]+)/.exec(template);
  if (!m) return null;
  const host = m[2].replace(/^\{s\}\./, '*.');
  return /^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/.test(host) ? `${m[1]}://${host}` : null;
}

/**
 * The Content-Security-Policy of every response: scripts only from this origin or with the
 * response's nonce (no 'unsafe-inline' scripts), `frame-ancestors` from configuration so
 * sites can allow embedding, and images also from the map tile server.
 */
export function contentSecurityPolicy(nonce: string, frameAncestors: string, mapTilesUrl?: string): string {
  const tiles = mapTilesUrl ? tileImageSource(mapTilesUrl) : null;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The CSRF token for a visitor: an HMAC of their CSRF cookie, so the token proves same-origin. */
export function csrfTokenFor(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url');
}

/** Constant-time check of a submitted CSRF token. */
export function verifyCsrfToken(secret: string, cookieValue: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfTokenFor(secret, cookieValue));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Whether an Origin header names the request's own host. A malformed Origin (`http://[`) is
 * simply not the same origin, so the request is refused as cross-site rather than failing.
 */
export function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
