import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation, type Db } from '../../../db/connection.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { conversationInput, type ConversationInput } from '../core/conversation-settings.js';
import { findConversationById, type ConversationRow } from '../store/conversations.js';
import { conversations, conversationStatements } from '../store/tables.js';

/** Reserves `count` statement numbers in a conversation and bumps its revision; returns the first. */
export async function reserveStatementIds(tx: Db, siteId: string, conversationId: string, count: number): Promise<number> {
  const [row] = await tx
    .update(conversations)
    .set({ nextStatement: sql`${conversations.nextStatement} + ${count}`, revision: sql`${conversations.revision} + 1` })
    .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversationId)))
    .returning({ next: conversations.nextStatement });
  return row.next - count;
}

async function insertSeedStatements(tx: Db, deps: Deps, siteId: string, conversationId: string, bodies: string[]): Promise<void> {
  if (bodies.length === 0) return;
  const first = await reserveStatementIds(tx, siteId, conversationId, bodies.length);
  const now = deps.clock.now();
  await tx.insert(conversationStatements).values(
    bodies.map((body, i) => ({
      siteId,
      conversationId,
      tid: first + i,
      body: body.trim(),
      authorPid: null,
      isSeed: true,
      moderation: 1 as const,
      createdAt: now,
      moderatedAt: now,
    })),
  );
}

function slugTaken(): AppError {
  return new AppError('conflict', 'That slug is in use.', {
    fields: { slug: 'already used by another conversation on this site' },
    reasons: { slug: { reason: 'in_use' } },
    reason: { reason: 'in_use' },
  });
}

/** Creates a conversation with its seed statements (accepted at once, as Pol.is's seed comments are). */
export async function createConversation(deps: Deps, siteId: string, input: ConversationInput, ownerId: string | null): Promise<ConversationRow> {
  const data = parseInput(conversationInput, input);
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const id = newId();
      await tx.insert(conversations).values({
        id,
        siteId,
        slug: data.slug,
        topic: data.topic,
        description: data.description,
        settings: data.settings,
        questions: data.questions,
        xidAllowList: data.xidAllowList,
        closed: data.closed,
        ownerId,
        createdAt: now,
        updatedAt: now,
      });
      await insertSeedStatements(tx, deps, siteId, id, data.seedStatements);
      return (await findConversationById(tx, siteId, id))!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken();
    throw e;
  }
}

/** Replaces a conversation's topic, description, settings, questions and allow-list; `seedStatements` are added. */
export async function updateConversation(deps: Deps, siteId: string, id: string, input: ConversationInput): Promise<ConversationRow> {
  const data = parseInput(conversationInput, input);
  try {
    return await inTransaction(deps.db, async (tx) => {
      const existing = await findConversationById(tx, siteId, id);
      if (!existing) throw notFound('Conversation');
      await tx
        .update(conversations)
        .set({
          slug: data.slug,
          topic: data.topic,
          description: data.description,
          settings: data.settings,
          questions: data.questions,
          xidAllowList: data.xidAllowList,
          closed: data.closed,
          updatedAt: deps.clock.now(),
          revision: sql`${conversations.revision} + 1`,
        })
        .where(and(eq(conversations.siteId, siteId), eq(conversations.id, id)));
      await insertSeedStatements(tx, deps, siteId, id, data.seedStatements);
      return (await findConversationById(tx, siteId, id))!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken();
    throw e;
  }
}
