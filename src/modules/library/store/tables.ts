import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { CaseStudyStatus, Level, PostStatus, PostType, Sector, Stage } from '../core/vocabulary.js';

/** PostgreSQL tsvector (drizzle has no built-in type for it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Raw bytes; PGlite returns Uint8Array and node-postgres Buffer, so readers wrap with Buffer.from. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

export interface Organisation {
  name: string;
  role?: string;
  url?: string;
}
export interface Link {
  title: string;
  url: string;
}
export interface ImageRef {
  uploadId: string;
  alt: string;
}
export interface Recognition {
  name: string;
  year: number;
  awardedBy?: string;
}

/** Case studies of public-sector innovations; text fields hold every language written. */
export const libraryCaseStudies = pgTable(
  'library_case_studies',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    title: jsonb('title').notNull().$type<LocalizedText>(),
    summary: jsonb('summary').notNull().$type<LocalizedText>(),
    body: jsonb('body').notNull().$type<LocalizedText>(),
    country: text('country').notNull(),
    level: text('level').notNull().$type<Level>(),
    sectors: text('sectors').array().notNull().$type<Sector[]>(),
    tags: text('tags').array().notNull().$type<string[]>(),
    stage: text('stage').notNull().$type<Stage>(),
    yearLaunched: integer('year_launched').notNull(),
    organisations: jsonb('organisations').notNull().$type<Organisation[]>(),
    links: jsonb('links').notNull().$type<Link[]>(),
    images: jsonb('images').notNull().$type<ImageRef[]>(),
    recognitions: jsonb('recognitions').notNull().$type<Recognition[]>(),
    status: text('status').notNull().$type<CaseStudyStatus>(),
    originalLocale: text('original_locale').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: uuid('author_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('library_case_studies_slug').on(t.siteId, t.slug), index('library_case_studies_status').on(t.siteId, t.status, t.publishedAt)],
);

/** Posts of the library's blog (news, toolkits, event reports, calls). */
export const libraryPosts = pgTable(
  'library_posts',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    type: text('type').notNull().$type<PostType>(),
    title: jsonb('title').notNull().$type<LocalizedText>(),
    summary: jsonb('summary').notNull().$type<LocalizedText>(),
    body: jsonb('body').notNull().$type<LocalizedText>(),
    tags: text('tags').array().notNull().$type<string[]>(),
    status: text('status').notNull().$type<PostStatus>(),
    originalLocale: text('original_locale').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: uuid('author_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('library_posts_slug').on(t.siteId, t.slug), index('library_posts_status').on(t.siteId, t.status, t.publishedAt)],
);

/**
 * One full-text document per item and language, built with that language's PostgreSQL
 * configuration (`config`; 'simple' when PostgreSQL has none) and weighted title A, summary B,
 * tags/organisations C, body D. A GIN index serves `@@` queries.
 */
export const librarySearchDocs = pgTable(
  'library_search_docs',
  {
    siteId: uuid('site_id').notNull(),
    itemKind: text('item_kind').notNull().$type<'case' | 'post'>(),
    itemId: uuid('item_id').notNull(),
    locale: text('locale').notNull(),
    config: text('config').notNull(),
    document: tsvector('document').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.itemId, t.locale] }),
    index('library_search_docs_item').on(t.siteId, t.itemKind, t.itemId),
    index('library_search_docs_document').using('gin', t.document),
  ],
);

/** Uploaded files (re-encoded images, PDFs), served at /library/files/{id}. */
export const libraryUploads = pgTable(
  'library_uploads',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by'),
    isImage: boolean('is_image').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('library_uploads_site').on(t.siteId, t.createdAt)],
);

export type CaseStudyRow = typeof libraryCaseStudies.$inferSelect;
export type PostRow = typeof libraryPosts.$inferSelect;
export type UploadRow = typeof libraryUploads.$inferSelect;

/**
 * A counter per site and kind, bumped in the same transaction as every change to its case
 * studies or posts. Searches key their in-process cache of facet records on it, so every app
 * process sees a change at once and none reloads the catalogue when nothing changed.
 */
export const libraryRevisions = pgTable(
  'library_revisions',
  {
    siteId: uuid('site_id').notNull(),
    kind: text('kind').notNull().$type<'case' | 'post'>(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.kind] })],
);
