import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, AppEnv } from '../../../db/context.js';
import type { Context } from 'hono';
import { errorResponses, json } from '../../../kernel/api.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { authorize } from '../../../kernel/policy.js';
import { importLss } from '../commands/import-lss.js';
import { importResponses } from '../commands/import-responses.js';
import { invitationBatches, revokeInvitationBatch } from '../commands/invitations.js';
import { confirmPaperResponse, enterPaperResponse, returnPaperResponse } from '../commands/paper.js';
import { saveQuestionnaire } from '../commands/save-questionnaire.js';
import {
  bringDraftUpToDate,
  createInvitations,
  findMyResponse,
  RESPONDENT_COOKIE,
  surveyCookie,
  surveyCookieName,
  surveyCookiesOf,
  takeSurveyStep,
  type RespondentClaim,
} from '../commands/take-part.js';
import { findQuestionnaireVersion, listQuestionnaireVersions } from '../store/consultations.js';
import type { ConsultationRow, ResponseRow } from '../store/tables.js';
import { visibleConsultation } from './api.js';

const tags = ['Consultations'];
const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'future-of-europe' }) });
const idParams = slugParam.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const items = z
  .array(z.record(z.string(), z.unknown()))
  .openapi({ description: "the questionnaire's items (see the questionnaire engine's item types)" });

const questionnaireSchema = z
  .object({
    version: z.number().int(),
    currentVersion: z.number().int(),
    items,
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.string() })),
  })
  .openapi('ConsultationQuestionnaire');

const responseSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'pending', 'submitted']),
    channel: z.enum(['online', 'paper', 'import']),
    page: z.number().int(),
    answers: z.record(z.string(), z.unknown()),
  })
  .openapi('ConsultationResponse');

const invitationBatchSchema = z
  .object({ batch: z.string(), label: z.string().nullable(), createdAt: z.string(), count: z.number().int(), used: z.number().int() })
  .openapi('ConsultationInvitationBatch');

const present = (r: ResponseRow) => ({ id: r.id, version: r.version, status: r.status, channel: r.channel, page: r.page, answers: r.answers });

const staffId = (c: Context<AppEnv>, permission: string): string => {
  const { actor } = c.get('ctx');
  authorize(c.get('deps').permissions, actor, permission);
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in.');
  return actor.userId;
};

/** The respondent making a request: actor, address, the browser's cookies, and a typed code. */
function claimOf(c: Context<AppEnv>, consultation: ConsultationRow, typed: { code?: string; resume?: string } = {}): RespondentClaim {
  const ctx = c.get('ctx');
  const cookies = surveyCookiesOf(c.req.header('cookie'), consultation.id);
  return {
    actor: ctx.actor,
    client: ctx.clientIp,
    browserToken: cookies.browserToken,
    resumeCode: typed.resume ?? cookies.resumeCode,
    invitationCode: typed.code ?? null,
  };
}

