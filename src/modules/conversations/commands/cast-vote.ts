import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { VOTE_CODES, type VoteName } from '../core/conversation-settings.js';
import { isShownToParticipants } from '../core/next-statement.js';
import { listStatements, type ConversationRow, type ParticipantRow, type StatementRow } from '../store/conversations.js';
import { conversationVotes } from '../store/tables.js';
import { scheduleAnalysis } from './update-analysis.js';

/**
 * A conversation's statements by number, read once per process per revision (every new statement
 * and moderation bumps the revision in the same transaction), so a vote needs no statement query.
 */
async function statementsByNumber(deps: Deps, conversation: ConversationRow): Promise<Map<number, StatementRow>> {
  const key = `conversations:statements:${conversation.id}`;
  const hit = deps.memo.get(key) as { revision: number; byNumber: Map<number, StatementRow> } | undefined;
  if (hit && hit.revision === conversation.revision) return hit.byNumber;
  const byNumber = new Map((await listStatements(deps.db, conversation.siteId, conversation.id)).map((s) => [s.tid, s]));
  deps.memo.set(key, { revision: conversation.revision, byNumber });
  return byNumber;
}

/** A vote as the API and forms send it. */
export const voteInput = z.object({
  statementId: z.coerce.number().int().min(0),
  vote: z.enum(['agree', 'disagree', 'pass']),
});

/** A second vote on the same statement within this many milliseconds is a burst (a double click, a script) and is refused. */
export const VOTE_BURST_MS = 1000;

/**
 * Stores a participant's vote; a re-vote replaces the earlier one (Pol.is keeps the latest). The
 * vote is acknowledged only after it is stored. Unknown, waiting or moderated-out statements and
 * closed conversations are refused with the reason.
 */
export async function castVote(
  deps: Deps,
  conversation: ConversationRow,
  participant: ParticipantRow,
  input: { statementId: number | string; vote: VoteName | string },
): Promise<{ statementId: number; vote: VoteName; replaced: boolean }> {
  const data = parseInput(voteInput, input);
  if (conversation.closed)
    throw new AppError('invalid_state', 'This conversation is closed: votes are no longer taken.', { reason: { reason: 'conversation_closed' } });
  const siteId = conversation.siteId;
  const statement = (await statementsByNumber(deps, conversation)).get(data.statementId);
  if (!statement)
    throw new AppError('invalid_input', 'There is no such statement.', {
      fields: { statementId: `no statement ${data.statementId} in this conversation` },
      reasons: { statementId: { reason: 'statement_unknown' } },
      reason: { reason: 'statement_unknown' },
    });
  if (statement.moderation === -1)
    throw new AppError('invalid_input', 'That statement was moderated out.', {
      fields: { statementId: `statement ${data.statementId} was moderated out` },
      reasons: { statementId: { reason: 'statement_moderated_out' } },
      reason: { reason: 'statement_moderated_out' },
    });
  if (!isShownToParticipants(statement, conversation.settings.moderation))
    throw new AppError('invalid_input', 'That statement is waiting for moderation.', {
      fields: { statementId: `statement ${data.statementId} is waiting for moderation` },
      reasons: { statementId: { reason: 'statement_pending' } },
      reason: { reason: 'statement_pending' },
    });
  const now = deps.clock.now();
  const code = VOTE_CODES[data.vote];
  const rows = await deps.db
    .insert(conversationVotes)
    .values({ siteId, conversationId: conversation.id, pid: participant.pid, tid: data.statementId, vote: code, votedAt: now })
    .onConflictDoUpdate({
      target: [conversationVotes.conversationId, conversationVotes.pid, conversationVotes.tid],
      set: { vote: code, votedAt: now },
      setWhere: and(eq(conversationVotes.siteId, siteId), lt(conversationVotes.votedAt, new Date(now.getTime() - VOTE_BURST_MS))),
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  if (rows.length === 0)
    throw new AppError('rate_limited', 'You voted on this statement a moment ago.', {
      fields: { statementId: `statement ${data.statementId} was voted on less than ${VOTE_BURST_MS / 1000} s ago` },
      reasons: { statementId: { reason: 'voted_just_now' } },
      reason: { reason: 'voted_just_now' },
    });
  await scheduleAnalysis(deps, siteId, conversation.id);
  return { statementId: data.statementId, vote: data.vote, replaced: !rows[0].inserted };
}
