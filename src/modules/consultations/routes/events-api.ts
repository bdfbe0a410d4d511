import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import { isAllowed } from '../../../kernel/policy.js';
import type { BodyRoute, PageRoute } from '../../../kernel/module.js';
import { decideEvent } from '../commands/decide-event.js';
import { listEventOutcomesByTheme } from '../commands/event-outcomes.js';
import { recordEventOutcome } from '../commands/record-event-outcome.js';
import { registerEvent } from '../commands/register-event.js';
import { updateEventDetails } from '../commands/update-event.js';
import { EVENT_FORMATS, EVENT_LANGUAGES, EVENT_STATUSES, eventTimeOf, OUTCOME_KINDS } from '../core/events.js';
import { listEvents } from '../store/events.js';
import type { EventRow } from '../store/tables.js';
import { editableEvent, editorOf, isOrganiserOf, organiserOf, readableEvent, visibleConsultation } from './event-access.js';

const page = (path: string, file: string): PageRoute => ({ path, file: `../modules/consultations/ui/${file}` });

/** The pages of the events strand, spread into the consultations manifest's `pages`. */
export const EVENT_PAGES: PageRoute[] = [
  page('consultations/:slug/events', 'events-page.tsx'),
  page('consultations/:slug/events/new', 'event-new-page.tsx'),
  page('consultations/:slug/events/:id', 'event-page.tsx'),
  page('consultations/:slug/events/:id/edit', 'event-edit-page.tsx'),
  page('consultations/:slug/admin/events', 'events-admin-page.tsx'),
];

/** The outcome form takes the event's documents (PDFs and images, through the upload pipeline). */
export const EVENT_BODY_ROUTES: BodyRoute[] = [{ path: '/consultations/:slug/events/:id/edit', kind: 'upload', files: 10 }];

const makeUpDoc = z.record(z.string(), z.number().int()).openapi({ example: { 'aged 16-24': 12, 'aged 25-64': 20, farmers: 4 } });

const outcomeItemDoc = z
  .object({
    kind: z.enum(OUTCOME_KINDS),
    text: z.string(),
    themes: z.array(z.string()).openapi({ description: "ids of the consultation's themes" }),
  })
  .openapi('EventOutcomeItem');

