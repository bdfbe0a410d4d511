import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiApp, AppEnv, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { isAllowed, authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { castVote } from '../commands/cast-vote.js';
import { importPolisConversation } from '../commands/import-polis.js';
import { moderateStatement } from '../commands/moderate-statement.js';
import { nextStatementFor } from '../commands/next-statement.js';
import { anonCookie, anonTokenOf, participantOf } from '../commands/participate.js';
import { createConversation, updateConversation } from '../commands/save-conversation.js';
import { submitStatement } from '../commands/submit-statement.js';
import { loadReport } from '../commands/update-analysis.js';
import { MODERATION_MODES, PARTICIPATION_MODES, nameOfVote } from '../core/conversation-settings.js';
import { isShownToParticipants } from '../core/next-statement.js';
import { readPolisFiles } from '../formats/polis-csv.js';
import {
  findConversationBySlug,
  listConversations,
  listStatements,
  listVotesOf,
  type ConversationRow,
  type StatementRow,
} from '../store/conversations.js';

/** Permissions of conversations (declared in the manifest). */
export const conversationPermissions: Record<string, PermissionRule> = {
  /** Create conversations and import Pol.is exports. */
  'conversations.create': { roles: ['editor'] },
  /** Edit a conversation's settings: editors and its owner. */
  'conversations.manage': { roles: ['editor'], owner: true },
  /** Accept, reject or mark statements as meta: moderators (a role separate from ownership) and the owner. */
  'conversations.moderate': { roles: ['moderator'], owner: true },
};

/** Whether the actor may manage or moderate a conversation (and so see its report and queue whatever the settings). */
export function canModerate(deps: Deps, ctx: RequestContext, conversation: ConversationRow): boolean {
  return isAllowed(deps.permissions, ctx.actor, 'conversations.moderate', { ownerId: conversation.ownerId });
}

/** Whether the actor may edit a conversation's settings (editors and its owner; moderators may not). */
export function canManage(deps: Deps, ctx: RequestContext, conversation: ConversationRow): boolean {
  return isAllowed(deps.permissions, ctx.actor, 'conversations.manage', { ownerId: conversation.ownerId });
}

/** A conversation by slug, or not found. */
export async function conversationOrNotFound(deps: Deps, siteId: string, slug: string): Promise<ConversationRow> {
  const conversation = await findConversationBySlug(deps.db, siteId, slug);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}

/** Whether the actor may see the analysis (map, report, live updates, data): `settings.showMap`, or a moderator/owner. */
export function canSeeAnalysis(deps: Deps, ctx: RequestContext, conversation: ConversationRow): boolean {
  return conversation.settings.showMap || canModerate(deps, ctx, conversation);
}

/** Refuses actors who may not see the analysis; `what` names what they asked for. */
export function requireAnalysisVisible(deps: Deps, ctx: RequestContext, conversation: ConversationRow, what = 'The opinion map'): void {
  if (!canSeeAnalysis(deps, ctx, conversation)) throw new AppError('forbidden', `${what} of this conversation is not shown to participants.`);
}

/** The report, when the actor may see it. */
export async function visibleReport(deps: Deps, ctx: RequestContext, conversation: ConversationRow) {
  requireAnalysisVisible(deps, ctx, conversation);
  return loadReport(deps, conversation.siteId, conversation.id);
}

/** The status of a statement in words. */
export function statementStatus(s: StatementRow): 'accepted' | 'waiting' | 'rejected' {
  return s.moderation === 1 ? 'accepted' : s.moderation === -1 ? 'rejected' : 'waiting';
}

const settingsSchema = z.object({
  statementMaxLength: z.number().int(),
  participantsMayWrite: z.boolean(),
  moderation: z.enum(MODERATION_MODES),
  showMap: z.boolean(),
  participation: z.enum(PARTICIPATION_MODES),
});
const questionSchema = z.object({ id: z.string(), label: z.string(), options: z.array(z.string()) });
const conversationSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    topic: z.string(),
    description: z.string(),
    settings: settingsSchema,
    questions: z.array(questionSchema),
    closed: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Conversation');
/**
 * The body as documented; every field is checked (all problems named at once) by the command's
 * schema (`conversationInput` in core), so the documented one only describes it.
 */
const conversationInputDoc = z
  .object({
    slug: z.string().optional().openapi({ example: 'transport-2027' }),
    topic: z.string().optional(),
    description: z.string().optional(),
    seedStatements: z.array(z.string()).optional(),
    settings: z
      .object({
        statementMaxLength: z.number().optional(),
        participantsMayWrite: z.boolean().optional(),
        moderation: z
          .string()
          .optional()
          .openapi({ description: MODERATION_MODES.join(' | ') }),
        showMap: z.boolean().optional(),
        participation: z
          .string()
          .optional()
          .openapi({ description: PARTICIPATION_MODES.join(' | ') }),
      })
      .optional(),
    questions: z.array(z.object({ id: z.string(), label: z.string(), options: z.array(z.string()) }).partial()).optional(),
    xidAllowList: z.array(z.string()).nullable().optional(),
    closed: z.boolean().optional(),
  })
  .openapi('ConversationInput');

const statementSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    status: z.enum(['accepted', 'waiting', 'rejected']),
    isMeta: z.boolean(),
    isSeed: z.boolean(),
    duplicateOf: z.number().int().nullable().openapi({ description: 'the earlier statement this one nearly repeats (flagged for the moderator)' }),
    similarity: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi('ConversationStatement');
const voteSchema = z
  .object({ statementId: z.number().int(), vote: z.enum(['agree', 'disagree', 'pass']), replaced: z.boolean() })
  .openapi('ConversationVote');
const xidQuery = z.object({ xid: z.string().optional().openapi({ description: 'external participant id from the embedding site' }) });

function presentConversation(c: ConversationRow): z.infer<typeof conversationSchema> {
  return {
    id: c.id,
    slug: c.slug,
    topic: c.topic,
    description: c.description,
    settings: c.settings,
    questions: c.questions,
    closed: c.closed,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A statement as the API shows it. */
export function presentStatement(s: StatementRow): z.infer<typeof statementSchema> {
  return {
    id: s.tid,
    text: s.body,
    status: statementStatus(s),
    isMeta: s.isMeta,
    isSeed: s.isSeed,
    duplicateOf: s.duplicateOf,
    similarity: s.similarity,
    createdAt: s.createdAt.toISOString(),
  };
}

/** The participant of an API request, setting the anonymous cookie when one was issued. */
async function requestParticipant(c: Context<AppEnv>, conversation: ConversationRow, xid: string | undefined, join: boolean) {
  const deps = c.get('deps');
  const ctx = c.get('ctx');
  const result = await participantOf(deps, conversation, { actor: ctx.actor, xid, anonToken: anonTokenOf(c.req.header('cookie')) }, { join });
  if (result.newAnonToken) c.header('Set-Cookie', anonCookie(deps.env, result.newAnonToken), { append: true });
  return result.participant;
}

const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' } }) });
const tags = ['Conversations'];

/** Registers the conversations API (tag "Conversations") on /api/v1. */
export function registerConversationsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations',
      tags,
      summary: 'Conversations of this site, newest first',
      responses: { 200: json(z.object({ items: z.array(conversationSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const rows = await listConversations(deps.db, c.get('ctx').site.id);
      return c.json({ items: rows.map(presentConversation) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations',
      tags,
      summary: 'Start a conversation with seed statements (editors)',
      request: { body: json(conversationInputDoc) },
      responses: { 201: json(conversationSchema, 'Created'), 409: json(z.object({ error: z.unknown() }), 'Slug in use'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'conversations.create');
      const row = await createConversation(deps, site.id, await c.req.json(), actor.kind === 'user' ? actor.userId : null);
      return c.json(presentConversation(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{slug}',
      tags,
      summary: 'A conversation and its settings',
      request: { params: slugParam },
      responses: { 200: json(conversationSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      return c.json(presentConversation(await conversationOrNotFound(deps, c.get('ctx').site.id, c.req.valid('param').slug)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/conversations/{slug}',
      tags,
      summary: 'Replace a conversation’s settings (its owner and editors); seed statements given are added',
      request: { params: slugParam, body: json(conversationInputDoc) },
      responses: { 200: json(conversationSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const conversation = await conversationOrNotFound(deps, site.id, c.req.valid('param').slug);
      authorize(deps.permissions, actor, 'conversations.manage', { ownerId: conversation.ownerId });
      return c.json(presentConversation(await updateConversation(deps, site.id, conversation.id, await c.req.json())), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/import',
      tags,
      summary: 'Import a Pol.is open-data export (comments.csv, votes.csv, optionally participants-votes.csv and summary.csv) as a new conversation',
      request: {
        body: json(
          z.object({
            slug: z.string(),
            topic: z.string(),
            description: z.string().optional(),
            files: z.record(z.string(), z.string()).openapi({ description: 'file name to its CSV text' }),
          }),
        ),
      },
      responses: { 201: json(conversationSchema, 'Imported'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'conversations.create');
      const body = parseInput(
        z.object({ slug: z.string(), topic: z.string(), description: z.string().default(''), files: z.record(z.string(), z.string()) }),
        await c.req.json(),
      );
      const data = readPolisFiles(new Map(Object.entries(body.files)));
      const { conversation } = await importPolisConversation(deps, site.id, body, data, actor.kind === 'user' ? actor.userId : null);
      return c.json(presentConversation(conversation), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{slug}/participants',
      tags,
      summary: 'Join a conversation (anonymously with a cookie, signed in, or with an xid) and answer its questions',
      request: { params: slugParam, body: json(z.object({ xid: z.string().optional(), answers: z.record(z.string(), z.string()).optional() })) },
      responses: { 200: json(z.object({ participantId: z.number().int(), answers: z.record(z.string(), z.string()) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const conversation = await conversationOrNotFound(deps, c.get('ctx').site.id, c.req.valid('param').slug);
      const body = parseInput(z.object({ xid: z.string().optional(), answers: z.record(z.string(), z.string()).default({}) }), await c.req.json());
      const { participant, newAnonToken } = await participantOf(
        deps,
        conversation,
        { actor: c.get('ctx').actor, xid: body.xid, anonToken: anonTokenOf(c.req.header('cookie')) },
        { join: true, answers: body.answers },
      );
      if (newAnonToken) c.header('Set-Cookie', anonCookie(deps.env, newAnonToken), { append: true });
      return c.json({ participantId: participant!.pid, answers: participant!.answers }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{slug}/next',
      tags,
      summary: 'The next statement to vote on (a weighted draw by Pol.is’s priorities) and progress',
      request: { params: slugParam, query: xidQuery },
      responses: {
        200: json(z.object({ statement: statementSchema.nullable(), remaining: z.number().int(), voted: z.number().int(), total: z.number().int() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const conversation = await conversationOrNotFound(deps, c.get('ctx').site.id, c.req.valid('param').slug);
      const participant = await requestParticipant(c, conversation, c.req.valid('query').xid, false);
      const next = await nextStatementFor(deps, conversation, participant);
      return c.json({ ...next, statement: next.statement ? presentStatement(next.statement) : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{slug}/votes',
      tags,
      summary: 'Vote agree, disagree or pass on a statement; a re-vote replaces the earlier one. Answered only once the vote is stored.',
      request: {
        params: slugParam,
        body: json(z.object({ statementId: z.number().int(), vote: z.enum(['agree', 'disagree', 'pass']), xid: z.string().optional() })),
      },
      responses: {
        201: json(voteSchema, 'Stored'),
        409: json(z.object({ error: z.unknown() }), 'Closed'),
        429: json(z.object({ error: z.unknown() }), 'Repeated vote in a burst'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const conversation = await conversationOrNotFound(deps, c.get('ctx').site.id, c.req.valid('param').slug);
      const body = (await c.req.json().catch(() => null)) as { xid?: string; statementId?: unknown; vote?: unknown } | null;
      if (!body || typeof body !== 'object')
        throw new AppError('invalid_input', 'Send a JSON object.', {
          fields: { body: 'expected {"statementId": number, "vote": "agree" | "disagree" | "pass"}' },
        });
      const participant = await requestParticipant(c, conversation, body.xid, true);
      const stored = await castVote(deps, conversation, participant!, body as { statementId: number; vote: string });
      return c.json(stored, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{slug}/statements',
      tags,
      summary: 'Write a statement; it waits for moderation under strict moderation or when it nearly repeats another',
      request: { params: slugParam, body: json(z.object({ text: z.string(), xid: z.string().optional() })) },
      responses: { 201: json(statementSchema, 'Stored'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const conversation = await conversationOrNotFound(deps, c.get('ctx').site.id, c.req.valid('param').slug);
      const body = parseInput(z.object({ text: z.string(), xid: z.string().optional() }), await c.req.json().catch(() => null));
      const participant = await requestParticipant(c, conversation, body.xid, true);
      return c.json(presentStatement(await submitStatement(deps, conversation, participant!, body)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{slug}/statements',
      tags,
      summary: 'Statements: accepted ones for everyone; waiting and rejected ones (the moderation queue) for moderators',
      request: { params: slugParam, query: z.object({ status: z.enum(['accepted', 'waiting', 'rejected', 'all']).default('accepted') }) },
      responses: { 200: json(z.object({ items: z.array(statementSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const conversation = await conversationOrNotFound(deps, ctx.site.id, c.req.valid('param').slug);
      const { status } = c.req.valid('query');
      if (status !== 'accepted') authorize(deps.permissions, ctx.actor, 'conversations.moderate', { ownerId: conversation.ownerId });
      const code = { accepted: [1], waiting: [0], rejected: [-1], all: undefined }[status] as (-1 | 0 | 1)[] | undefined;
      const rows = await listStatements(deps.db, ctx.site.id, conversation.id, code);
      return c.json({ items: rows.map(presentStatement) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{slug}/statements/{id}/moderation',
      tags,
      summary: 'Accept, reject or mark a statement as meta (moderators and the owner)',
      request: {
        params: slugParam.extend({
          id: z.coerce
            .number()
            .int()
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
        body: json(z.object({ action: z.enum(['accept', 'reject', 'meta']) })),
      },
      responses: { 200: json(statementSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const { slug, id } = c.req.valid('param');
      const conversation = await conversationOrNotFound(deps, site.id, slug);
      authorize(deps.permissions, actor, 'conversations.moderate', { ownerId: conversation.ownerId });
      const row = await moderateStatement(deps, conversation, id, await c.req.json(), actor.kind === 'user' ? actor.userId : '');
      return c.json(presentStatement(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{slug}/report',
      tags,
      summary: 'The latest analysis: opinion groups, layout, representative, consensus and bridging statements, group-informed consensus, priorities',
      request: { params: slugParam },
      responses: { 200: json(z.object({ report: z.record(z.string(), z.unknown()).nullable() })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const conversation = await conversationOrNotFound(deps, ctx.site.id, c.req.valid('param').slug);
      const report = await visibleReport(deps, ctx, conversation);
      return c.json({ report: report as unknown as Record<string, unknown> | null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{slug}/me',
      tags,
      summary: 'The requesting participant: their votes, their opinion group and why they are in it',
      request: { params: slugParam, query: xidQuery },
      responses: {
        200: json(
          z.object({
            participantId: z.number().int().nullable(),
            votes: z.array(z.object({ statementId: z.number().int(), vote: z.enum(['agree', 'disagree', 'pass']) })),
            group: z.number().int().nullable(),
            why: z.array(z.number().int()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const conversation = await conversationOrNotFound(deps, ctx.site.id, c.req.valid('param').slug);
      const me = await participantSummary(deps, ctx, conversation, await requestParticipant(c, conversation, c.req.valid('query').xid, false));
      return c.json(me, 200);
    },
  );
}

/** A participant's votes, group and "why am I in this group" statements (group and why only when the map is shown to them). */
export async function participantSummary(deps: Deps, ctx: RequestContext, conversation: ConversationRow, participant: { pid: number } | null) {
  if (!participant) return { participantId: null, votes: [], group: null, why: [] };
  const votes = await listVotesOf(deps.db, conversation.siteId, conversation.id, participant.pid);
  const report = canSeeAnalysis(deps, ctx, conversation) ? await loadReport(deps, conversation.siteId, conversation.id) : null;
  const group = report?.participants.find((p) => p.id === participant.pid)?.group ?? null;
  let why = group === null ? [] : (report?.why[String(participant.pid)] ?? []);
  if (why.length > 0) {
    // The analysis may predate a moderation decision: list only statements people can read now,
    // and never the participant's own statement while it waits for a moderator.
    const statements = await listStatements(deps.db, conversation.siteId, conversation.id, [0, 1]);
    const readable = new Set(
      statements
        .filter((s) => isShownToParticipants(s, conversation.settings.moderation) && !(s.moderation === 0 && s.authorPid === participant.pid))
        .map((s) => s.tid),
    );
    why = why.filter((id) => readable.has(id));
  }
  return {
    participantId: participant.pid,
    votes: [...votes].map(([statementId, v]) => ({ statementId, vote: nameOfVote(v) })),
    group,
    why,
  };
}
