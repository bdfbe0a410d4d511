import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { findStatement, type ConversationRow, type StatementRow } from '../store/conversations.js';
import { conversationStatements } from '../store/tables.js';
import { reserveStatementIds } from './save-conversation.js';
import { scheduleAnalysis } from './update-analysis.js';

/** Moderation decisions: accept, reject (leaves the mathematics and every report), or accept as meta (shown, not in the mathematics). */
export const MODERATION_ACTIONS = ['accept', 'reject', 'meta'] as const;
export const moderationInput = z.object({ action: z.enum(MODERATION_ACTIONS) });

/** Applies a moderator's decision to a statement; the analysis is updated after it. */
export async function moderateStatement(
  deps: Deps,
  conversation: ConversationRow,
  tid: number,
  input: { action: string },
  moderatorId: string,
): Promise<StatementRow> {
  const { action } = parseInput(moderationInput, input);
  const siteId = conversation.siteId;
  const row = await inTransaction(deps.db, async (tx) => {
    const statement = await findStatement(tx, siteId, conversation.id, tid);
    if (!statement) throw new AppError('not_found', `Statement ${tid} was not found.`, { reason: { reason: 'statement_unknown' } });
    // Bumps the revision so the next analysis sees the change (reserving no number).
    await reserveStatementIds(tx, siteId, conversation.id, 0);
    const [updated] = await tx
      .update(conversationStatements)
      .set({
        moderation: action === 'reject' ? -1 : 1,
        isMeta: action === 'meta',
        moderatedBy: moderatorId,
        moderatedAt: deps.clock.now(),
      })
      .where(
        and(
          eq(conversationStatements.siteId, siteId),
          eq(conversationStatements.conversationId, conversation.id),
          eq(conversationStatements.tid, tid),
        ),
      )
      .returning();
    return updated;
  });
  await scheduleAnalysis(deps, siteId, conversation.id);
  return row;
}
