import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { OrganisationKind } from '../core/organisations.js';

/** Sites (tenants). The one table without site_id: its id is the site id. */
export const sites = pgTable('sites', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').notNull().$type<LocalizedText>(),
  hosts: text('hosts').array().notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  locales: text('locales').array().notNull(),
  defaultLocale: text('default_locale').notNull(),
  logoUrl: text('logo_url'),
  colors: jsonb('colors').notNull().$type<{ primary: string; accent: string }>(),
  contact: jsonb('contact').notNull().$type<{ email: string | null; phone: string | null; address: string | null }>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Organisations and agencies of a site, in a tree (`parent_id`). */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: jsonb('name').notNull().$type<LocalizedText>(),
    kind: text('kind').notNull().$type<OrganisationKind>(),
    parentId: uuid('parent_id'),
    contact: jsonb('contact').notNull().$type<{ email: string | null; phone: string | null; url: string | null }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('organisations_site_slug').on(t.siteId, t.slug), index('organisations_site_kind').on(t.siteId, t.kind)],
);