const eventSchema = z
  .object({
    id: z.string(),
    consultation: z.string().openapi({ description: "the consultation's slug" }),
    title: z.string(),
    organiser: z.object({ organisationId: z.string().nullable(), name: z.string() }),
    country: z.string().openapi({ example: 'PT', description: 'ISO 3166-1 alpha-2' }),
    region: z.string().nullable(),
    startsAt: z.string().openapi({ example: '2026-05-09T18:00', description: 'local date and time of the event, as its organiser gave it' }),
    online: z.boolean(),
    place: z.object({ name: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() }).nullable(),
    format: z.enum(EVENT_FORMATS),
    language: z.enum(EVENT_LANGUAGES),
    participants: z.number().int().nullable(),
    makeUp: makeUpDoc,
    status: z.enum(EVENT_STATUSES),
    rejectReason: z.string().nullable().openapi({ description: 'shown to its organiser and the editors only' }),
    outcome: z
      .object({
        summary: z.string(),
        items: z.array(outcomeItemDoc),
        minutes: z.string().nullable(),
        documents: z.array(z.object({ name: z.string(), url: z.string() })),
        recordedAt: z.string(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ConsultationEvent');

/** Input documents: loose types, so the command's checks name every bad field at once (not the first enum). */
const oneOf = (values: readonly string[]) => z.string().openapi({ enum: [...values] });

const eventBody = z
  .object({
    title: z.string().openapi({ example: 'Citizens’ dialogue on the future of Europe' }),
    organisationId: z.string().optional().openapi({ description: "an organisation of the site's directory (GET /organisations)" }),
    organiserName: z.string().optional().openapi({ description: 'the named group organising it, when not an organisation of the directory' }),
    country: z.string().openapi({ example: 'PT' }),
    region: z.string().optional().openapi({ example: 'Norte' }),
    startsAt: z.string().openapi({ example: '2026-05-09T18:00' }),
    online: z.boolean().optional(),
    placeName: z.string().optional().openapi({ description: 'required unless online' }),
    lat: z.number().optional(),
    lon: z.number().optional(),
    format: oneOf(EVENT_FORMATS),
    language: oneOf(EVENT_LANGUAGES),
    participants: z.number().optional().openapi({ type: 'integer' }),
    makeUp: z
      .record(z.string(), z.number())
      .optional()
      .openapi({ description: 'group -> number of participants', example: { students: 12 } }),
  })
  .openapi('ConsultationEventInput');

const outcomeBody = z
  .object({
    summary: z.string(),
    items: z
      .array(z.object({ kind: oneOf(OUTCOME_KINDS), text: z.string(), themes: z.array(z.string()).optional() }))
      .optional()
      .openapi({ description: "each with themes: ids of the consultation's themes" }),
    minutes: z.string().optional(),
  })
  .openapi('ConsultationEventOutcomeInput');

/** An event as the API shows it; the refusal's reason only to its organiser and the editors. */
function presentEvent(deps: Deps, ctx: RequestContext, slug: string, e: EventRow): z.infer<typeof eventSchema> {
  const insider = isOrganiserOf(ctx, e) || isAllowed(deps.permissions, ctx.actor, 'consultations.manage');
  return {
    id: e.id,
    consultation: slug,
    title: e.title,
    organiser: { organisationId: e.organisationId, name: e.organiserName },
    country: e.country,
    region: e.region,
    startsAt: eventTimeOf(e.startsAt),
    online: e.online,
    place: e.online ? null : { name: e.placeName, lat: e.lat, lon: e.lon },
    format: e.format as z.infer<typeof eventSchema>['format'],
    language: e.language as z.infer<typeof eventSchema>['language'],
    participants: e.participants,
    makeUp: e.makeUp,
    status: e.status,
    rejectReason: insider ? e.rejectReason : null,
    outcome:
      e.outcomeSummary === null
        ? null
        : {
            summary: e.outcomeSummary,
            items: e.outcomeItems,
            minutes: e.minutes,
            documents: e.documents.map((d) => ({ name: d.name, url: `${ctx.origin}/library/files/${d.uploadId}` })),
            recordedAt: (e.outcomeRecordedAt ?? e.updatedAt).toISOString(),
          },
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'future-of-europe' }) });
const eventParams = slugParam.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const tags = ['Consultation events'];
const stateConflict = { 409: json(z.object({ error: z.unknown() }), 'Already decided so') };

/** Registers the consultation events API (tag "Consultation events") under /api/v1/consultations/{slug}/events. */
export function registerEventsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/events',
      tags,
      summary: "A consultation's events, soonest first: approved ones for everyone; editors may ask for another status",
      request: {
        params: slugParam,
        query: z.object({
          country: z.string().optional().openapi({ description: 'ISO 3166-1 alpha-2 code', example: 'PT' }),
          status: z.enum(EVENT_STATUSES).optional().openapi({ description: 'editors only; default approved' }),
          mine: z.enum(['1']).optional().openapi({ description: 'the events I registered, in any status' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(eventSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { slug } = c.req.valid('param');
      const q = c.req.valid('query');
      const consultation = await visibleConsultation(deps, ctx, slug);
      const country = q.country?.trim().toUpperCase() || undefined;
      let rows: EventRow[];
      if (q.mine) rows = await listEvents(deps.db, ctx.site.id, consultation.id, { country, createdBy: organiserOf(deps, ctx).userId });
      else {
        if (q.status && q.status !== 'approved') editorOf(deps, ctx);
        rows = await listEvents(deps.db, ctx.site.id, consultation.id, { country, status: q.status ?? 'approved' });
      }
      return c.json({ items: rows.map((e) => presentEvent(deps, ctx, slug, e)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/events/outcomes',
      tags,
      summary: "The approved events' concerns and recommendations grouped by the consultation's themes (untagged ones last)",
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            groups: z.array(
              z.object({
                theme: z.object({ id: z.string(), label: z.record(z.string(), z.string()) }).nullable(),
                items: z.array(
                  z.object({ eventId: z.string(), eventTitle: z.string(), country: z.string(), kind: z.enum(OUTCOME_KINDS), text: z.string() }),
                ),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const consultation = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      return c.json({ groups: await listEventOutcomesByTheme(deps, ctx.site.id, consultation.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/consultations/{slug}/events',
      tags,
      summary: 'Register an event (anyone signed in); it waits for the editors’ approval',
      request: { params: slugParam, body: json(eventBody) },
      responses: { 201: json(eventSchema, 'Registered'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { slug } = c.req.valid('param');
      const { userId } = organiserOf(deps, ctx);
      const consultation = await visibleConsultation(deps, ctx, slug);
      const event = await registerEvent(deps, ctx.site.id, { consultation, userId, siteLocale: ctx.site.defaultLocale, event: await c.req.json() });
      return c.json(presentEvent(deps, ctx, slug, event), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/events/{id}',
      tags,
      summary: 'An event with its outcome (approved ones for everyone; others for their organiser and the editors)',
      request: { params: eventParams },
      responses: { 200: json(eventSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { slug, id } = c.req.valid('param');
      const consultation = await visibleConsultation(deps, ctx, slug);
      return c.json(presentEvent(deps, ctx, slug, await readableEvent(deps, ctx, consultation, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/events/{id}',
      tags,
      summary: 'Replace an event’s details (its organiser); a refused event goes back to the editors',
      request: { params: eventParams, body: json(eventBody) },
      responses: { 200: json(eventSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { slug, id } = c.req.valid('param');
      const consultation = await visibleConsultation(deps, ctx, slug);
      const event = await editableEvent(deps, ctx, consultation, id);
      const row = await updateEventDetails(deps, ctx.site.id, { event, siteLocale: ctx.site.defaultLocale, details: await c.req.json() });
      return c.json(presentEvent(deps, ctx, slug, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/events/{id}/outcome',
      tags,
      summary: 'Record the event’s outcome (its organiser): summary, concerns and recommendations tagged with the consultation’s themes, minutes',
      description: 'Documents are added on the event’s edit page, through the platform’s upload checks; this call keeps them.',
      request: { params: eventParams, body: json(outcomeBody) },
      responses: { 200: json(eventSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const { slug, id } = c.req.valid('param');
      const consultation = await visibleConsultation(deps, ctx, slug);
      const event = await editableEvent(deps, ctx, consultation, id);
      const row = await recordEventOutcome(deps, ctx.site.id, { consultation, event, outcome: await c.req.json() });
      return c.json(presentEvent(deps, ctx, slug, row), 200);
    },
  );

  for (const decision of ['approve', 'reject'] as const)
    app.openapi(
      createRoute({
        method: 'post',
        path: `/consultations/{slug}/events/{id}/${decision}`,
        tags,
        summary:
          decision === 'approve'
            ? 'Approve an event: it is shown to the public (editors)'
            : 'Refuse an event with a reason, which is required and shown to its organiser (editors)',
        request:
          decision === 'reject'
            ? { params: eventParams, body: json(z.object({ reason: z.string() }).openapi('EventRejection')) }
            : { params: eventParams },
        responses: { 200: json(eventSchema), ...stateConflict, ...errorResponses },
      }),
      async (c) => {
        const deps = c.get('deps');
        const ctx = c.get('ctx');
        const { slug, id } = c.req.valid('param');
        const editor = editorOf(deps, ctx);
        const consultation = await visibleConsultation(deps, ctx, slug);
        const event = await readableEvent(deps, ctx, consultation, id);
        const body = (await c.req.json().catch(() => ({}))) as { reason?: unknown } | null;
        const row = await decideEvent(deps, ctx.site.id, { event, decision, editorId: editor.userId, reason: body?.reason });
        return c.json(presentEvent(deps, ctx, slug, row), 200);
      },
    );
}
