import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../../../db/context.js';
import { errorResponses, json, pageQuery } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { authorize } from '../../../kernel/policy.js';
import { FEEDBACK_MODERATE_PERMISSION, moderateFeedback, submitFeedback } from '../commands/risk-feedback.js';
import { getAuditQueue, getPrecisionReport } from '../commands/risk-queue.js';
import { QUEUE_STATUSES } from '../core/risk-queue.js';
import { assignProcess, publishOutcome, recordOutcome, startMonitoring, TRIAGE_PERMISSION } from '../commands/risk-triage.js';
import { searchPublicProcesses } from '../commands/process-search.js';
import { importExchangeRates, setReferenceCurrency } from '../commands/exchange-rates.js';
import { getPartyProfile, getProcessRiskView, getRiskDashboard, type PublishedAudit } from '../commands/risk-views.js';
import { getRiskSettingChanges, getRiskSettings, saveRiskSettings, SETTINGS_PERMISSION } from '../commands/risk-settings.js';
import { RISK_BUCKETS, RISK_CODES } from '../core/risk-score.js';
import type { RiskTriageRow } from '../store/risk-tables.js';

/** Permissions of risk monitoring (declared in the procurement manifest). */
export const riskPermissions: Record<string, PermissionRule> = {
  /** Read the auditors' queue and precision report; assign, monitor and record outcomes. */
  [TRIAGE_PERMISSION]: { roles: ['auditor'] },
  /** Tune the risk settings: weights, bucket cut-offs, rule thresholds (auditors, with the precision report as evidence). */
  [SETTINGS_PERMISSION]: { roles: ['auditor'] },
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
    comparableValue: z.number().nullable().openapi({ description: 'the value in referenceCurrency, as ranked; null when not converted' }),
    referenceCurrency: z.string().nullable(),
    valueNotConverted: z
      .enum(['no_reference', 'no_currency', 'no_date', 'no_rate'])
      .nullable()
      .openapi({ description: 'why the value was not converted (it then ranks as an unknown value)' }),
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
const bucketsSchema = z.object({ medium: z.number(), high: z.number() });
const rulesSchema = z.object({
  PZ02: z.object({ threshold: z.number() }),
  PZ03: z.object({ threshold: z.number() }),
  PZ04: z.object({ minimumIncrease: z.number() }),
  PZ05: z.object({ threshold: z.number() }),
  PZ06: z.object({ threshold: z.number(), worksThreshold: z.number(), band: z.number(), windowDays: z.number(), minimumPurchases: z.number() }),
});
const settingsSchema = z
  .object({ weights: weightsSchema, buckets: bucketsSchema, rules: rulesSchema, version: z.number().int() })
  .openapi('RiskSettings');
// Loose on purpose: the command validates every field and names it in the error (`rules.PZ06.threshold`).
const settingsPatchSchema = z
  .object({})
  .passthrough()
  .openapi('RiskSettingsPatch', {
    description:
      'Any of weights.<code>, buckets.medium|high, rules.PZ02.threshold, rules.PZ03.threshold, rules.PZ04.minimumIncrease, rules.PZ05.threshold, rules.PZ06.threshold|worksThreshold|band|windowDays|minimumPurchases',
    example: { buckets: { high: 1.5 }, rules: { PZ06: { threshold: 200000 } } },
  });

const auditSchema = z
  .object({
    outcome: z.enum(['violation', 'no_violation']),
    note: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string(),
  })
  .openapi('PublishedAudit');

function presentAudit(a: PublishedAudit | null): z.infer<typeof auditSchema> | null {
  return a ? { outcome: a.outcome, note: a.note, closedAt: a.closedAt?.toISOString() ?? null, publishedAt: a.publishedAt.toISOString() } : null;
}

const publicProcessSchema = z
  .object({
    ocid: z.string(),
    title: z.string(),
    buyer: party,
    suppliers: z.array(z.object({ id: z.string(), name: z.string() })),
    status: z.string().nullable(),
    value: z.number().nullable(),
    currency: z.string().nullable(),
    comparableValue: z.number().nullable().openapi({ description: "the value in the site's reference currency, by the rate of the process's date" }),
    valueNotConverted: z.enum(['no_reference', 'no_currency', 'no_date', 'no_rate']).nullable(),
    date: z.string().nullable(),
    score: z.number().nullable(),
    risk: z.enum(RISK_BUCKETS).nullable(),
    flags: z.array(z.string()),
    audit: z.object({ outcome: z.enum(['violation', 'no_violation']), publishedAt: z.string() }).nullable(),
  })
  .openapi('PublicProcess');

// The command checks each filter and names it in the error; the schema documents them.
const searchQuery = z.object({
  q: z.string().optional().openapi({ description: 'words of the title, or part of the ocid' }),
  buyer: z.string().optional().openapi({ description: "a buyer's id, or part of its name" }),
  supplier: z.string().optional().openapi({ description: "a supplier's id, or part of its name" }),
  valueMin: z.string().optional().openapi({ description: "lowest expected value, in the site's reference currency" }),
  valueMax: z.string().optional().openapi({ description: "highest expected value, in the site's reference currency" }),
  dateFrom: z.string().optional().openapi({ description: 'first day (YYYY-MM-DD) of the latest release' }),
  dateTo: z.string().optional().openapi({ description: 'last day (YYYY-MM-DD) of the latest release' }),
  status: z.string().optional(),
  indicator: z.string().optional().openapi({ description: 'an indicator code (R018, PZ02, ...)' }),
  risk: z.string().optional().openapi({ description: 'low, medium or high' }),
  outcome: z.string().optional().openapi({ description: 'a published audit outcome: violation or no_violation' }),
  cursor: z.string().optional(),
  limit: z.string().optional().openapi({ description: '1 to 100 (default 25)' }),
});

const rateIssueSchema = z.object({
  line: z.number().int(),
  column: z.enum(['date', 'currency', 'rate']).optional(),
  code: z.enum(['columns', 'syntax', 'date', 'currency', 'rate', 'duplicate', 'reference']),
  value: z.string().optional(),
});

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

  app.openapi(triageRoute('publish', 'Publish the recorded outcome: from then on the public sees it (auditors)'), async (c) => {
    const { site, actor } = c.get('ctx');
    return c.json(presentTriage(await publishOutcome(c.get('deps'), site.id, actor, c.req.valid('param').ocid)), 200);
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/processes',
      tags,
      summary:
        "Search processes by buyer, supplier, value range (in the site's reference currency), date range, status, indicator, risk level and published outcome, newest first (public)",
      request: { query: searchQuery },
      responses: {
        200: json(
          z.object({
            items: z.array(publicProcessSchema),
            nextCursor: z.string().nullable(),
            referenceCurrency: z.string().nullable(),
            statuses: z.array(z.string()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await searchPublicProcesses(c.get('deps'), c.get('ctx').site.id, c.req.query()), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/procurement/risk/currency',
      tags,
      summary: "Set the site's reference currency, the one the auditors' queue and the value filters compare values in (auditors)",
      request: { body: json(z.object({ referenceCurrency: z.string().openapi({ example: 'EUR' }) })) },
      responses: { 200: json(z.object({ referenceCurrency: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body: unknown = await c.req.json().catch(() => null);
      return c.json({ referenceCurrency: await setReferenceCurrency(c.get('deps'), site.id, actor, body) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/risk/exchange-rates',
      tags,
      summary:
        'Import reference exchange rates from a CSV body (text/csv): header date,currency,rate; rate = units of the currency per unit of the reference currency on that day. All or nothing; refused rows come back by line (auditors)',
      request: { body: { content: { 'text/csv': { schema: z.string().openapi({ example: 'date,currency,rate\n2025-03-03,USD,1.0465\n' }) } } } },
      responses: {
        200: json(z.object({ imported: z.number().int() }), 'Stored'),
        ...errorResponses,
        400: json(
          z.object({ imported: z.literal(0), issues: z.array(rateIssueSchema), issueCount: z.number().int() }),
          'Refused rows, nothing stored',
        ),
      },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const r = await importExchangeRates(c.get('deps'), site.id, actor, await c.req.text());
      if (r.issueCount > 0) return c.json({ imported: 0 as const, issues: r.issues, issueCount: r.issueCount }, 400);
      return c.json({ imported: r.imported }, 200);
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
      summary: "The site's weight per indicator (defaults where unset; part of the risk settings)",
      responses: { 200: json(weightsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const deps = c.get('deps');
      authorize(deps.permissions, actor, TRIAGE_PERMISSION);
      return c.json((await getRiskSettings(deps, site.id)).weights, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/procurement/risk/weights',
      tags,
      summary: 'Set weights for some or all indicators, each in [0, 5] (a change of the risk settings; auditors)',
      request: { body: json(weightsSchema) },
      responses: { 200: json(weightsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body: unknown = await c.req.json().catch(() => null);
      const saved = await saveRiskSettings(c.get('deps'), site.id, actor, { weights: body });
      return c.json(saved.weights, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/settings',
      tags,
      summary: "The site's risk settings: weights, bucket cut-offs, ProZorro-rule thresholds, and their version (auditors)",
      responses: { 200: json(settingsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const deps = c.get('deps');
      authorize(deps.permissions, actor, TRIAGE_PERMISSION);
      return c.json(await getRiskSettings(deps, site.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/procurement/risk/settings',
      tags,
      summary:
        'Change some risk settings; errors name each field (weights.R018, buckets.high, rules.PZ06.threshold). A change is audited and re-assesses the processes by a job',
      request: { body: json(settingsPatchSchema) },
      responses: { 200: json(settingsSchema), ...errorResponses },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const body: unknown = await c.req.json().catch(() => null);
      return c.json(await saveRiskSettings(c.get('deps'), site.id, actor, body), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/risk/settings/changes',
      tags,
      summary: 'Who changed which risk settings, newest first (auditors)',
      request: { query: pageQuery },
      responses: {
        200: json(
          z
            .object({
              items: z.array(
                z.object({
                  id: z.string(),
                  actorId: z.string().nullable(),
                  actorName: z.string().nullable(),
                  changes: z.array(z.object({ field: z.string(), before: z.number(), after: z.number() })),
                  createdAt: z.string(),
                }),
              ),
              nextCursor: z.string().nullable(),
            })
            .openapi('RiskSettingChanges'),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { site, actor } = c.get('ctx');
      const q = c.req.valid('query');
      const page = await getRiskSettingChanges(c.get('deps'), site.id, actor, { cursor: q.cursor, limit: q.limit });
      return c.json(
        {
          items: page.items.map((r) => ({
            id: r.id,
            actorId: r.actorId,
            actorName: r.actorName,
            changes: r.changes,
            createdAt: r.createdAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
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
      summary: 'A process with its flags, score and bucket as of the last risk run (public; triage for auditors)',
      request: { params: ocidParam },
      responses: {
        200: json(
          z
            .object({
              audit: auditSchema.nullable().openapi({ description: 'the audit outcome once published; unpublished audit work is not shown' }),
            })
            .passthrough()
            .openapi('ProcessRisk'),
        ),
        ...errorResponses,
      },
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
          audit: presentAudit(view.publishedAudit),
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
        summary: `A ${role}'s profile: totals, flags over time, win rate, counterparts, and a page of its processes, newest first (public)`,
        request: { params: idParam, query: pageQuery },
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
      async (c) => {
        const q = c.req.valid('query');
        return c.json(
          await getPartyProfile(c.get('deps'), c.get('ctx').site.id, role, c.req.valid('param').id, { cursor: q.cursor, limit: q.limit }),
          200,
        );
      },
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
