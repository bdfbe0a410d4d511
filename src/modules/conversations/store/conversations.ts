import { and, asc, count, desc, eq, gte, inArray, max, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { AnalysisState } from '../core/analyze-conversation.js';
import type { Statement, Vote } from '../core/types.js';
import { conversationAnalyses, conversationParticipants, conversations, conversationStatements, conversationVotes } from './tables.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type StatementRow = typeof conversationStatements.$inferSelect;
export type ParticipantRow = typeof conversationParticipants.$inferSelect;
export type AnalysisRow = typeof conversationAnalyses.$inferSelect;

/** How a participant is recognised: their account, an embedding site's external id, or an anonymous cookie token's hash. */
export type ParticipantKey = { kind: 'user'; userId: string } | { kind: 'xid'; xid: string } | { kind: 'anon'; anonHash: string };

/** A conversation by its slug on a site. */
export async function findConversationBySlug(db: Db, siteId: string, slug: string): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), eq(conversations.slug, slug)));
  return row ?? null;
}

/** A conversation by id on a site. */
export async function findConversationById(db: Db, siteId: string, id: string): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.siteId, siteId), eq(conversations.id, id)));
  return row ?? null;
}

/** A site's conversations, newest first. */
export async function listConversations(db: Db, siteId: string): Promise<ConversationRow[]> {
  return db.select().from(conversations).where(eq(conversations.siteId, siteId)).orderBy(desc(conversations.createdAt));
}

/** A conversation's statements in order, optionally only those with the given moderation states. */
export async function listStatements(db: Db, siteId: string, conversationId: string, moderation?: (-1 | 0 | 1)[]): Promise<StatementRow[]> {
  return db
    .select()
    .from(conversationStatements)
    .where(
      and(
        eq(conversationStatements.siteId, siteId),
        eq(conversationStatements.conversationId, conversationId),
        moderation ? inArray(conversationStatements.moderation, moderation) : undefined,
      ),
    )
    .orderBy(asc(conversationStatements.tid));
}

/** One statement by its number. */
export async function findStatement(db: Db, siteId: string, conversationId: string, tid: number): Promise<StatementRow | null> {
  const [row] = await db
    .select()
    .from(conversationStatements)
    .where(
      and(eq(conversationStatements.siteId, siteId), eq(conversationStatements.conversationId, conversationId), eq(conversationStatements.tid, tid)),
    );
  return row ?? null;
}

function participantKeyCondition(key: ParticipantKey) {
  if (key.kind === 'user') return eq(conversationParticipants.userId, key.userId);
  if (key.kind === 'xid') return eq(conversationParticipants.xid, key.xid);
  return eq(conversationParticipants.anonHash, key.anonHash);
}

/** The participant a key names in a conversation, if they have joined. */
export async function findParticipant(db: Db, siteId: string, conversationId: string, key: ParticipantKey): Promise<ParticipantRow | null> {
  const [row] = await db
    .select()
    .from(conversationParticipants)
    .where(
      and(eq(conversationParticipants.siteId, siteId), eq(conversationParticipants.conversationId, conversationId), participantKeyCondition(key)),
    );
  return row ?? null;
}

/** A participant's votes: statement number to vote (internal coding). */
export async function listVotesOf(db: Db, siteId: string, conversationId: string, pid: number): Promise<Map<number, -1 | 0 | 1>> {
  const rows = await db
    .select({ tid: conversationVotes.tid, vote: conversationVotes.vote })
    .from(conversationVotes)
    .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, conversationId), eq(conversationVotes.pid, pid)));
  return new Map(rows.map((r) => [r.tid, r.vote]));
}

/** Every current vote of a conversation, as the mathematics reads them. */
export async function listVotes(db: Db, siteId: string, conversationId: string): Promise<Vote[]> {
  const rows = await db
    .select({ pid: conversationVotes.pid, tid: conversationVotes.tid, vote: conversationVotes.vote, at: conversationVotes.votedAt })
    .from(conversationVotes)
    .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, conversationId)));
  return rows.map((r) => ({ participantId: r.pid, statementId: r.tid, value: r.vote, at: r.at.getTime() }));
}

/** Votes stored (or changed) at or after `since`, in time order. */
export async function listVotesSince(db: Db, siteId: string, conversationId: string, since: Date): Promise<Vote[]> {
  const rows = await db
    .select({ pid: conversationVotes.pid, tid: conversationVotes.tid, vote: conversationVotes.vote, at: conversationVotes.votedAt })
    .from(conversationVotes)
    .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, conversationId), gte(conversationVotes.votedAt, since)))
    .orderBy(asc(conversationVotes.votedAt));
  return rows.map((r) => ({ participantId: r.pid, statementId: r.tid, value: r.vote, at: r.at.getTime() }));
}

