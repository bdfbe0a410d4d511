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
/**
 * How many host names each of the memo's two lists (hosts that are a site, hosts that are not)
 * keeps. Host headers are chosen by clients, so the memo must not grow with them; unknown hosts
 * are kept apart so a flood of them cannot push out the sites actually served.
 */
export const SITE_MEMO_MAX_HOSTS = 1000;
const MEMO_KEY = 'sites:hosts';

interface MemoEntry {
  at: number;
  site: Site | null;
}

interface SiteMemo {
  found: Map<string, MemoEntry>;
  missing: Map<string, MemoEntry>;
}

function siteMemo(deps: Pick<Deps, 'memo'>): SiteMemo {
  let memo = deps.memo.get(MEMO_KEY) as SiteMemo | undefined;
  if (!memo) deps.memo.set(MEMO_KEY, (memo = { found: new Map(), missing: new Map() }));
  return memo;
}

/** Keeps a key as the most recently used (a Map iterates in insertion order) and drops the least recently used past the cap. */
function remember(map: Map<string, MemoEntry>, key: string, value: MemoEntry, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/**
 * `resolveSiteForHost` with a short per-process memo, since every request asks it. Changes made
 * in this process drop the memo at once (`forgetSites`); those made by other processes show
 * within SITE_MEMO_MS. The memo holds at most SITE_MEMO_MAX_HOSTS hosts of each kind, least
 * recently used dropped first.
 */
export async function resolveSiteMemoized(
  deps: Pick<Deps, 'db' | 'memo' | 'clock'>,
  hostHeader: string,
  maxHosts = SITE_MEMO_MAX_HOSTS,
): Promise<Site | null> {
  const key = hostHeader.toLowerCase();
  const now = deps.clock.now().getTime();
  const memo = siteMemo(deps);
  const hit = memo.found.get(key) ?? memo.missing.get(key);
  if (hit && now - hit.at < SITE_MEMO_MS) {
    remember(hit.site ? memo.found : memo.missing, key, hit, maxHosts);
    return hit.site;
  }
  const site = await resolveSiteForHost(deps.db, hostHeader);
  memo.found.delete(key);
  memo.missing.delete(key);
  remember(site ? memo.found : memo.missing, key, { at: now, site }, maxHosts);
  return site;
}

/** How many hosts this process's site memo holds (for tests and diagnostics). */
export function siteMemoSize(deps: Pick<Deps, 'memo'>): number {
  const memo = deps.memo.get(MEMO_KEY) as SiteMemo | undefined;
  return memo ? memo.found.size + memo.missing.size : 0;
}

/** Drops this process's memo of sites (after a site is created or its settings change). */
export function forgetSites(deps: Pick<Deps, 'memo'>): void {
  deps.memo.delete(MEMO_KEY);
}
