import type { Deps } from '../../../db/context.js';
import { canonicalOrigin } from '../core/origin.js';
import { findSiteById } from '../store/sites.js';

/**
 * The site's canonical origin (see canonicalOrigin) for links in mails and jobs, by site id:
 * `requestOrigin` (the origin of the request that caused the mail, or '' in a job or the CLI)
 * only lends its scheme and port, never its host.
 */
export async function findSiteOrigin(deps: Pick<Deps, 'db' | 'env'>, siteId: string, requestOrigin?: string | null): Promise<string> {
  const site = await findSiteById(deps.db, siteId);
  return canonicalOrigin(site ?? { hosts: [] }, requestOrigin, { secure: deps.env.COOKIE_SECURE });
}
