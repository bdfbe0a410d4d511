import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import { readCsvTable } from '../../../kernel/csv.js';
import { invalidInput, notFound } from '../../../kernel/errors.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { allRows, computeCrossTab, computeResults, parseGroupParam, surveyData } from '../commands/results.js';
import { saveMargins, saveWeighting, setPublication } from '../commands/results-settings.js';
import { marginsFromRows } from '../core/margins.js';
import { writeDdiCodebook } from '../formats/ddi.js';
import { responsesCsvChunks } from '../formats/responses-csv.js';
import { writeSpssSyntax } from '../formats/spss.js';
import type { ConsultationRow } from '../store/tables.js';
import { visibleConsultation } from './api.js';

const tags = ['Consultations'];
const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'future-of-europe' }) });
const any = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });

/** The consultation, for staff with `permission`. */
async function staffConsultation(deps: Deps, ctx: RequestContext, slug: string, permission: string): Promise<ConsultationRow> {
  authorize(deps.permissions, ctx.actor, permission);
  return visibleConsultation(deps, ctx, slug);
}

/** A results request: staff see every question live; others only published results. */
async function resultsAudience(deps: Deps, ctx: RequestContext, c: ConsultationRow): Promise<'staff' | 'public'> {
  if (isAllowed(deps.permissions, ctx.actor, 'consultations.results.read')) return 'staff';
  if (!c.resultsPublished) throw notFound('Results');
  return 'public';
}

