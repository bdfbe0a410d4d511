import type { Deps, ModuleManifest } from '../db/context.js';
import { createSite, findSiteBySlug, listSites } from '../modules/sites/index.js';

/** The demo site's slug. */
export const DEMO_SITE = 'demo';

/**
 * Creates the demo site with every module's demo content, once: a database that already has
 * sites is left alone, so restarting never duplicates content.
 */
export async function ensureDemoSite(deps: Deps, manifests: ModuleManifest[]): Promise<{ created: boolean; siteId: string }> {
  const existing = await findSiteBySlug(deps.db, DEMO_SITE);
  if (existing) return { created: false, siteId: existing.id };
  const hasSites = (await listSites(deps.db)).length > 0;
  const site = await createSite(deps, {
    slug: DEMO_SITE,
    name: {
      en: 'Polity demo city',
      es: 'Ciudad de demostración de Polity',
      fr: 'Ville de démonstration Polity',
      pt: 'Cidade de demonstração Polity',
      uk: 'Демонстраційне місто Polity',
    },
    hosts: ['demo.polity.localhost'],
    isDefault: !hasSites,
    locales: ['en', 'es', 'fr', 'pt', 'uk'],
    defaultLocale: 'en',
    contact: { email: 'hello@demo.polity.localhost', phone: null, address: '1 Civic Square' },
  });
  for (const m of manifests) {
    if (!m.seed) continue;
    const t = performance.now();
    await m.seed(deps, site.id);
    deps.log.info('seeded', { module: m.id, ms: Math.round(performance.now() - t) });
  }
  return { created: true, siteId: site.id };
}
