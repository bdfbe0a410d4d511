import { boolean, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ConversationSettings, ParticipantQuestion } from '../core/conversation-settings.js';

/** Open conversations (Pol.is): a topic, seed statements, settings and optional participant questions. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    topic: text('topic').notNull(),
    description: text('description').notNull(),
    settings: jsonb('settings').notNull().$type<ConversationSettings>(),
    questions: jsonb('questions').notNull().$type<ParticipantQuestion[]>(),
    /** Who may take part when `settings.participation` is `xid`: an allow-list, or null for any xid. */
    xidAllowList: text('xid_allow_list').array(),
    closed: boolean('closed').notNull().default(false),
    ownerId: uuid('owner_id'),
    /** Bumped on every vote, statement or moderation: the analysis is stale while it exceeds `analyzedRevision`. */
    revision: integer('revision').notNull().default(0),
    analyzedRevision: integer('analyzed_revision').notNull().default(0),
    /** Next participant / statement number (Pol.is's integer pids and tids). */
    nextParticipant: integer('next_participant').notNull().default(0),
    nextStatement: integer('next_statement').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('conversations_slug').on(t.siteId, t.slug)],
);

/**
 * A participant of one conversation, known by exactly one of: a signed-in user, an external id
 * passed by an embedding site (`xid`), or the hash of an anonymous cookie token.
 */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    siteId: uuid('site_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    pid: integer('pid').notNull(),
    userId: uuid('user_id'),
    xid: text('xid'),
    anonHash: text('anon_hash'),
    answers: jsonb('answers').notNull().$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.pid] }),
    uniqueIndex('conversation_participants_user').on(t.conversationId, t.userId),
    uniqueIndex('conversation_participants_xid').on(t.conversationId, t.xid),
    uniqueIndex('conversation_participants_anon').on(t.conversationId, t.anonHash),
    index('conversation_participants_site').on(t.siteId),
  ],
);

/** Statements; `moderation` is Pol.is's `mod`: -1 rejected, 0 waiting, 1 accepted. */
export const conversationStatements = pgTable(
  'conversation_statements',
  {
    siteId: uuid('site_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    tid: integer('tid').notNull(),
    body: text('body').notNull(),
    authorPid: integer('author_pid'),
    isSeed: boolean('is_seed').notNull(),
    moderation: smallint('moderation').notNull().$type<-1 | 0 | 1>(),
    isMeta: boolean('is_meta').notNull().default(false),
    /** The most similar earlier statement when the near-duplicate check flagged this one. */
    duplicateOf: integer('duplicate_of'),
    similarity: real('similarity'),
    moderatedBy: uuid('moderated_by'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tid] }), index('conversation_statements_queue').on(t.siteId, t.conversationId, t.moderation)],
);

/** Current votes in Pol.is's internal coding (agree -1, disagree +1, pass 0); a re-vote replaces the row. */
export const conversationVotes = pgTable(
  'conversation_votes',
  {
    siteId: uuid('site_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    pid: integer('pid').notNull(),
    tid: integer('tid').notNull(),
    vote: smallint('vote').notNull().$type<-1 | 0 | 1>(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.pid, t.tid] }), index('conversation_votes_site').on(t.siteId, t.conversationId)],
);

/** The latest analysis of a conversation (the report's data) and the state the next update warm-starts from. */
export const conversationAnalyses = pgTable('conversation_analyses', {
  conversationId: uuid('conversation_id').primaryKey(),
  siteId: uuid('site_id').notNull(),
  revision: integer('revision').notNull(),
  report: jsonb('report').notNull().$type<Record<string, unknown>>(),
  state: jsonb('state').notNull().$type<Record<string, unknown>>(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
