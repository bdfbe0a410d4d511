import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { nameOfVote } from '../core/conversation-settings.js';
import { conversationParticipants, conversations, conversationStatements, conversationVotes } from '../store/tables.js';

/** A person's conversations data: for each conversation they took part in while signed in, their answers, votes and statements. */
export async function exportConversationData(deps: Deps, siteId: string, userId: string) {
  const joined = await deps.db
    .select({
      conversationId: conversationParticipants.conversationId,
      pid: conversationParticipants.pid,
      answers: conversationParticipants.answers,
      slug: conversations.slug,
      topic: conversations.topic,
    })
    .from(conversationParticipants)
    .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
    .where(and(eq(conversationParticipants.siteId, siteId), eq(conversationParticipants.userId, userId)));
  const out = [];
  for (const j of joined) {
    const votes = await deps.db
      .select()
      .from(conversationVotes)
      .where(and(eq(conversationVotes.siteId, siteId), eq(conversationVotes.conversationId, j.conversationId), eq(conversationVotes.pid, j.pid)));
    const statements = await deps.db
      .select()
      .from(conversationStatements)
      .where(
        and(
          eq(conversationStatements.siteId, siteId),
          eq(conversationStatements.conversationId, j.conversationId),
          eq(conversationStatements.authorPid, j.pid),
        ),
      );
    out.push({
      conversation: j.slug,
      topic: j.topic,
      answers: j.answers,
      votes: votes.map((v) => ({ statementId: v.tid, vote: nameOfVote(v.vote), at: v.votedAt.toISOString() })),
      statements: statements.map((s) => ({ id: s.tid, text: s.body, at: s.createdAt.toISOString() })),
    });
  }
  return { participations: out };
}

/**
 * When a person deletes their account, their participations stay as anonymous ones (votes and
 * statements are the conversation's record, as in Pol.is) but nothing links them to the person any
 * more: the account link and their demographic answers are removed.
 */
export async function deleteConversationData(deps: Deps, siteId: string, userId: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .select({ conversationId: conversationParticipants.conversationId, pid: conversationParticipants.pid })
      .from(conversationParticipants)
      .where(and(eq(conversationParticipants.siteId, siteId), eq(conversationParticipants.userId, userId)));
    if (rows.length === 0) return;
    await tx
      .update(conversationParticipants)
      .set({ userId: null, answers: {} })
      .where(
        and(
          eq(conversationParticipants.siteId, siteId),
          eq(conversationParticipants.userId, userId),
          inArray(
            conversationParticipants.conversationId,
            rows.map((r) => r.conversationId),
          ),
        ),
      );
  });
}
