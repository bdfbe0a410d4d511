import type { Db } from '../../../db/connection.js';
import type { Site } from '../../../kernel/site.js';
import { findDefaultSite, findSiteByHost } from '../store/sites.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The site a request is for: the site listing the request's host name, else the default site
 * when the host is a loopback name (so `http://localhost:3000` always works), else none.
 */
export async function resolveSiteForHost(db: Db, hostHeader: string): Promise<Site | null> {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  const site = await findSiteByHost(db, host);
  if (site) return site;
  if (LOOPBACK.has(host) || host.endsWith('.localhost')) return findDefaultSite(db);
  return null;
}
