import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import type { Site } from '../../../kernel/site.js';
import { organisations, sites } from './tables.js';

type SiteRow = typeof sites.$inferSelect;

/** A site row as the plain Site type. */
export function presentSite(row: SiteRow): Site {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    hosts: row.hosts,
    isDefault: row.isDefault,
    locales: row.locales,
    defaultLocale: row.defaultLocale,
    logoUrl: row.logoUrl,
    colors: row.colors,
    contact: row.contact,
  };
}

/** The site that lists `host` among its hosts. */
export async function findSiteByHost(db: Db, host: string): Promise<Site | null> {
  const [row] = await db
    .select()
    .from(sites)
    .where(sql`${host} = ANY(${sites.hosts})`)
    .limit(1);
  return row ? presentSite(row) : null;
}

/** The site with this id. */
export async function findSiteById(db: Db, id: string): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row ? presentSite(row) : null;
}

/** The default site (served on localhost). */
export async function findDefaultSite(db: Db): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.isDefault, true)).limit(1);
  return row ? presentSite(row) : null;
}

export async function findSiteBySlug(db: Db, slug: string): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.slug, slug)).limit(1);
  return row ? presentSite(row) : null;
}

export async function listSites(db: Db): Promise<Site[]> {
  return (await db.select().from(sites).orderBy(asc(sites.slug))).map(presentSite);
}

export type OrganisationRow = typeof organisations.$inferSelect;

/** Organisations of one site, optionally of one kind. */
export async function listOrganisations(db: Db, siteId: string, kind?: string): Promise<OrganisationRow[]> {
  const where = kind ? and(eq(organisations.siteId, siteId), eq(organisations.kind, kind as never)) : eq(organisations.siteId, siteId);
  return db.select().from(organisations).where(where).orderBy(asc(organisations.slug));
}

export async function findOrganisation(db: Db, siteId: string, id: string): Promise<OrganisationRow | null> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.siteId, siteId), eq(organisations.id, id)))
    .limit(1);
  return row ?? null;
}
