import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mail written when no SMTP server is configured; admins read it at /admin/outbox. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('outbox_site_created').on(t.siteId, t.createdAt)],
);
