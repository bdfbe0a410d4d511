import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import { notFound } from '../../../kernel/errors.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { saveConsultation } from '../commands/save-consultation.js';
import { consultationPhase, CONSULTATION_STATUSES, PARTICIPATION_MODES } from '../core/consultation.js';
import { findConsultationBySlug, listConsultations } from '../store/consultations.js';
import type { ConsultationRow } from '../store/tables.js';

const tags = ['Consultations'];
const text = z.record(z.string(), z.string()).openapi({ example: { en: 'What Europe do you want?' } });
const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'future-of-europe' }) });

const consultationSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: text,
    description: text.openapi({ description: 'Markdown' }),
    status: z.enum(CONSULTATION_STATUSES),
    phase: z.enum(['draft', 'upcoming', 'open', 'closed']).openapi({ description: 'the status at this moment, from the status and the dates' }),
    participation: z.enum(PARTICIPATION_MODES),
    opensAt: z.string().nullable().openapi({ format: 'date-time' }),
    closesAt: z.string().nullable().openapi({ format: 'date-time' }),
    questionnaireVersion: z.number().int().openapi({ description: 'the questionnaire version new responses are given for' }),
    themes: z.array(z.object({ id: z.string(), label: text })),
    resultsPublished: z.boolean(),
  })
  .openapi('Consultation');

const consultationBody = z
  .object({
    slug: z.string().openapi({ example: 'future-of-europe' }),
    title: text,
    description: text,
    status: z.enum(CONSULTATION_STATUSES).optional(),
    participation: z.enum(PARTICIPATION_MODES).optional(),
    opensAt: z.string().nullable().optional().openapi({ format: 'date-time' }),
    closesAt: z.string().nullable().optional().openapi({ format: 'date-time' }),
    themes: z.array(z.object({ id: z.string(), label: text })).optional(),
  })
  .openapi('ConsultationInput');

/** A consultation as the API shows it. */
export function presentConsultation(c: ConsultationRow, now: Date): z.infer<typeof consultationSchema> {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    description: c.description,
    status: c.status,
    phase: consultationPhase(c, now),
    participation: c.participation,
    opensAt: c.opensAt?.toISOString() ?? null,
    closesAt: c.closesAt?.toISOString() ?? null,
    questionnaireVersion: c.currentVersion,
    themes: c.themes,
    resultsPublished: c.resultsPublished,
  };
}

/** A consultation people may see: any but drafts, which only its managers see. */
export async function visibleConsultation(deps: Deps, ctx: RequestContext, slug: string): Promise<ConsultationRow> {
  const row = await findConsultationBySlug(deps.db, ctx.site.id, slug);
  if (!row || (row.status === 'draft' && !isAllowed(deps.permissions, ctx.actor, 'consultations.manage'))) throw notFound('Consultation');
  return row;
}

/** Registers the consultations API (tag "Consultations") on /api/v1. */
export function registerConsultationsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations',
      tags,
      summary: 'Consultations of the site, newest first (drafts for their managers only)',
      responses: { 200: json(z.object({ items: z.array(consultationSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const rows = await listConsultations(deps.db, site.id, { includeDrafts: isAllowed(deps.permissions, actor, 'consultations.manage') });
      const now = deps.clock.now();
      return c.json({ items: rows.map((r) => presentConsultation(r, now)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}',
      tags,
      summary: 'A consultation',
      request: { params: slugParam },
      responses: { 200: json(consultationSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await visibleConsultation(deps, c.get('ctx'), c.req.valid('param').slug);
      return c.json(presentConsultation(row, deps.clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations',
      tags,
      summary: 'Create a consultation (editors); its questionnaire starts empty',
      request: { body: json(consultationBody) },
      responses: { 201: json(consultationSchema, 'Created'), 409: json(z.object({ error: z.unknown() }), 'Slug in use'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'consultations.manage');
      const row = await saveConsultation(deps, site.id, await c.req.json(), { actorId: actor.kind === 'user' ? actor.userId : undefined });
      return c.json(presentConsultation(row, deps.clock.now()), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}',
      tags,
      summary: "Replace a consultation's details (editors)",
      request: { params: slugParam, body: json(consultationBody) },
      responses: { 200: json(consultationSchema), 409: json(z.object({ error: z.unknown() }), 'Slug in use'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'consultations.manage');
      const existing = await findConsultationBySlug(deps.db, site.id, c.req.valid('param').slug);
      if (!existing) throw notFound('Consultation');
      const row = await saveConsultation(deps, site.id, await c.req.json(), { id: existing.id });
      return c.json(presentConsultation(row, deps.clock.now()), 200);
    },
  );
}
