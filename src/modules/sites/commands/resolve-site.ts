import type { Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { Site } from '../../../kernel/site.js';
import { isLocalHost } from '../core/origin.js';
import { findDefaultSite, findSiteByHost } from '../store/sites.js';

/**
 * The site a request is for: the site listing the request's host name, else the default site
 * when the host is a loopback name (so `http://localhost:3000` always works), else none.
 */
export async function resolveSiteForHost(db: Db, hostHeader: string): Promise<Site | null> {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  const site = await findSiteByHost(db, host);
  if (site) return site;
  if (isLocalHost(host)) return findDefaultSite(db);
  return null;
}

/** How long a process trusts its memo of host -> site; other processes' changes show within it. */
export const SITE_MEMO_MS = 5000;
const MEMO_PREFIX = 'sites:host:';

/**
 * `resolveSiteForHost` with a short per-process memo, since every request asks it. Changes made
 * in this process drop the memo at once (`forgetSites`); those made by other processes show
 * within SITE_MEMO_MS.
 */
export async function resolveSiteMemoized(deps: Pick<Deps, 'db' | 'memo' | 'clock'>, hostHeader: string): Promise<Site | null> {
  const key = MEMO_PREFIX + hostHeader.toLowerCase();
  const now = deps.clock.now().getTime();
  const hit = deps.memo.get(key) as { at: number; site: Site | null } | undefined;
  if (hit && now - hit.at < SITE_MEMO_MS) return hit.site;
  const site = await resolveSiteForHost(deps.db, hostHeader);
  deps.memo.set(key, { at: now, site });
  return site;
}

/** Drops this process's memo of sites (after a site is created or its settings change). */
export function forgetSites(deps: Pick<Deps, 'memo'>): void {
  for (const key of deps.memo.keys()) if (key.startsWith(MEMO_PREFIX)) deps.memo.delete(key);
}
