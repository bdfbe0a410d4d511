import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh nonce for one response's scripts. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response: scripts only from this origin or with the
 * response's nonce (no 'unsafe-inline' scripts), and `frame-ancestors` from configuration so
 * sites can allow embedding.
 */
export function contentSecurityPolicy(nonce: string, frameAncestors: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
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
