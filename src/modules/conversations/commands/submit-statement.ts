import { and, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { checkStatementText, VOTE_CODES } from '../core/conversation-settings.js';
import { findNearDuplicate } from '../core/near-duplicates.js';
import { type ConversationRow, type ParticipantRow, type StatementRow } from '../store/conversations.js';
import { conversationStatements, conversationVotes } from '../store/tables.js';
import { reserveStatementIds } from './save-conversation.js';
import { scheduleAnalysis } from './update-analysis.js';

/** A statement as participants send it. */
export const statementInput = z.object({ text: z.string() });

/**
 * Adds a participant's statement. Under strict moderation it waits for a moderator; under
 * permissive moderation it is shown at once unless it is a near-duplicate of an earlier
 * statement, which then waits with the duplicate named. The author agrees with it (Pol.is records
 * the author's agree vote when a comment is written).
 */
export async function submitStatement(
  deps: Deps,
  conversation: ConversationRow,
  participant: ParticipantRow,
  input: { text: string },
): Promise<StatementRow> {
  const { text } = parseInput(statementInput, input);
  if (conversation.closed) throw new AppError('invalid_state', 'This conversation is closed.', { reason: { reason: 'conversation_closed' } });
  if (!conversation.settings.participantsMayWrite)
    throw new AppError('forbidden', 'Participants do not write statements in this conversation.', {
      fields: { text: 'this conversation takes votes only' },
      reasons: { text: { reason: 'votes_only' } },
      reason: { reason: 'votes_only' },
    });
  const reason = checkStatementText(text, conversation.settings.statementMaxLength);
  if (reason)
    throw new AppError('invalid_input', 'The statement cannot be accepted.', {
      fields: { text: reason },
      reasons: {
        text: text.trim() === '' ? { reason: 'required' } : { reason: 'too_long', values: { max: conversation.settings.statementMaxLength } },
      },
      reason: { reason: 'statement_refused' },
    });
  const siteId = conversation.siteId;
  const earlier = await deps.db
    .select({ id: conversationStatements.tid, body: conversationStatements.body })
    .from(conversationStatements)
    .where(
      and(
        eq(conversationStatements.siteId, siteId),
        eq(conversationStatements.conversationId, conversation.id),
        gte(conversationStatements.moderation, 0),
      ),
    );
  const duplicate = findNearDuplicate(text, earlier);
  const now = deps.clock.now();
  const statement = await inTransaction(deps.db, async (tx) => {
    const tid = await reserveStatementIds(tx, siteId, conversation.id, 1);
    const [row] = await tx
      .insert(conversationStatements)
      .values({
        siteId,
        conversationId: conversation.id,
        tid,
        body: text.trim(),
        authorPid: participant.pid,
        isSeed: false,
        moderation: conversation.settings.moderation === 'permissive' && !duplicate ? 1 : 0,
        duplicateOf: duplicate?.id ?? null,
        similarity: duplicate?.similarity ?? null,
        moderatedAt: conversation.settings.moderation === 'permissive' && !duplicate ? now : null,
        createdAt: now,
      })
      .returning();
    await tx
      .insert(conversationVotes)
      .values({ siteId, conversationId: conversation.id, pid: participant.pid, tid, vote: VOTE_CODES.agree, votedAt: now });
    return row;
  });
  await scheduleAnalysis(deps, siteId, conversation.id);
  return statement;
}
