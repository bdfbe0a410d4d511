import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { Role } from '../../../kernel/auth.js';

/** People with an account on a site. The same email may hold separate accounts on two sites. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    locale: text('locale'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('users_site_email').on(t.siteId, t.email)],
);

/** Sessions behind the session cookie; `id` is the SHA-256 of the cookie's token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.siteId, t.userId)],
);

/** Roles a person holds on a site; agency staff carry the agency. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull().$type<Role>(),
    agencyId: uuid('agency_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('role_grants_user').on(t.siteId, t.userId)],
);

/** Single-use emailed tokens (confirm email, reset password, sign in by link); `id` is a hash. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: text('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').notNull().$type<'confirm' | 'reset' | 'login'>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('auth_tokens_user').on(t.siteId, t.userId)],
);

/** Which legal texts a site publishes and people agree to at sign-up. */
export type LegalKind = 'terms' | 'privacy';

/**
 * A site's terms of use and privacy notice, per language; every save is a new version (kept, so
 * what someone agreed to stays known). Without a row the shipped default text is version 0.
 */
export const legalTexts = pgTable(
  'legal_texts',
  {
    siteId: uuid('site_id').notNull(),
    kind: text('kind').notNull().$type<LegalKind>(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull().$type<LocalizedText>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.kind, t.version] })],
);

/** A person's agreement to the terms and privacy notice: when, and to which versions. */
export const accountConsents = pgTable(
  'account_consents',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    userId: uuid('user_id').notNull(),
    termsVersion: integer('terms_version').notNull(),
    privacyVersion: integer('privacy_version').notNull(),
    agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('account_consents_user').on(t.siteId, t.userId)],
);
