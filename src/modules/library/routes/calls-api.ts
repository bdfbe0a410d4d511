import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { saveCall } from '../commands/call-save.js';
import { acceptSubmission, commentOnSubmission, rejectSubmission, requestSubmissionChanges } from '../commands/submission-review.js';
import { saveSubmissionDraft, submitSubmission, type Submitter } from '../commands/submission-save.js';
import { compareCallsForListing, computeCallStatus, CALL_STATUSES } from '../core/call.js';
import { ITEM_TYPES } from '../../questionnaires/index.js';
import { CASE_STUDY_TARGETS, submissionTitle } from '../core/questionnaire.js';
import { SUBMISSION_STATUSES } from '../core/submission-status.js';
import { findCallById, findCallBySlug, findSubmission, findSubmissionOf, listCalls, listSubmissionEvents, listSubmissions } from '../store/calls.js';
import type { CallRow, SubmissionRow } from '../store/calls-tables.js';

/** Permissions of calls for case studies (declared in the library manifest). */
export const callPermissions: Record<string, PermissionRule> = {
  /** Create and edit calls and their questionnaires. */
  'library.call.manage': { roles: ['editor'] },
  /** Read, comment on, send back, accept and reject submissions. */
  'library.submission.review': { roles: ['editor'] },
  /** Fill a call's questionnaire: anyone signed in. */
  'library.submission.create': { roles: [], signedIn: true },
  /** Edit and submit one's own submission. */
  'library.submission.edit': { roles: [], owner: true },
  /** Read a submission and comment on it: its author and reviewers. */
  'library.submission.read': { roles: ['editor'], owner: true },
};

const text = z.record(z.string(), z.string()).openapi({ example: { en: 'Call for case studies 2027' } });

const questionDoc = z
  .object({
    id: z.string().openapi({ example: 'title' }),
    type: z
      .enum(ITEM_TYPES)
      .openapi({ description: 'an item type of the questionnaire engine; its settings (options, rows, min, showIf, ...) follow' }),
    label: text.optional(),
    help: text.optional(),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string(), label: text })),
    maxLength: z.number().int().optional(),
    minYear: z.number().int().optional(),
    maxYear: z.number().int().optional(),
    maxFiles: z.number().int().optional(),
    mapsTo: z.enum(CASE_STUDY_TARGETS).optional().openapi({ description: 'the case-study field this answer fills on acceptance' }),
  })
  .catchall(z.unknown())
  .openapi('CallQuestion');

const callSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: text,
    description: text.openapi({ description: 'Markdown' }),
    opensAt: z.string().openapi({ format: 'date-time' }),
    deadline: z.string().openapi({ format: 'date-time' }),
    published: z.boolean(),
    status: z.enum(CALL_STATUSES),
  })
  .openapi('CallSummary');

const callSchema = callSummarySchema.extend({ questions: z.array(questionDoc) }).openapi('Call');

const callBody = z
  .object({
    slug: z.string().openapi({ example: 'innovation-2027' }),
    title: text,
    description: text,
    opensAt: z.string().openapi({ format: 'date-time' }),
    deadline: z.string().openapi({ format: 'date-time' }),
    published: z.boolean().optional(),
    questions: z.array(questionDoc.partial({ required: true, options: true })).optional(),
  })
  .openapi('CallInput');

const answersSchema = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'answers keyed by question id: text, an option value, a list of option values, a year, or [{uploadId, name}]' });

const eventSchema = z.object({
  kind: z.enum(['comment', 'submitted', 'resubmitted', 'changes_requested', 'accepted', 'rejected']),
  authorName: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
});

const submissionSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    callSlug: z.string(),
    status: z.enum(SUBMISSION_STATUSES),
    title: z.string().nullable().openapi({ description: "the answer that fills the case study's title, if given" }),
    answers: answersSchema,
    locale: z.string(),
    submitter: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    rejectReason: z.string().nullable(),
    caseStudyId: z.string().nullable(),
    events: z.array(eventSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CallSubmission');

const submissionListItem = submissionSchema.omit({ answers: true, events: true }).openapi('CallSubmissionSummary');

/** A call as the API shows it. */
export function presentCallSummary(call: CallRow, now: Date): z.infer<typeof callSummarySchema> {
  return {
    id: call.id,
    slug: call.slug,
    title: call.title,
    description: call.description,
    opensAt: call.opensAt.toISOString(),
    deadline: call.deadline.toISOString(),
    published: call.published,
    status: computeCallStatus(call, now),
  };
}

function presentSubmissionHead(s: SubmissionRow, call: Pick<CallRow, 'slug' | 'questions'>) {
  return {
    id: s.id,
    callId: s.callId,
    callSlug: call.slug,
    status: s.status,
    title: submissionTitle(call.questions, s.answers),
    locale: s.locale,
    submitter: { id: s.userId, name: s.name, email: s.email },
    submittedAt: s.submittedAt?.toISOString() ?? null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    rejectReason: s.rejectReason,
    caseStudyId: s.caseStudyId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

async function presentSubmission(deps: Deps, siteId: string, s: SubmissionRow, call: CallRow): Promise<z.infer<typeof submissionSchema>> {
  const events = await listSubmissionEvents(deps.db, siteId, s.id);
  return {
    ...presentSubmissionHead(s, call),
    answers: s.answers,
    events: events.map((e) => ({ kind: e.kind, authorName: e.authorName, message: e.message, createdAt: e.createdAt.toISOString() })),
  };
}

/** The signed-in person as a submitter; visitors are asked to sign in. */
export function submitterOf(deps: Deps, ctx: RequestContext): Submitter {
  authorize(deps.permissions, ctx.actor, 'library.submission.create');
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name };
}

/** A call people may see: published, or any call for its managers. */
export async function visibleCall(deps: Deps, ctx: RequestContext, slug: string): Promise<CallRow> {
  const call = await findCallBySlug(deps.db, ctx.site.id, slug);
  if (!call || (!call.published && !isAllowed(deps.permissions, ctx.actor, 'library.call.manage'))) throw notFound('Call');
  return call;
}

/** A submission the actor may read (its author or a reviewer), with its call. */
export async function readableSubmission(deps: Deps, ctx: RequestContext, id: string): Promise<{ submission: SubmissionRow; call: CallRow }> {
  const submission = isUuid(id) ? await findSubmission(deps.db, ctx.site.id, id) : null;
  if (!submission) throw notFound('Submission');
  authorize(deps.permissions, ctx.actor, 'library.submission.read', { ownerId: submission.userId });
  if (submission.status === 'draft' && !(ctx.actor.kind === 'user' && ctx.actor.userId === submission.userId)) throw notFound('Submission');
  const call = await findCallById(deps.db, ctx.site.id, submission.callId);
  if (!call) throw notFound('Call');
  return { submission, call };
}

/** The reviewer acting on a submission. */
function reviewerOf(deps: Deps, ctx: RequestContext) {
  authorize(deps.permissions, ctx.actor, 'library.submission.review');
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: ctx.actor.userId, name: ctx.actor.name };
}

const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' } }) });
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const tags = ['Calls'];

/** Registers the calls-for-case-studies API (tag "Calls") on /api/v1. */
export function registerCallsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/calls',
      tags,
      summary: 'Calls for case studies: open ones first (nearest deadline first), then upcoming, then closed',
      responses: { 200: json(z.object({ items: z.array(callSummarySchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const now = deps.clock.now();
      const rows = await listCalls(deps.db, site.id, { includeDrafts: isAllowed(deps.permissions, actor, 'library.call.manage') });
      const items = rows
        .map((r) => presentCallSummary(r, now))
        .sort((a, b) =>
          compareCallsForListing(
            { status: a.status, deadline: new Date(a.deadline), opensAt: new Date(a.opensAt) },
            { status: b.status, deadline: new Date(b.deadline), opensAt: new Date(b.opensAt) },
          ),
        );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/calls/{slug}',
      tags,
      summary: 'A call with its questionnaire',
      request: { params: slugParam },
      responses: { 200: json(callSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const call = await visibleCall(deps, c.get('ctx'), c.req.valid('param').slug);
      return c.json({ ...presentCallSummary(call, deps.clock.now()), questions: call.questions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/calls',
      tags,
      summary: 'Create a call and its questionnaire (editors)',
      request: { body: json(callBody) },
      responses: { 201: json(callSchema, 'Created'), 409: json(z.object({ error: z.unknown() }), 'Slug in use'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.call.manage');
      const call = await saveCall(deps, site.id, await c.req.json(), { actorId: actor.kind === 'user' ? actor.userId : undefined });
      return c.json({ ...presentCallSummary(call, deps.clock.now()), questions: call.questions }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/library/calls/{slug}',
      tags,
      summary: 'Replace a call and its questionnaire (editors)',
      request: { params: slugParam, body: json(callBody) },
      responses: { 200: json(callSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.call.manage');
      const existing = await findCallBySlug(deps.db, site.id, c.req.valid('param').slug);
      if (!existing) throw notFound('Call');
      const call = await saveCall(deps, site.id, await c.req.json(), { id: existing.id });
      return c.json({ ...presentCallSummary(call, deps.clock.now()), questions: call.questions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/calls/{slug}/my-submission',
      tags,
      summary: 'My submission to a call (draft or sent), with the editors’ comments',
      request: { params: slugParam },
      responses: { 200: json(submissionSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const me = submitterOf(deps, ctx);
      const call = await visibleCall(deps, ctx, c.req.valid('param').slug);
      const sub = await findSubmissionOf(deps.db, ctx.site.id, call.id, me.userId);
      if (!sub) throw notFound('Submission');
      return c.json(await presentSubmission(deps, ctx.site.id, sub, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/library/calls/{slug}/my-submission',
      tags,
      summary: 'Save my answers as a draft (may be incomplete; each given answer must fit its question)',
      request: { params: slugParam, body: json(z.object({ answers: answersSchema })) },
      responses: { 200: json(submissionSchema), 409: json(z.object({ error: z.unknown() }), 'Deadline passed'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const me = submitterOf(deps, ctx);
      const call = await visibleCall(deps, ctx, c.req.valid('param').slug);
      const existing = await findSubmissionOf(deps.db, ctx.site.id, call.id, me.userId);
      if (existing) authorize(deps.permissions, ctx.actor, 'library.submission.edit', { ownerId: existing.userId });
      const sub = await saveSubmissionDraft(deps, ctx.site.id, { call, submitter: me, answers: c.req.valid('json').answers, locale: ctx.locale });
      return c.json(await presentSubmission(deps, ctx.site.id, sub, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/calls/{slug}/my-submission/submit',
      tags,
      summary: 'Submit my answers before the deadline (or resubmit after requested changes)',
      description:
        'An optional JSON body `{"answers": {...}}` (the draft shape) is saved as the draft first, so nothing is lost if the submission is refused. Without a body, the saved draft is submitted.',
      request: { params: slugParam },
      responses: {
        200: json(submissionSchema),
        409: json(z.object({ error: z.unknown() }), 'Deadline passed or not submittable'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const me = submitterOf(deps, ctx);
      const call = await visibleCall(deps, ctx, c.req.valid('param').slug);
      const body = (await c.req.json().catch(() => ({}))) as { answers?: unknown };
      const sub = await submitSubmission(deps, ctx.site.id, {
        call,
        submitter: me,
        answers: body?.answers,
        locale: ctx.locale,
        origin: ctx.origin,
        siteLocale: ctx.site.defaultLocale,
      });
      return c.json(await presentSubmission(deps, ctx.site.id, sub, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/submissions',
      tags,
      summary: 'Submissions to review (editors); drafts are never listed',
      request: {
        query: z.object({
          status: z.enum(SUBMISSION_STATUSES).optional(),
          call: z.string().optional().openapi({ description: 'a call slug' }),
          cursor: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(submissionListItem), nextCursor: z.string().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.submission.review');
      const q = c.req.valid('query');
      if (q.status === 'draft') return c.json({ items: [], nextCursor: null }, 200);
      const call = q.call ? await findCallBySlug(deps.db, site.id, q.call) : null;
      if (q.call && !call) return c.json({ items: [], nextCursor: null }, 200);
      let after: { updatedAt: Date; id: string } | undefined;
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor, 2) as [string, string];
        after = { updatedAt: new Date(at), id };
      }
      const rows = await listSubmissions(deps.db, site.id, { status: q.status, callId: call?.id, limit: q.limit + 1, after });
      const page = rows.slice(0, q.limit);
      const calls = new Map<string, CallRow>();
      for (const r of page) if (!calls.has(r.callId)) calls.set(r.callId, (await findCallById(deps.db, site.id, r.callId))!);
      const last = page[page.length - 1];
      return c.json(
        {
          items: page.map((r) => presentSubmissionHead(r, calls.get(r.callId)!)),
          nextCursor: rows.length > q.limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/submissions/{id}',
      tags,
      summary: 'A submission with its answers and history (its author or editors)',
      request: { params: idParam },
      responses: { 200: json(submissionSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { submission, call } = await readableSubmission(deps, ctx, c.req.valid('param').id);
      return c.json(await presentSubmission(deps, ctx.site.id, submission, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/submissions/{id}/comments',
      tags,
      summary: 'Comment on a submission (its author or editors); editors’ comments are mailed to the author',
      request: { params: idParam, body: json(z.object({ message: z.string() })) },
      responses: { 201: json(submissionSchema, 'Commented'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { submission, call } = await readableSubmission(deps, ctx, c.req.valid('param').id);
      if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
      await commentOnSubmission(deps, ctx.site.id, {
        submissionId: submission.id,
        actor: { userId: ctx.actor.userId, name: ctx.actor.name },
        message: c.req.valid('json').message,
        origin: ctx.origin,
      });
      return c.json(await presentSubmission(deps, ctx.site.id, submission, call), 201);
    },
  );

  const decision = (
    path: string,
    summary: string,
    body: z.ZodObject | null,
    run: (deps: Deps, ctx: RequestContext, id: string, body: Record<string, unknown>) => Promise<SubmissionRow>,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/library/submissions/{id}/${path}`,
        tags,
        summary,
        request: body ? { params: idParam, body: json(body) } : { params: idParam },
        responses: {
          200: json(submissionSchema),
          409: json(z.object({ error: z.unknown() }), 'Not possible in the current status'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const deps = c.get('deps');
        const ctx = c.get('ctx');
        const id = c.req.valid('param').id;
        const raw = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
        const row = await run(deps, ctx, id, raw ?? {});
        const call = await findCallById(deps.db, ctx.site.id, row.callId);
        return c.json(await presentSubmission(deps, ctx.site.id, row, call!), 200);
      },
    );

  decision(
    'request-changes',
    'Send a submission back to its author with what to change (editors)',
    z.object({ message: z.string() }),
    async (deps, ctx, id, body) => {
      const actor = reviewerOf(deps, ctx);
      const { submission } = await readableSubmission(deps, ctx, id);
      return requestSubmissionChanges(deps, ctx.site.id, { submissionId: submission.id, actor, message: body.message, origin: ctx.origin });
    },
  );
  decision('accept', 'Accept a submission: it becomes a published case study (editors); no body', null, async (deps, ctx, id) => {
    const actor = reviewerOf(deps, ctx);
    const { submission } = await readableSubmission(deps, ctx, id);
    return (await acceptSubmission(deps, ctx.site.id, { submissionId: submission.id, actor, origin: ctx.origin })).submission;
  });
  decision(
    'reject',
    'Reject a submission with a reason, which is required (editors)',
    z.object({ reason: z.string() }),
    async (deps, ctx, id, body) => {
      const actor = reviewerOf(deps, ctx);
      const { submission } = await readableSubmission(deps, ctx, id);
      return rejectSubmission(deps, ctx.site.id, { submissionId: submission.id, actor, reason: body.reason, origin: ctx.origin });
    },
  );
}
