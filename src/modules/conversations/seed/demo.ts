import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { createRandom } from '../../../math/random.js';
import { findNearDuplicate } from '../core/near-duplicates.js';
import { createConversation } from '../commands/save-conversation.js';
import { refreshConversationAnalysis } from '../commands/update-analysis.js';
import { findConversationBySlug } from '../store/conversations.js';
import { conversationParticipants, conversations, conversationStatements, conversationVotes } from '../store/tables.js';
import { and, eq, sql } from 'drizzle-orm';

/** The demo conversation's seed statements and, per opinion leaning, the chance of agreeing (+) or disagreeing (-). */
const STATEMENTS: [string, number, number, number][] = [
  ['The city centre should be car-free on weekends.', 0.9, -0.8, 0.2],
  ['Buses should run every ten minutes until midnight.', 0.7, 0.1, 0.8],
  ['Parking in the centre should cost more.', 0.8, -0.9, -0.2],
  ['Shops need delivery access at all hours.', -0.6, 0.9, 0.3],
  ['More trees and shade on every main street.', 0.9, 0.6, 0.9],
  ['Cycle lanes should be separated from traffic.', 0.9, -0.4, 0.6],
  ['The market square should stay a car park.', -0.9, 0.8, -0.3],
  ['Night buses matter more than new roads.', 0.6, -0.5, 0.9],
  ['Public toilets and water fountains in every district.', 0.8, 0.7, 0.8],
  ['Residents should vote on each big street redesign.', 0.5, 0.6, 0.7],
  ['Speed limit of 30 km/h everywhere in the centre.', 0.8, -0.7, 0.4],
  ['Free public transport for under-18s.', 0.6, 0.2, 0.9],
  ['Late-night venues should close earlier.', -0.5, 0.4, -0.8],
  ['Benches every hundred metres for older people.', 0.7, 0.8, 0.7],
  ['The ring road should get a new lane.', -0.8, 0.9, -0.4],
];
const LEANINGS = [0, 0, 0, 1, 1, 2, 2, 2];
const PARTICIPANTS = 64;

/** A demo conversation about the city centre, with votes from 64 made-up participants in three leanings and one statement waiting for moderation. */
export async function seedConversations(deps: Deps, siteId: string): Promise<void> {
  if (await findConversationBySlug(deps.db, siteId, 'city-centre')) return;
  const conversation = await createConversation(
    deps,
    siteId,
    {
      slug: 'city-centre',
      topic: 'How should our city centre change?',
      description: 'Vote on what others said and add what is missing. The map shows the groups of opinion that form and where everyone agrees.',
      seedStatements: STATEMENTS.map((s) => s[0]),
      settings: { statementMaxLength: 140, participantsMayWrite: true, moderation: 'strict', showMap: true, participation: 'anonymous' },
      questions: [{ id: 'district', label: 'Where do you live?', options: ['North', 'Centre', 'South', 'Elsewhere'] }],
    },
    null,
  );
  const random = createRandom(2026);
  const now = deps.clock.now().getTime();
  const districts = ['North', 'Centre', 'South', 'Elsewhere'];
  await inTransaction(deps.db, async (tx) => {
    const participants: (typeof conversationParticipants.$inferInsert)[] = [];
    const votes: (typeof conversationVotes.$inferInsert)[] = [];
    for (let pid = 0; pid < PARTICIPANTS; pid++) {
      const leaning = LEANINGS[pid % LEANINGS.length];
      participants.push({
        siteId,
        conversationId: conversation.id,
        pid,
        answers: { district: districts[pid % 4] },
        createdAt: new Date(now - 86_400_000),
      });
      STATEMENTS.forEach((s, tid) => {
        if (random() < 0.15) return;
        const lean = s[1 + leaning] as number;
        const r = random();
        const value = r < Math.abs(lean) * 0.85 ? (lean > 0 ? -1 : 1) : r < 0.92 ? 0 : lean > 0 ? 1 : -1;
        votes.push({
          siteId,
          conversationId: conversation.id,
          pid,
          tid,
          vote: value as -1 | 0 | 1,
          votedAt: new Date(now - 3_600_000 + pid * 1000 + tid),
        });
      });
    }
    await tx.insert(conversationParticipants).values(participants);
    await tx.insert(conversationVotes).values(votes);
    const waiting = 'The city centre should be car-free at weekends!';
    const duplicate = findNearDuplicate(
      waiting,
      STATEMENTS.map((st, id) => ({ id, body: st[0] })),
    );
    await tx.insert(conversationStatements).values({
      siteId,
      conversationId: conversation.id,
      tid: STATEMENTS.length,
      body: waiting,
      authorPid: 3,
      isSeed: false,
      moderation: 0,
      duplicateOf: duplicate?.id ?? null,
      similarity: duplicate?.similarity ?? null,
      createdAt: new Date(now - 600_000),
    });
    await tx
      .update(conversations)
      .set({ nextParticipant: PARTICIPANTS, nextStatement: STATEMENTS.length + 1, revision: sql`${conversations.revision} + 1` })
      .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversation.id)));
  });
  await refreshConversationAnalysis(deps, siteId, conversation.id, { force: true });
}
