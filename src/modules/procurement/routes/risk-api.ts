import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { authorize } from '../../../kernel/policy.js';
import { FEEDBACK_MODERATE_PERMISSION, moderateFeedback, submitFeedback } from '../commands/risk-feedback.js';
import { getAuditQueue, getPrecisionReport } from '../commands/risk-queue.js';
import { QUEUE_STATUSES } from '../core/risk-queue.js';
import { assignProcess, recordOutcome, startMonitoring, TRIAGE_PERMISSION } from '../commands/risk-triage.js';
import { getPartyProfile, getProcessRiskView, getRiskDashboard } from '../commands/risk-views.js';
import { getRiskWeights, saveRiskWeights, WEIGHTS_PERMISSION } from '../commands/risk-weights.js';
import { RISK_BUCKETS, RISK_CODES } from '../core/risk-score.js';
import type { RiskTriageRow } from '../store/risk-tables.js';

/** Permissions of risk monitoring (declared in the procurement manifest). */
export const riskPermissions: Record<string, PermissionRule> = {
  /** Read the auditors' queue and precision report; assign, monitor and record outcomes. */
  [TRIAGE_PERMISSION]: { roles: ['auditor'] },
  /** Tune the indicator weights (auditors, with the precision report as evidence). */
  [WEIGHTS_PERMISSION]: { roles: ['auditor'] },
  /** Publish or reject citizens' feedback on processes. */
  [FEEDBACK_MODERATE_PERMISSION]: { roles: ['moderator'] },
};

const tags = ['ProcurementRisk'];
const ocidParam = z.object({
  ocid: z
    .string()
    .min(1)
    .openapi({ param: { name: 'ocid', in: 'path' }, example: 'ocds-be6bcu-UA-2016-06-08-000504-c' }),
});
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const party = z.object({ id: z.string(), name: z.string() }).nullable();

