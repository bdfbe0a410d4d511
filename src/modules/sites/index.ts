import { createRoute, z } from '@hono/zod-openapi';
import type { ModuleManifest } from '../../db/context.js';
import { errorResponses, json } from '../../kernel/api.js';
import { authorize } from '../../kernel/policy.js';
import { siteSettingsSchema } from './core/settings.js';
import { organisationInput, saveOrganisation } from './commands/save-organisation.js';
import { updateSiteSettings } from './commands/update-site.js';
import { listOrganisations } from './store/sites.js';
import { seedOrganisations } from './seed.js';
import { ORGANISATION_KINDS } from './core/organisations.js';

export { createSite } from './commands/create-site.js';
export { forgetSites, resolveSiteForHost, resolveSiteMemoized, SITE_MEMO_MAX_HOSTS, siteMemoSize } from './commands/resolve-site.js';
export { findSiteOrigin } from './commands/site-origin.js';
export { canonicalOrigin, isLocalHost } from './core/origin.js';
export { saveOrganisation } from './commands/save-organisation.js';
export { updateSiteSettings } from './commands/update-site.js';
export { contrastRatio, siteSettingsSchema } from './core/settings.js';
export { findOrganisation, listOrganisations, listSites, findSiteById, findSiteBySlug, type OrganisationRow } from './store/sites.js';
export { ORGANISATION_KINDS, type OrganisationKind } from './core/organisations.js';

const siteSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.record(z.string(), z.string()),
    locales: z.array(z.string()),
    defaultLocale: z.string(),
    logoUrl: z.string().nullable(),
    colors: z.object({ primary: z.string(), accent: z.string() }),
    contact: z.object({ email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  })
  .openapi('Site');

const organisationSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.record(z.string(), z.string()),
    kind: z.enum(ORGANISATION_KINDS),
    parentId: z.string().nullable(),
    contact: z.object({ email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable() }),
  })
  .openapi('Organisation');

function presentOrganisation(o: z.infer<typeof organisationSchema>) {
  return { id: o.id, slug: o.slug, name: o.name, kind: o.kind, parentId: o.parentId, contact: o.contact };
}

/** Sites (tenants), their settings, and their organisations and agencies. */
export const sitesModule: ModuleManifest = {
  id: 'sites',
  permissions: {
    'sites.settings.update': { roles: ['admin'] },
    'sites.organisations.manage': { roles: ['admin', 'editor'] },
  },
  nav: [
    { id: 'site-settings', label: 'nav.siteSettings', href: '/admin/site', area: 'admin', permission: 'sites.settings.update', order: 10 },
    {
      id: 'organisations',
      label: 'nav.organisations',
      href: '/admin/organisations',
      area: 'admin',
      permission: 'sites.organisations.manage',
      order: 20,
    },
    { id: 'directory', label: 'nav.directory', href: '/organisations', area: 'main', order: 80, description: 'home.directory' },
  ],
  pages: [
    { path: 'admin/site', file: '../modules/sites/ui/site-settings-page.tsx' },
    { path: 'admin/organisations', file: '../modules/sites/ui/organisations-page.tsx' },
    { path: 'organisations', file: '../modules/sites/ui/directory-page.tsx' },
  ],
  seed: seedOrganisations,
  api(app) {
    app.openapi(
      createRoute({
        method: 'get',
        path: '/site',
        tags: ['Sites'],
        summary: 'The current site and its settings',
        responses: { 200: json(siteSchema) },
      }),
      (c) => {
        const { site } = c.get('ctx');
        return c.json(siteSchema.parse(site), 200);
      },
    );
    app.openapi(
      createRoute({
        method: 'put',
        path: '/site',
        tags: ['Sites'],
        summary: 'Replace the current site settings (admins)',
        request: { body: json(siteSettingsSchema) },
        responses: { 200: json(siteSchema), ...errorResponses },
      }),
      async (c) => {
        const { site, actor } = c.get('ctx');
        const deps = c.get('deps');
        authorize(deps.permissions, actor, 'sites.settings.update');
        const updated = await updateSiteSettings(deps, site.id, await c.req.json());
        return c.json(siteSchema.parse(updated), 200);
      },
    );
    app.openapi(
      createRoute({
        method: 'get',
        path: '/organisations',
        tags: ['Sites'],
        summary: 'Organisations and agencies of the site',
        request: { query: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }) },
        responses: { 200: json(z.object({ items: z.array(organisationSchema) })), ...errorResponses },
      }),
      async (c) => {
        const { kind } = c.req.valid('query');
        const rows = await listOrganisations(c.get('deps').db, c.get('ctx').site.id, kind);
        return c.json({ items: rows.map(presentOrganisation) }, 200);
      },
    );
    app.openapi(
      createRoute({
        method: 'post',
        path: '/organisations',
        tags: ['Sites'],
        summary: 'Create an organisation or agency (admins, editors)',
        request: { body: json(organisationInput) },
        responses: { 201: json(organisationSchema, 'Created'), ...errorResponses },
      }),
      async (c) => {
        const deps = c.get('deps');
        const { site, actor } = c.get('ctx');
        authorize(deps.permissions, actor, 'sites.organisations.manage');
        const row = await saveOrganisation(deps, site.id, await c.req.json());
        return c.json(presentOrganisation(row), 201);
      },
    );
  },
};
