import type { Deps } from '../../../db/context.js';
import { isShownToParticipants, pickNextStatement } from '../core/next-statement.js';
import { listStatements, listVotesOf, type ConversationRow, type ParticipantRow, type StatementRow } from '../store/conversations.js';
import { loadReport } from './update-analysis.js';

/** The statements a participant sees, with their own votes: what is left to vote on and what they said. */
export async function participantView(
  deps: Deps,
  conversation: ConversationRow,
  participant: ParticipantRow | null,
): Promise<{ shown: StatementRow[]; votes: Map<number, -1 | 0 | 1>; remaining: StatementRow[] }> {
  const siteId = conversation.siteId;
  const statements = await listStatements(deps.db, siteId, conversation.id, conversation.settings.moderation === 'strict' ? [1] : [0, 1]);
  const shown = statements.filter((s) => isShownToParticipants(s, conversation.settings.moderation));
  const votes = participant ? await listVotesOf(deps.db, siteId, conversation.id, participant.pid) : new Map<number, -1 | 0 | 1>();
  return { shown, votes, remaining: shown.filter((s) => !votes.has(s.tid)) };
}

/**
 * The next statement for a participant: a weighted random draw by Pol.is's priorities among the
 * statements they have not voted on (core/next-statement.ts). Null when none is left.
 */
export async function nextStatementFor(
  deps: Deps,
  conversation: ConversationRow,
  participant: ParticipantRow | null,
  random: () => number = Math.random,
): Promise<{ statement: StatementRow | null; remaining: number; voted: number; total: number }> {
  const view = await participantView(deps, conversation, participant);
  const report = await loadReport(deps, conversation.siteId, conversation.id);
  const id = pickNextStatement(
    view.remaining.map((s) => ({ id: s.tid, isMeta: s.isMeta })),
    report?.priorities ?? {},
    random,
  );
  return {
    statement: id === null ? null : view.remaining.find((s) => s.tid === id)!,
    remaining: view.remaining.length,
    voted: view.shown.length - view.remaining.length,
    total: view.shown.length,
  };
}
