import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import type { PolisExport } from '../formats/polis-csv.js';
import type { ConversationInput } from '../core/conversation-settings.js';
import { findConversationById, type ConversationRow } from '../store/conversations.js';
import { conversationParticipants, conversations, conversationStatements, conversationVotes } from '../store/tables.js';
import { createConversation } from './save-conversation.js';
import { refreshConversationAnalysis, type ConversationReport } from './update-analysis.js';

const CHUNK = 2000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Imports a Pol.is open-data export as a new conversation: its statements keep their Pol.is
 * numbers, moderation and meta flags, participants keep their numbers (and xids), and each
 * participant's latest vote per statement is kept (a later vote replaces an earlier one, as in
 * Pol.is). The analysis runs at once, so the report is ready when the import returns. Nothing is
 * stored unless everything is (one transaction).
 */
export async function importPolisConversation(
  deps: Deps,
  siteId: string,
  input: Pick<ConversationInput, 'slug' | 'topic' | 'description'>,
  data: PolisExport,
  ownerId: string | null,
): Promise<{ conversation: ConversationRow; report: ConversationReport | null }> {
  const longest = data.statements.reduce((m, s) => Math.max(m, [...s.body.trim()].length), 0);
  const maxOf = (xs: Iterable<number>) => {
    let m = -1;
    for (const x of xs) if (x > m) m = x;
    return m;
  };
  const settings = {
    statementMaxLength: Math.min(1000, Math.max(140, longest)),
    participantsMayWrite: true,
    moderation: 'strict' as const,
    showMap: true,
    participation: 'anonymous' as const,
  };

  const latest = new Map<string, (typeof data.votes)[number]>();
  for (const v of data.votes) {
    const key = `${v.participantId}:${v.statementId}`;
    const seen = latest.get(key);
    if (!seen || v.at >= seen.at) latest.set(key, v);
  }
  const pids = new Set<number>([...latest.values()].map((v) => v.participantId));
  for (const s of data.statements) if (s.authorId !== null) pids.add(s.authorId);
  const xids = new Map((data.participants ?? []).map((p) => [p.id, p.xid]));
  for (const p of data.participants ?? []) pids.add(p.id);
  const created = new Date(data.statements.reduce((m, s) => Math.min(m, s.createdAt ?? Infinity), deps.clock.now().getTime()));
  const conversation = await inTransaction(deps.db, async (tx) => {
    const conversation = await createConversation({ ...deps, db: tx }, siteId, { ...input, settings, closed: true }, ownerId);
    await insertChunked(
      [...pids].map((pid) => ({
        siteId,
        conversationId: conversation.id,
        pid,
        xid: xids.get(pid) ?? null,
        answers: {},
        createdAt: created,
      })),
      (chunk) => tx.insert(conversationParticipants).values(chunk),
    );
    await insertChunked(
      data.statements.map((s) => ({
        siteId,
        conversationId: conversation.id,
        tid: s.id,
        body: s.body,
        authorPid: s.authorId,
        isSeed: s.isSeed,
        moderation: s.moderation,
        isMeta: s.isMeta,
        createdAt: s.createdAt !== null ? new Date(s.createdAt) : created,
      })),
      (chunk) => tx.insert(conversationStatements).values(chunk),
    );
    await insertChunked(
      [...latest.values()].map((v) => ({
        siteId,
        conversationId: conversation.id,
        pid: v.participantId,
        tid: v.statementId,
        vote: v.value,
        votedAt: new Date(v.at),
      })),
      (chunk) => tx.insert(conversationVotes).values(chunk),
    );
    await tx
      .update(conversations)
      .set({
        nextParticipant: maxOf(pids) + 1,
        nextStatement: maxOf(data.statements.map((s) => s.id)) + 1,
        revision: 1,
      })
      .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversation.id)));
    return (await findConversationById(tx, siteId, conversation.id))!;
  });
  const report = await refreshConversationAnalysis(deps, siteId, conversation.id, { force: true });
  return { conversation, report };
}