/** Registers the survey API (questionnaire versions, taking part, invitations, paper and imported responses). */
export function registerSurveyApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/questionnaire',
      tags,
      summary: "A consultation's questionnaire: the current version, or `?version=N`; with the list of versions",
      request: { params: slugParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
      responses: { 200: json(questionnaireSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      const version = c.req.valid('query').version ?? row.currentVersion;
      const found = await findQuestionnaireVersion(deps.db, row.siteId, row.id, version);
      if (!found) throw notFound('Questionnaire version');
      const versions = await listQuestionnaireVersions(deps.db, row.siteId, row.id);
      return c.json(
        {
          version,
          currentVersion: row.currentVersion,
          items: found as Record<string, unknown>[],
          versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/questionnaire',
      tags,
      summary:
        "Save a consultation's questionnaire (editors): replaced in place while its current version has no response; once it has, a change makes a new version",
      request: { params: slugParam, body: json(z.object({ items })) },
      responses: {
        200: json(z.object({ version: z.number().int(), outcome: z.enum(['unchanged', 'replaced', 'new_version']), items })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actorId = staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      const body = (await c.req.json()) as { items?: unknown };
      const saved = await saveQuestionnaire(deps, row, body?.items, { actorId });
      return c.json({ version: saved.version, outcome: saved.outcome, items: saved.items as unknown as Record<string, unknown>[] }, 200);
    },
  );

  const unsupported = z
    .array(
      z.object({
        element: z.string().openapi({ example: 'question Q3 (type "|")' }),
        reason: z.string().openapi({ example: 'unsupported_type' }),
        detail: z.string().optional(),
      }),
    )
    .openapi({ description: 'what of the file was not carried over (or not wholly), naming the element, with a coded reason' });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/questionnaire/import-lss',
      tags,
      summary:
        "Replace a consultation's questionnaire with a LimeSurvey survey structure (editors). The body is the `.lss` file's XML text (application/xml or text/xml, up to the import body limit). Groups become pages (or sections when the survey is shown all in one), questions the engine's types, texts are kept in the file's languages that the site has, simple conditions become display conditions; everything else is listed in `unsupported`. Saved as the PUT does: in place while the current version has no response, else as a new version. A malformed file is refused (400) naming the element (`error.fields.file`), nothing saved",
      request: {
        params: slugParam,
        body: {
          content: {
            'application/xml': { schema: z.string().openapi({ example: '<?xml version="1.0" encoding="UTF-8"?>\n<document>…</document>' }) },
            'text/xml': { schema: z.string() },
          },
        },
      },
      responses: {
        200: json(
          z.object({
            version: z.number().int(),
            outcome: z.enum(['unchanged', 'replaced', 'new_version']),
            items,
            unsupported,
            languages: z.record(z.string(), z.string()).openapi({ description: "the file's languages carried over, each to the site's language" }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const actorId = staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const imported = await importLss(deps, row, await c.req.text(), { actorId, siteLanguages: ctx.site.locales });
      return c.json(
        {
          version: imported.version,
          outcome: imported.outcome,
          items: imported.items as unknown as Record<string, unknown>[],
          unsupported: imported.unsupported,
          languages: imported.languages,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/invitations',
      tags,
      summary: 'Make invitation codes (editors). The codes are shown this once: only their hashes are kept; each answers once',
      request: { params: slugParam, body: json(z.object({ count: z.number().int().min(1).max(1000), label: z.string().max(200).optional() })) },
      responses: { 201: json(z.object({ codes: z.array(z.string()) }), 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      const body = (await c.req.json()) as { count?: unknown; label?: unknown };
      const codes = await createInvitations(deps, row, Number(body?.count), typeof body?.label === 'string' ? body.label : null);
      return c.json({ codes }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/invitations',
      tags,
      summary: "A consultation's batches of invitation codes: label, when made (the batch's key), how many codes, how many used (editors)",
      request: { params: slugParam },
      responses: { 200: json(z.object({ batches: z.array(invitationBatchSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      const batches = await invitationBatches(deps, row);
      return c.json({ batches: batches.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/consultations/{slug}/invitations',
      tags,
      summary:
        'Revoke the unused codes of a batch (`?batch=` the instant it was made, as listed): they stop opening the survey; used codes and codes with a response begun stay (editors)',
      request: { params: slugParam, query: z.object({ batch: z.string() }) },
      responses: { 200: json(z.object({ revoked: z.number().int() })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      return c.json({ revoked: await revokeInvitationBatch(deps, row, c.req.valid('query').batch) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/survey',
      tags,
      summary: "The caller's own response (signed in, this browser's, or the survey cookie's resume code), or null",
      request: { params: slugParam },
      responses: { 200: json(z.object({ response: responseSchema.nullable() })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      const found = await findMyResponse(deps, row, claimOf(c, row));
      const response = found ? await bringDraftUpToDate(deps, row, found) : null;
      return c.json({ response: response ? present(response) : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/survey',
      tags,
      summary:
        'One move through the survey: the answers of the page the respondent is on, and back, next, save or submit. Anonymous respondents are kept by cookies; `code` is an invitation code, `resume` a resume code',
      request: {
        params: slugParam,
        body: json(
          z.object({
            page: z.number().int().min(0),
            move: z.enum(['back', 'next', 'save', 'submit']),
            answers: z.record(z.string(), z.unknown()),
            code: z.string().max(100).optional(),
            resume: z.string().max(100).optional(),
          }),
        ),
      },
      responses: {
        200: json(z.object({ response: responseSchema, done: z.boolean(), last: z.boolean(), resumeCode: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const body = c.req.valid('json');
      const result = await takeSurveyStep(deps, row, claimOf(c, row, { code: body.code, resume: body.resume }), {
        page: body.page,
        move: body.move,
        answers: body.answers,
        locale: ctx.locale,
        fallback: ctx.site.defaultLocale,
      });
      if (result.newBrowserToken) c.header('Set-Cookie', surveyCookie(deps.env, RESPONDENT_COOKIE, result.newBrowserToken), { append: true });
      if (result.newResumeCode) c.header('Set-Cookie', surveyCookie(deps.env, surveyCookieName(row.id), result.newResumeCode), { append: true });
      return c.json({ response: present(result.response), done: result.done, last: result.last, resumeCode: result.newResumeCode }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/paper',
      tags,
      summary: 'Enter a paper response (staff who enter paper forms); it waits for a different person to confirm it',
      request: { params: slugParam, body: json(z.object({ answers: z.record(z.string(), z.unknown()) })) },
      responses: { 201: json(responseSchema, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const userId = staffId(c, 'consultations.paper.enter');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const entered = await enterPaperResponse(deps, row, userId, {
        answers: c.req.valid('json').answers,
        locale: ctx.locale,
        fallback: ctx.site.defaultLocale,
      });
      return c.json(present(entered), 201);
    },
  );

  for (const decision of ['confirm', 'return'] as const)
    app.openapi(
      createRoute({
        method: 'post',
        path: `/consultations/{slug}/paper/{id}/${decision}`,
        tags,
        summary:
          decision === 'confirm'
            ? 'Confirm a pending paper response (a different staff member than the one who entered it); it then counts'
            : 'Send a pending paper response back to the person who entered it, to correct',
        request: { params: idParams },
        responses: { 200: json(responseSchema), ...errorResponses },
      }),
      async (c) => {
        const deps = c.get('deps');
        const userId = staffId(c, 'consultations.paper.enter');
        const { slug, id } = c.req.valid('param');
        const row = await visibleConsultation(deps, c.get('ctx'), slug);
        const decided = decision === 'confirm' ? await confirmPaperResponse(deps, row, userId, id) : await returnPaperResponse(deps, row, userId, id);
        return c.json(present(decided), 200);
      },
    );

  const problem = z.object({
    row: z.number().int(),
    column: z.string(),
    message: z.string(),
    reason: z.object({ reason: z.string() }).passthrough(),
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/responses/import',
      tags,
      summary:
        'Import responses from a CSV body (text/csv; editors): a header of question ids (`<id>.<row>` for matrix rows), choices by value, several separated by `;`, rankings in rank order. All or nothing: problems come back by row and column',
      request: { params: slugParam, body: { content: { 'text/csv': { schema: z.string().openapi({ example: 'age,gender\n18_29,woman\n' }) } } } },
      responses: {
        200: json(z.object({ imported: z.number().int() }), 'Stored'),
        ...errorResponses,
        400: json(z.object({ imported: z.literal(0), problems: z.array(problem) }), 'Refused, nothing stored'),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const actorId = staffId(c, 'consultations.manage');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const outcome = await importResponses(deps, row, await c.req.text(), { actorId, locale: ctx.locale });
      if (outcome.problems.length > 0) return c.json({ imported: 0 as const, problems: outcome.problems }, 400);
      return c.json({ imported: outcome.imported }, 200);
    },
  );
}