const triageSchema = z
  .object({
    ocid: z.string(),
    status: z.enum(['assigned', 'monitoring', 'closed']),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    outcome: z.enum(['violation', 'no_violation']).nullable(),
    note: z.string().nullable(),
    outcomeFlags: z.array(z.string()).nullable(),
    monitoringStartedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('RiskTriage');

const queueItemSchema = z
  .object({
    position: z.number().int().openapi({ description: 'place in the full queue, before filters' }),
    ocid: z.string(),
    title: z.string(),
    buyer: party,
    region: z.string().nullable(),
    value: z.number().nullable(),
    currency: z.string().nullable(),
    date: z.string().nullable(),
    score: z.number(),
    bucket: z.enum(RISK_BUCKETS),
    riskRank: z.number(),
    valueRank: z.number(),
    priority: z.number().openapi({ description: '0.5 x riskRank + 0.5 x valueRank' }),
    selected: z.boolean().openapi({
      description: "chosen by the State Audit Service's shares (top 20/30/10% per bucket low/medium/high, 10/20/5% per procuring entity)",
    }),
    flags: z.array(z.string()),
    triage: z
      .object({
        status: z.enum(['assigned', 'monitoring', 'closed']),
        assigneeId: z.string().nullable(),
        assigneeName: z.string().nullable(),
        outcome: z.enum(['violation', 'no_violation']).nullable(),
      })
      .nullable(),
  })
  .openapi('RiskQueueItem');

const queueQuery = z.object({
  bucket: z.enum(RISK_BUCKETS).optional(),
  indicator: z.enum(RISK_CODES).optional(),
  region: z.string().optional(),
  status: z.enum(QUEUE_STATUSES).optional().openapi({ description: 'open (default): no outcome yet' }),
  order: z
    .enum(['average', 'interleave'])
    .optional()
    .openapi({ description: 'average (default): by 0.5 risk rank + 0.5 value rank; interleave: alternate the two rankings' }),
  selection: z.enum(['all', 'sas']).optional().openapi({ description: "sas: only the processes the State Audit Service's shares select" }),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const precisionSchema = z
  .object({
    indicators: z.array(
      z.object({
        code: z.string(),
        weight: z.number(),
        flagged: z.number().int(),
        audited: z.number().int(),
        confirmed: z.number().int(),
        precision: z.number().nullable().openapi({ description: 'confirmed / audited; null when none audited' }),
      }),
    ),
    overall: z.object({ audited: z.number().int(), confirmed: z.number().int(), precision: z.number().nullable() }),
  })
  .openapi('RiskPrecisionReport');

const weightsSchema = z.record(z.string(), z.number()).openapi('RiskWeights', { example: { R018: 0.4, PZ06: 0.5 } });

function presentTriage(t: RiskTriageRow): z.infer<typeof triageSchema> {
  return {
    ocid: t.ocid,
    status: t.status,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    outcome: t.outcome,
    note: t.note,
    outcomeFlags: t.outcomeFlags,
    monitoringStartedAt: t.monitoringStartedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Registers the risk API (tag "ProcurementRisk") on /api/v1: queue, triage, precision, weights, dashboard, processes, profiles, feedback. */
export function registerRiskApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/queue',
      tags,
      summary: "The auditors' queue: flagged processes, half by risk rank and half by value rank (auditors)",
      request: { query: queueQuery },
      responses: {
        200: json(
          z.object({ items: z.array(queueItemSchema), nextCursor: z.string().nullable(), total: z.number().int(), regions: z.array(z.string()) }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      return c.json(await getAuditQueue(c.get('deps'), site.id, actor, c.req.valid('query')), 200);
    },
  );

  const triageRoute = (path: string, summary: string, body?: z.ZodType) =>
    createRoute({
      method: 'post',
      path: `/procurement/risk/processes/{ocid}/${path}`,
      tags,
      summary,
      request: body ? { params: ocidParam, body: json(body) } : { params: ocidParam },
      responses: { 200: json(triageSchema), 409: json(z.object({ error: z.unknown() }), 'Not allowed in the current state'), ...errorResponses },
    });

  app.openapi(
    triageRoute('assign', 'Assign a process to an auditor (the caller when assigneeId is omitted)', z.object({ assigneeId: z.string().optional() })),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body = await c.req.json().catch(() => ({}));
      return c.json(presentTriage(await assignProcess(c.get('deps'), site.id, actor, c.req.valid('param').ocid, body)), 200);
    },
  );

  app.openapi(triageRoute('monitoring', 'Start monitoring a process (auditors)'), async (c) => {
    const { site, actor } = c.get('ctx');
    return c.json(presentTriage(await startMonitoring(c.get('deps'), site.id, actor, c.req.valid('param').ocid)), 200);
  });

  app.openapi(
    triageRoute(
      'outcome',
      'Record the outcome of a monitoring, with a note (auditors)',
      z.object({ outcome: z.enum(['violation', 'no_violation']), note: z.string() }),
    ),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body = await c.req.json().catch(() => null);
      return c.json(presentTriage(await recordOutcome(c.get('deps'), site.id, actor, c.req.valid('param').ocid, body)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/precision',
      tags,
      summary: 'Per-indicator precision: confirmed violations / flagged processes with an outcome (auditors)',
      responses: { 200: json(precisionSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      return c.json(await getPrecisionReport(c.get('deps'), site.id, actor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/weights',
      tags,
      summary: "The site's weight per indicator (defaults where unset)",
      responses: { 200: json(weightsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const deps = c.get('deps');
      authorize(deps.permissions, actor, TRIAGE_PERMISSION);
      return c.json(await getRiskWeights(deps, site.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/procurement/risk/weights',
      tags,
      summary: 'Set weights for some or all indicators, each in [0, 5] (auditors)',
      request: { body: json(weightsSchema) },
      responses: { 200: json(weightsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const deps = c.get('deps');
      authorize(deps.permissions, actor, WEIGHTS_PERMISSION);
      const body = await c.req.json().catch(() => null);
      return c.json(await saveRiskWeights(deps, site.id, body, actor.kind === 'user' ? actor.userId : null), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/dashboard',
      tags,
      summary: 'Risk dashboard: buckets, flags by indicator and month, top buyers (public)',
      responses: { 200: json(z.object({}).passthrough().openapi('RiskDashboard')), ...errorResponses },
    }),
    async (c) => c.json(await getRiskDashboard(c.get('deps'), c.get('ctx').site.id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/processes/{ocid}',
      tags,
      summary: 'A process with its flags, score and bucket (public; triage for auditors)',
      request: { params: ocidParam },
      responses: { 200: json(z.object({}).passthrough().openapi('ProcessRisk')), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const view = await getProcessRiskView(c.get('deps'), site.id, actor, c.req.valid('param').ocid);
      return c.json(
        {
          ...view.summary,
          flags: view.flags,
          score: view.score,
          bucket: view.bucket,
          feedback: view.feedback.map((f) => ({ id: f.id, name: f.authorName, message: f.message, createdAt: f.createdAt.toISOString() })),
          triage: view.triage ? presentTriage(view.triage) : null,
        },
        200,
      );
    },
  );

  for (const role of ['buyer', 'supplier'] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/procurement/risk/${role}s/{id}`,
        tags,
        summary: `A ${role}'s profile: processes, flags over time, win rate, counterparts (public)`,
        request: { params: idParam },
        responses: {
          200: json(
            z
              .object({})
              .passthrough()
              .openapi(role === 'buyer' ? 'BuyerProfile' : 'SupplierProfile'),
          ),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await getPartyProfile(c.get('deps'), c.get('ctx').site.id, role, c.req.valid('param').id), 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/risk/processes/{ocid}/feedback',
      tags,
      summary: 'Leave feedback on a process (anyone; shown after moderation)',
      request: { params: ocidParam, body: json(z.object({ name: z.string(), message: z.string() })) },
      responses: { 201: json(z.object({ id: z.string(), status: z.literal('pending') }), 'Received'), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body = await c.req.json().catch(() => null);
      const row = await submitFeedback(c.get('deps'), site.id, actor, c.req.valid('param').ocid, body);
      return c.json({ id: row.id, status: 'pending' as const }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/risk/feedback/{id}/moderation',
      tags,
      summary: 'Publish or reject a feedback (moderators)',
      request: { params: idParam, body: json(z.object({ status: z.enum(['published', 'rejected']) })) },
      responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body = await c.req.json().catch(() => null);
      await moderateFeedback(c.get('deps'), site.id, actor, c.req.valid('param').id, body);
      return c.json({ ok: true as const }, 200);
    },
  );
}