const attachment = (type: string, name: string) => ({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` });

/** Registers results, margins, weighting, publication and the data exports (tag "Consultations"). */
export function registerResultsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/results',
      tags,
      summary:
        'Results: figures per question, unweighted and weighted with standard errors, and representativeness (published questions for the public; every question live for staff). `group=<question>:<category>` gives the figures of the respondents in one category of a demographic question (domain estimation with the weights of everyone), with a `group` object; a group of fewer than 10 respondents is flagged `small`, and its figures are withheld from the public',
      request: {
        params: slugParam,
        query: z.object({
          group: z
            .string()
            .optional()
            .openapi({ description: 'A demographic question and one of its categories, `<question>:<category>`', example: 'region:west' }),
        }),
      },
      responses: { 200: json(any('results')), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const audience = await resultsAudience(deps, ctx, row);
      const group = parseGroupParam(c.req.valid('query').group);
      const fallback = ctx.site.defaultLocale;
      return c.json(
        await computeResults(deps, row, {
          audience,
          ...(group ? { group: { ...group, withholdSmall: audience === 'public', locale: ctx.locale, fallback } } : {}),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/consultations/{slug}/crosstab',
      tags,
      summary: 'A question (or one matrix row) by a demographic question: counts, percentages, lift, chi-square, small cells',
      request: {
        params: slugParam,
        query: z.object({ question: z.string(), by: z.string(), row: z.string().optional(), weighted: z.enum(['true', 'false']).optional() }),
      },
      responses: { 200: json(any('cross-tab')), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const row = await visibleConsultation(deps, ctx, c.req.valid('param').slug);
      const audience = await resultsAudience(deps, ctx, row);
      const q = c.req.valid('query');
      if (audience === 'public' && !row.publishedQuestions.includes(q.question)) throw notFound('Results');
      const table = await computeCrossTab(deps, row, { ...q, weighted: q.weighted === 'true' });
      if (!table)
        throw invalidInput({ question: 'choose a question with categories and a demographic question' }, undefined, {
          question: { reason: 'invalid_choice' },
        });
      return c.json(table as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/margins',
      tags,
      summary:
        'Population margins per demographic question: JSON {margins: {question: {option: figure}}, source}, or CSV with question, category and population columns (editors)',
      request: { params: slugParam },
      responses: { 200: json(any('the margins saved')), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await staffConsultation(deps, c.get('ctx'), c.req.valid('param').slug, 'consultations.manage');
      let input;
      if ((c.req.header('content-type') ?? '').startsWith('text/csv')) {
        const table = readCsvTable(await c.req.text());
        const missing = ['question', 'category', 'population'].filter((col) => !table.columns.includes(col));
        if (missing.length)
          throw invalidInput({ file: `missing columns: ${missing.join(', ')}` }, undefined, { file: { reason: 'columns_missing' } });
        if (table.unreadable.length)
          throw invalidInput({ file: `line ${table.unreadable[0].line}: ${table.unreadable[0].reason}` }, undefined, {
            file: { reason: 'csv_unreadable' },
          });
        const read = marginsFromRows(table.rows);
        if (!read.ok) throw invalidInput(read.error.fields, undefined, read.error.reasons);
        input = read.value;
      } else input = await c.req.json();
      const saved = await saveMargins(deps, row, input);
      return c.json({ margins: saved.margins }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/weighting',
      tags,
      summary: 'How results are weighted: none, poststratify or rake on demographic questions with margins, optional trimming (editors)',
      request: { params: slugParam },
      responses: { 200: json(any('the weighting saved')), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await staffConsultation(deps, c.get('ctx'), c.req.valid('param').slug, 'consultations.manage');
      const saved = await saveWeighting(deps, row, await c.req.json());
      return c.json({ weighting: saved.weighting }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/consultations/{slug}/publication',
      tags,
      summary: 'Publish (or withdraw) the results of chosen questions: {published, questions} (editors)',
      request: { params: slugParam },
      responses: { 200: json(any('the publication saved')), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await staffConsultation(deps, c.get('ctx'), c.req.valid('param').slug, 'consultations.manage');
      const saved = await setPublication(deps, row, await c.req.json());
      return c.json({ published: saved.resultsPublished, questions: saved.publishedQuestions }, 200);
    },
  );
}

/**
 * The data exports at the site root (staff with `consultations.results.read`): responses as CSV
 * with codes (`responses.csv`) or labels (`responses.csv?labels=1`), SPSS syntax with data
 * (`responses.sps`) and a DDI Codebook 2.5 description (`codebook.xml`).
 */
export function registerResultsExports(app: ApiApp): void {
  const load = async (deps: Deps, ctx: RequestContext, slug: string, opts: { readAhead?: boolean } = {}) => {
    const row = await staffConsultation(deps, ctx, slug, 'consultations.results.read');
    return { row, data: await surveyData(deps, row, opts) };
  };
  app.get('/consultations/:slug/export/responses.csv', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const { row, data } = await load(deps, ctx, c.req.param('slug'), { readAhead: true });
    const labels = c.req.query('labels') === '1';
    const chunks = responsesCsvChunks(data.variables, data.pages, { labels, locale: ctx.locale });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      headers: attachment('text/csv; charset=utf-8; header=present', `${row.slug}-responses${labels ? '-labels' : ''}.csv`),
    });
  });
  app.get('/consultations/:slug/export/responses.sps', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const { row, data } = await load(deps, ctx, c.req.param('slug'));
    const title = row.title[ctx.locale] ?? Object.values(row.title)[0] ?? row.slug;
    return c.body(
      writeSpssSyntax(data.variables, await allRows(data), { locale: ctx.locale, title }),
      200,
      attachment('text/plain; charset=utf-8', `${row.slug}.sps`),
    );
  });
  app.get('/consultations/:slug/export/codebook.xml', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const { row, data } = await load(deps, ctx, c.req.param('slug'));
    const origin = new URL(c.req.url).origin;
    const xml = writeDdiCodebook(
      {
        id: `${origin}/consultations/${row.slug}`,
        title: row.title,
        abstract: row.description,
        producer: ctx.site.name[ctx.locale] ?? Object.values(ctx.site.name)[0] ?? ctx.site.slug,
        fileName: `${row.slug}-responses.csv`,
        cases: data.count,
        collectionModes: data.channels.length ? data.channels : ['online'],
        date: deps.clock.now(),
      },
      data.variables,
    );
    return c.body(xml, 200, attachment('application/xml; charset=utf-8', `${row.slug}-codebook.xml`));
  });
}
