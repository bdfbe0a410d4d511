import type { Site } from '../../../kernel/site.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether `host` (a name without port) only ever means this machine: loopback names and `*.localhost`. */
export function isLocalHost(host: string): boolean {
  const name = host.toLowerCase();
  return LOOPBACK.has(name) || name.endsWith('.localhost');
}

/**
 * The origin (scheme://host[:port]) that links to `site` are built from, wherever they are read
 * later: e-mails, jobs, printed voting codes. The host is always the site's primary host (the
 * first it lists), never the Host header of the request that caused the link, which anyone can set
 * (an alias host, a proxy that passes Host through, a forged request to the default site).
 *
 * - Scheme: `https:` for a public host when cookies are Secure (`COOKIE_SECURE`, the default: a
 *   site whose cookies are Secure is served over TLS); otherwise the request's own scheme, which
 *   is `http:` on `*.localhost` and on deployments that turned Secure cookies off.
 * - Port: the request's, only when the request came to that same primary host or the primary host
 *   is a local name (development on `localhost:3000`); public sites are linked without one.
 * - A site that lists no host is only served on loopback names (see resolveSiteForHost), so its
 *   links use the request's origin when that is a local one, else `http://localhost`.
 */
export function canonicalOrigin(site: Pick<Site, 'hosts'>, requestOrigin: string | null | undefined, opts: { secure: boolean }): string {
  let request: URL | null = null;
  try {
    request = requestOrigin ? new URL(requestOrigin) : null;
  } catch {
    request = null;
  }
  const primary = site.hosts[0]?.toLowerCase();
  if (!primary) return request && isLocalHost(request.hostname) ? request.origin : 'http://localhost';
  const local = isLocalHost(primary);
  const scheme = opts.secure && !local ? 'https:' : request?.protocol === 'https:' ? 'https:' : 'http:';
  const port = request && (local || request.hostname === primary) ? request.port : '';
  return `${scheme}//${primary}${port ? `:${port}` : ''}`;
}