/** The statements as the mathematics reads them. */
export function statementsForMath(rows: readonly StatementRow[]): Statement[] {
  return rows.map((s) => ({ id: s.tid, moderation: s.moderation, isMeta: s.isMeta }));
}

/** Votes cast, participants who voted, and the time of the latest vote. */
export async function voteActivity(
  db: Db,
  siteId: string,
  conversationId: string,
): Promise<{ votes: number; voters: number; lastVoteAt: Date | null }> {
  const [row] = await db
    .select({
      votes: sql<number>`count(*)::int`,
      voters: sql<number>`count(distinct ${conversationVotes.pid})::int`,
      lastVoteAt: max(conversationVotes.votedAt),
    })
    .from(conversationVotes)
    .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, conversationId)));
  const last = row?.lastVoteAt ?? null;
  return { votes: Number(row?.votes ?? 0), voters: Number(row?.voters ?? 0), lastVoteAt: last ? new Date(last) : null };
}

/** Votes stored at or after `since`. */
export async function countVotesSince(db: Db, siteId: string, conversationId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversationVotes)
    .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, conversationId), gte(conversationVotes.votedAt, since)));
  return Number(row?.n ?? 0);
}

/** The latest stored analysis of a conversation. */
export async function findAnalysis(db: Db, siteId: string, conversationId: string): Promise<AnalysisRow | null> {
  const [row] = await db
    .select()
    .from(conversationAnalyses)
    .where(and(eq(conversationAnalyses.siteId, siteId), eq(conversationAnalyses.conversationId, conversationId)));
  return row ?? null;
}

/** The state the latest analysis left for the next one's warm starts, without reading the report. */
export async function findAnalysisState(db: Db, siteId: string, conversationId: string): Promise<AnalysisState | null> {
  const [row] = await db
    .select({ state: conversationAnalyses.state })
    .from(conversationAnalyses)
    .where(and(eq(conversationAnalyses.siteId, siteId), eq(conversationAnalyses.conversationId, conversationId)));
  // An analysis of a conversation without votes stores {} (no state yet).
  return row && Object.keys(row.state).length > 0 ? (row.state as unknown as AnalysisState) : null;
}

/** When the latest analysis was computed (the live-update signal), without reading the report. */
export async function analysisStamp(db: Db, siteId: string, conversationId: string): Promise<string | null> {
  const [row] = await db
    .select({ at: conversationAnalyses.computedAt, revision: conversationAnalyses.revision })
    .from(conversationAnalyses)
    .where(and(eq(conversationAnalyses.siteId, siteId), eq(conversationAnalyses.conversationId, conversationId)));
  return row ? `${row.revision}:${row.at.toISOString()}` : null;
}

/** Votes (current ones, by when they were cast) and participants joining, per UTC day. */
export async function participationByDay(db: Db, siteId: string, conversationId: string): Promise<{ day: string; votes: number; joined: number }[]> {
  const votes = rowsOf<{ day: string; n: number }>(
    await db.execute(sql`SELECT to_char(date_trunc('day', voted_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM conversation_votes WHERE site_id = ${siteId} AND conversation_id = ${conversationId} GROUP BY 1 ORDER BY 1`),
  );
  const joined = rowsOf<{ day: string; n: number }>(
    await db.execute(sql`SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM conversation_participants WHERE site_id = ${siteId} AND conversation_id = ${conversationId} GROUP BY 1 ORDER BY 1`),
  );
  const days = new Map<string, { day: string; votes: number; joined: number }>();
  for (const r of votes) days.set(r.day, { day: r.day, votes: Number(r.n), joined: 0 });
  for (const r of joined) days.set(r.day, { day: r.day, votes: days.get(r.day)?.votes ?? 0, joined: Number(r.n) });
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Open conversations of the site with statements waiting for moderation, and how many each. */
export function countStatementsToModerate(db: Db, siteId: string): Promise<{ slug: string; topic: string; count: number }[]> {
  return db
    .select({ slug: conversations.slug, topic: conversations.topic, count: count() })
    .from(conversationStatements)
    .innerJoin(conversations, eq(conversations.id, conversationStatements.conversationId))
    .where(and(eq(conversationStatements.siteId, siteId), eq(conversationStatements.moderation, 0), eq(conversations.closed, false)))
    .groupBy(conversations.slug, conversations.topic)
    .orderBy(asc(conversations.topic));
}
