import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../../../db/context.js';
import { errorResponses, json, pageQuery } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { AppError, notFound, presentError } from '../../../kernel/errors.js';
import { authorize } from '../../../kernel/policy.js';
import { ingestReleaseStream, readIngestProgress, type IngestProgress } from '../commands/ingest-releases.js';
import { createSource, removeSource, runSourceNow, sourceInputSchema, sourcePatchSchema, updateSourceFields } from '../commands/source-commands.js';
import { getIngest, listIngests } from '../store/release-writes.js';
import { getProcessHistory, listProcesses } from '../store/releases.js';
import { findSource, listSources } from '../store/sources.js';
import type { IngestRow, SourceRow } from '../store/tables.js';

/** Permission to manage sources and upload files (admins). */
export const SOURCE_MANAGE_PERMISSION = 'procurement.source.manage';

/** Permissions of ingest and sources (declared in the procurement manifest). */
export const ingestPermissions: Record<string, PermissionRule> = {
  [SOURCE_MANAGE_PERMISSION]: { roles: ['admin'] },
};

const TAG = ['Procurement'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const processItem = z
  .object({
    ocid: z.string(),
    title: z.string().nullable(),
    buyerId: z.string().nullable(),
    buyerName: z.string().nullable(),
    status: z.string().nullable(),
    procurementMethod: z.string().nullable(),
    procurementMethodDetails: z.string().nullable(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    date: z.string().nullable(),
    releaseCount: z.number(),
    version: z.number(),
    sourceId: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('ProcurementProcess');

const changeSchema = z.object({ path: z.string(), before: z.any().optional(), after: z.any().optional() });
const historySchema = z
  .object({
    process: processItem.extend({ compiled: z.record(z.string(), z.any()) }),
    releases: z.array(
      z.object({
        releaseId: z.string(),
        hash: z.string(),
        date: z.string().nullable(),
        tag: z.array(z.string()).nullable(),
        sourceId: z.string().nullable(),
        receivedAt: z.string(),
      }),
    ),
    versions: z.array(
      z.object({
        version: z.number(),
        releaseId: z.string(),
        releaseDate: z.string().nullable(),
        sourceId: z.string().nullable(),
        createdAt: z.string(),
        changes: z.array(changeSchema),
      }),
    ),
    corrections: z.array(z.object({ path: z.string(), indexes: z.string(), value: z.string(), correction: z.string(), kind: z.string() })),
  })
  .openapi('ProcurementProcessHistory');

const sourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['url', 'prozorro', 'upload']),
    url: z.string().nullable(),
    settings: z.string(),
    intervalSeconds: z.number(),
    enabled: z.boolean(),
    state: z.record(z.string(), z.any()),
    lastRunAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProcurementSource');

const summarySchema = z.object({
  items: z.number(),
  releases: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  processesChanged: z.number(),
  corrections: z.number(),
  skipped: z.number(),
  issues: z.array(z.object({ line: z.number(), path: z.string().optional(), error: z.string() })),
});

const progressSchema = z.object({
  ingestId: z.string(),
  bytes: z.number(),
  items: z.number(),
  releases: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  issues: z.number(),
});

const ingestSchema = z
  .object({
    id: z.string(),
    sourceId: z.string().nullable(),
    label: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    bytes: z.number(),
    summary: summarySchema.nullable(),
    error: z.string().nullable(),
    progress: progressSchema.nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ProcurementIngest');

function presentSource(s: SourceRow) {
  return { ...s, siteId: undefined, lastRunAt: iso(s.lastRunAt), createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

const processQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  buyerId: z.string().max(200).optional(),
  status: z.string().max(100).optional(),
  procurementMethod: z.string().max(100).optional(),
  sourceId: z.string().uuid().optional(),
  dateFrom: z.string().date().optional().openapi({ description: 'compiled release date on or after (YYYY-MM-DD)' }),
  dateTo: z.string().date().optional().openapi({ description: 'compiled release date before (YYYY-MM-DD)' }),
});
const idParam = z.object({ id: z.string().uuid() });
const ocidParam = z.object({ ocid: z.string().min(1).max(300) });

/** Media types the upload accepts as a raw body. */
const RAW_TYPES = /^(application\/(json|x-ndjson|jsonl|json-seq|octet-stream)|text\/plain)\b/i;

/** The procurement data API: processes (public), sources and uploads (admins). */
export function registerIngestApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/processes',
      tags: TAG,
      summary: 'List contracting processes (newest first), filtered, with cursor pagination',
      request: { query: processQuery },
      responses: { 200: json(z.object({ items: z.array(processItem), nextCursor: z.string().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const { cursor, limit, ...filters } = c.req.valid('query');
      const page = await listProcesses(c.get('deps').db, c.get('ctx').site.id, filters, { cursor, limit });
      return c.json(
        {
          items: page.items.map((p) => ({ ...p, siteId: undefined, changeSeq: undefined, updatedAt: p.updatedAt.toISOString() })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/processes/{ocid}',
      tags: TAG,
      summary: 'One process: its compiled release, releases, version history (fields changed, when, by which release) and prepare corrections',
      request: { params: ocidParam },
      responses: { 200: json(historySchema), ...errorResponses },
    }),
    async (c) => {
      const h = await getProcessHistory(c.get('deps').db, c.get('ctx').site.id, c.req.valid('param').ocid);
      if (!h) throw notFound('Process');
      return c.json(
        {
          process: { ...h.process, siteId: undefined, changeSeq: undefined, updatedAt: h.process.updatedAt.toISOString() },
          releases: h.releases.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
          versions: h.versions.map((v) => ({
            version: v.version,
            releaseId: v.releaseId,
            releaseDate: v.releaseDate,
            sourceId: v.sourceId,
            createdAt: v.createdAt.toISOString(),
            changes: v.changes,
          })),
          corrections: h.corrections.map((x) => ({ path: x.path, indexes: x.indexes, value: x.value, correction: x.correction, kind: x.kind })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/sources',
      tags: TAG,
      summary: 'List data sources (admins)',
      responses: { 200: json(z.object({ items: z.array(sourceSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      return c.json({ items: (await listSources(deps.db, site.id)).map(presentSource) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/sources',
      tags: TAG,
      summary: 'Add a data source (admins): a URL polled on a schedule, ProZorro API 2.5, or uploads',
      description:
        'A live source is polled at once, then every `intervalSeconds`. `settings` holds Cardinal INI `prepare` sections applied to its compiled releases.',
      request: { body: json(sourceInputSchema) },
      responses: { 201: json(sourceSchema, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      return c.json(presentSource(await createSource(deps, site.id, c.req.valid('json'))), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/sources/{id}',
      tags: TAG,
      summary: 'One data source with its saved position (admins)',
      request: { params: idParam },
      responses: { 200: json(sourceSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      const s = await findSource(deps.db, site.id, c.req.valid('param').id);
      if (!s) throw notFound('Source');
      return c.json(presentSource(s), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/procurement/sources/{id}',
      tags: TAG,
      summary: 'Change a data source (admins); a new URL starts from scratch',
      request: { params: idParam, body: json(sourcePatchSchema) },
      responses: { 200: json(sourceSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      return c.json(presentSource(await updateSourceFields(deps, site.id, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/procurement/sources/{id}',
      tags: TAG,
      summary: 'Delete a data source (admins); its releases stay',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      await removeSource(deps, site.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/sources/{id}/run',
      tags: TAG,
      summary: 'Poll a live source now (admins)',
      request: { params: idParam },
      responses: { 202: json(z.object({ jobId: z.string() }), 'Queued'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      return c.json({ jobId: await runSourceNow(deps, site.id, c.req.valid('param').id) }, 202);
    },
  );

  const presentIngest = (deps: Parameters<typeof readIngestProgress>[0], r: IngestRow) => ({
    id: r.id,
    sourceId: r.sourceId,
    label: r.label,
    status: r.status,
    bytes: r.bytes,
    summary: r.summary ?? null,
    error: r.error,
    progress: r.status === 'running' ? (readIngestProgress(deps, r.id) ?? null) : null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/ingests',
      tags: TAG,
      summary: 'Recent ingest runs with their outcome, and the live progress of running ones (admins)',
      responses: { 200: json(z.object({ items: z.array(ingestSchema) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      return c.json({ items: (await listIngests(deps.db, site.id)).map((r) => presentIngest(deps, r)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/procurement/ingests/{id}',
      tags: TAG,
      summary: 'One ingest run: its outcome, or its live progress while it runs (admins)',
      request: { params: idParam },
      responses: { 200: json(ingestSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      const r = await getIngest(deps.db, site.id, c.req.valid('param').id);
      if (!r) throw notFound('Ingest');
      return c.json(presentIngest(deps, r), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/procurement/ingests',
      tags: TAG,
      summary: 'Upload an OCDS file (admins): streamed into the database, all or nothing',
      description:
        'The body is the file itself (`application/json`, `application/x-ndjson`, `application/octet-stream`), or `multipart/form-data` with a `file` field (forms without JavaScript). ' +
        'Release packages, record packages, JSON arrays and JSON lines (UTF-8) are accepted. A file is stored all or nothing: if any item (a JSON line, a release or record of a package) is refused ' +
        '(invalid JSON, over 8 MiB or too deep, no ocid or id, a repeated release id with other content, an impossible date, a negative or non-numeric price, a wrongly typed field), nothing is stored and the answer is 400 naming the first one (line and JSON path); ' +
        'with `keepGoing=true` the valid items are stored and the refused ones listed in `summary.issues` (`summary.skipped` counts them). Input that is not UTF-8 or a broken document is always refused whole. ' +
        'With `Accept: application/x-ndjson` the answer is a stream of JSON lines: `{"type":"progress",...}` after each stored batch, then `{"type":"done",ingestId,bytes,summary}` or `{"type":"error",error}` (status 200; the outcome is in the last line). ' +
        'While it runs, `GET /procurement/ingests` also shows its progress (on PostgreSQL; PGlite answers other requests once the file is in).',
      request: {
        query: z.object({
          source: z.string().uuid().optional().openapi({ description: 'the source to attribute releases to; its prepare settings apply' }),
          keepGoing: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'store the valid items and list the refused ones, instead of refusing the whole file (default false)' }),
        }),
      },
      responses: { 201: json(z.object({ ingestId: z.string(), bytes: z.number(), summary: summarySchema }), 'Ingested'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, SOURCE_MANAGE_PERMISSION);
      const { source: sourceId, keepGoing } = c.req.valid('query');
      const source = sourceId ? await findSource(deps.db, site.id, sourceId) : null;
      if (sourceId && !source) throw new AppError('invalid_input', 'No such source.', { fields: { source: 'no source with this id on this site' } });
      const type = c.req.header('content-type') ?? '';
      let input: AsyncIterable<Uint8Array>;
      let label = 'upload';
      if (/^multipart\/form-data/i.test(type)) {
        const form = await c.req.formData();
        const file = form.get('file');
        if (!file || typeof file === 'string' || file.size === 0)
          throw new AppError('invalid_input', 'Choose a file.', { fields: { file: 'a file is required' } });
        label = file.name || label;
        input = file.stream() as unknown as AsyncIterable<Uint8Array>;
      } else if (RAW_TYPES.test(type)) {
        if (!c.req.raw.body) throw new AppError('invalid_input', 'The body is empty.', { fields: { file: 'a file is required' } });
        label = c.req.header('x-file-name')?.slice(0, 200) || label;
        input = c.req.raw.body as unknown as AsyncIterable<Uint8Array>;
      } else {
        throw new AppError(
          'unsupported_media_type',
          'Send the file as the body (application/json or application/x-ndjson) or as multipart/form-data.',
          {
            fields: { file: `content type ${type || '(none)'} is not accepted` },
          },
        );
      }
      const run = async (onProgress?: (p: IngestProgress) => void) => {
        const r = await ingestReleaseStream(deps, site.id, input, {
          sourceId: source?.id ?? null,
          settings: source?.settings ?? '',
          label,
          onProgress,
          keepGoing: keepGoing === 'true',
        });
        if (r.summary.releases === 0 && r.summary.items === 0)
          throw new AppError('invalid_input', 'The file holds no releases.', { fields: { file: 'no OCDS release, record or package found' } });
        return r;
      };
      if (!/application\/x-ndjson/i.test(c.req.header('accept') ?? '')) return c.json(await run(), 201);
      // Progress in the answer itself: one JSON line per stored batch, then the outcome (works on any database, as it asks nothing of it).
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          const send = (event: Record<string, unknown>) => controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'));
          try {
            const r = await run((p) => send({ type: 'progress', ...p }));
            send({ type: 'done', ...r });
          } catch (e) {
            const error = e instanceof AppError ? e : new AppError('internal', 'Something went wrong on our side.');
            if (!(e instanceof AppError)) deps.log.error('procurement upload failed', { err: e });
            send({ type: 'error', ...presentError(error) });
          }
          controller.close();
        },
      });
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
      }) as never;
    },
  );
}
