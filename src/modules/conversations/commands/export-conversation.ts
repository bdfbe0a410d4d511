import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { writePolisExport, type PolisExportFiles } from '../formats/polis-csv-writer.js';
import { listStatements, listVotes, type ConversationRow } from '../store/conversations.js';
import { conversationParticipants } from '../store/tables.js';
import { loadReport } from './update-analysis.js';

/**
 * A stored conversation in Pol.is's open-data format (the four files), with the latest analysis's
 * groups and group-informed consensus, so it can be read back by `readPolisFolder` / the import
 * page or by Pol.is's own tools. Rejected statements are listed with `moderated` = -1, as Pol.is
 * does; votes are the current ones (a re-vote replaced the earlier vote when it was cast).
 */
export async function exportConversation(deps: Deps, conversation: ConversationRow, origin: string): Promise<PolisExportFiles> {
  const siteId = conversation.siteId;
  const [statements, votes, report, participants] = await Promise.all([
    listStatements(deps.db, siteId, conversation.id),
    listVotes(deps.db, siteId, conversation.id),
    loadReport(deps, siteId, conversation.id),
    deps.db
      .select({ pid: conversationParticipants.pid, xid: conversationParticipants.xid })
      .from(conversationParticipants)
      .where(and(eq(conversationParticipants.siteId, siteId), eq(conversationParticipants.conversationId, conversation.id))),
  ]);
  return writePolisExport({
    statements: statements.map((s) => ({
      id: s.tid,
      moderation: s.moderation,
      isMeta: s.isMeta,
      authorId: s.authorPid,
      createdAt: s.createdAt.getTime(),
      isSeed: s.isSeed,
      publishedGroupInformedConsensus: null,
      body: s.body,
    })),
    votes: [...votes].sort((a, b) => a.at - b.at || a.participantId - b.participantId || a.statementId - b.statementId),
    groups: new Map((report?.participants ?? []).map((p) => [p.id, p.group])),
    xids: new Map(participants.filter((p) => p.xid !== null).map((p) => [p.pid, p.xid!])),
    groupInformedConsensus: new Map(Object.entries(report?.groupInformedConsensus ?? {}).map(([id, v]) => [Number(id), v])),
    summary: {
      topic: conversation.topic,
      url: `${origin}/conversations/${conversation.slug}`,
      views: '0',
      'conversation-description': conversation.description,
    },
  });
}
