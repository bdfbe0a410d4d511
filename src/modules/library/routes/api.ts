import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { ApiApp } from '../../../db/context.js';
import { errorResponses, json, pageQuery } from '../../../kernel/api.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { saveCaseStudy } from '../commands/save-case-study.js';
import { savePost } from '../commands/save-post.js';
import { saveUpload } from '../commands/save-upload.js';
import { searchCaseStudies, searchPosts } from '../commands/search.js';
import { setCaseStudyStatus, setPostStatus } from '../commands/set-status.js';
import { caseSearchParams, caseFilters, postFilters, postSearchParams } from '../core/query.js';
import { caseStudyInput, postInput } from '../core/schemas.js';
import { CASE_STUDY_STATUSES, POST_STATUSES } from '../core/vocabulary.js';
import { findCaseStudyBySlug } from '../store/case-studies.js';
import { findPostBySlug } from '../store/posts.js';
import { caseStudySchema, postSchema, presentCaseStudy, presentPost } from './present.js';

const TAG = ['Library'];
const facetCount = z.object({ value: z.string(), count: z.number(), selected: z.boolean() });
const facetsSchema = z.record(z.string(), z.array(facetCount)).openapi('LibraryFacets');
const saved = z.object({ id: z.string(), slug: z.string() }).openapi('LibrarySaved');
const uploadSchema = z
  .object({ id: z.string(), url: z.string(), contentType: z.string(), size: z.number(), width: z.number().nullable(), height: z.number().nullable() })
  .openapi('LibraryUpload');
const slugParam = z.object({ slug: z.string().min(1).max(120) });
const idParam = z.object({ id: z.string().uuid() });

const caseListQuery = caseSearchParams.extend(pageQuery.shape);
const postListQuery = postSearchParams.extend(pageQuery.shape);

/** The library's JSON API under /api/v1/library. */
export function registerLibraryApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/case-studies',
      tags: TAG,
      summary: 'Search published case studies with facets',
      description:
        'Full-text search (`q`, in any language of the content) and facet filters: repeat a parameter for "any of these" (`country=BR&country=PT`); different facets combine with AND. Each facet lists its values with the count the other facets leave.',
      request: { query: caseListQuery },
      responses: {
        200: json(z.object({ items: z.array(caseStudySchema), total: z.number(), facets: facetsSchema, nextCursor: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid('query');
      const { site, locale } = c.get('ctx');
      const r = await searchCaseStudies(c.get('deps'), site.id, {
        q: p.q,
        filters: caseFilters(p),
        sort: p.sort,
        cursor: p.cursor ?? null,
        limit: p.limit,
        locale,
      });
      return c.json({ items: r.items.map((i) => presentCaseStudy(i, false)), total: r.total, facets: r.facets, nextCursor: r.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/case-studies/{slug}',
      tags: TAG,
      summary: 'One case study (drafts to editors only)',
      request: { params: slugParam },
      responses: { 200: json(caseStudySchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const row = await findCaseStudyBySlug(deps.db, site.id, c.req.valid('param').slug);
      if (!row || (row.status !== 'published' && !isAllowed(deps.permissions, actor, 'library.case.read_drafts'))) throw notFound('Case study');
      return c.json(presentCaseStudy(row, true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/case-studies',
      tags: TAG,
      summary: 'Create a case study (editors)',
      request: { body: json(caseStudyInput) },
      responses: { 201: json(saved, 'Created'), 409: json(z.any(), 'Slug in use'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.case.edit');
      const r = await saveCaseStudy(deps, site.id, await c.req.json(), { authorId: actor.kind === 'user' ? actor.userId : undefined });
      return c.json(r, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/library/case-studies/{id}',
      tags: TAG,
      summary: 'Replace a case study (editors)',
      request: { params: idParam, body: json(caseStudyInput) },
      responses: { 200: json(saved), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.case.edit');
      return c.json(await saveCaseStudy(deps, site.id, await c.req.json(), { id: c.req.valid('param').id }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/library/case-studies/{id}/status',
      tags: TAG,
      summary: 'Publish, archive or return a case study to draft (editors)',
      request: { params: idParam, body: json(z.object({ status: z.enum(CASE_STUDY_STATUSES) })) },
      responses: { 200: json(z.object({ id: z.string(), slug: z.string(), status: z.enum(CASE_STUDY_STATUSES) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.case.edit');
      return c.json(await setCaseStudyStatus(deps, site.id, c.req.valid('param').id, c.req.valid('json').status), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/posts',
      tags: TAG,
      summary: 'Published posts, filterable by type and tag, searchable',
      request: { query: postListQuery },
      responses: {
        200: json(z.object({ items: z.array(postSchema), total: z.number(), facets: facetsSchema, nextCursor: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid('query');
      const { site, locale } = c.get('ctx');
      const r = await searchPosts(c.get('deps'), site.id, {
        q: p.q,
        filters: postFilters(p),
        sort: p.sort,
        cursor: p.cursor ?? null,
        limit: p.limit,
        locale,
      });
      return c.json({ items: r.items.map((i) => presentPost(i, false)), total: r.total, facets: r.facets, nextCursor: r.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/library/posts/{slug}',
      tags: TAG,
      summary: 'One post (drafts to editors only)',
      request: { params: slugParam },
      responses: { 200: json(postSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      const row = await findPostBySlug(deps.db, site.id, c.req.valid('param').slug);
      if (!row || (row.status !== 'published' && !isAllowed(deps.permissions, actor, 'library.post.edit'))) throw notFound('Post');
      return c.json(presentPost(row, true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/posts',
      tags: TAG,
      summary: 'Create a post (editors)',
      request: { body: json(postInput) },
      responses: { 201: json(saved, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.post.edit');
      const r = await savePost(deps, site.id, await c.req.json(), { authorId: actor.kind === 'user' ? actor.userId : undefined });
      return c.json(r, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/library/posts/{id}',
      tags: TAG,
      summary: 'Replace a post (editors)',
      request: { params: idParam, body: json(postInput) },
      responses: { 200: json(saved), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.post.edit');
      return c.json(await savePost(deps, site.id, await c.req.json(), { id: c.req.valid('param').id }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/library/posts/{id}/status',
      tags: TAG,
      summary: 'Publish, archive or return a post to draft (editors)',
      request: { params: idParam, body: json(z.object({ status: z.enum(POST_STATUSES) })) },
      responses: { 200: json(z.object({ id: z.string(), slug: z.string(), status: z.enum(POST_STATUSES) })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.post.edit');
      return c.json(await setPostStatus(deps, site.id, c.req.valid('param').id, c.req.valid('json').status), 200);
    },
  );

  app.use('/library/uploads', async (c, next) => {
    const max = c.get('deps').env.UPLOAD_MAX_BYTES;
    return bodyLimit({
      maxSize: max + 64 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 'The file is too large.', { fields: { file: `larger than the limit of ${max} bytes` } });
      },
    })(c, next);
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/library/uploads',
      tags: TAG,
      summary: 'Upload an image (JPEG, PNG, WebP, GIF) or PDF (editors and signed-in submitters)',
      description:
        'multipart/form-data with a `file` field. The kind is read from the content, not the name; images are re-encoded without metadata (EXIF, GPS). Larger than UPLOAD_MAX_BYTES: 413; another kind: 415.',
      request: {
        body: {
          content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } },
        },
      },
      responses: {
        201: json(uploadSchema, 'Stored'),
        413: json(z.any(), 'Too large'),
        415: json(z.any(), 'Not an accepted kind of file'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { site, actor } = c.get('ctx');
      authorize(deps.permissions, actor, 'library.upload.create');
      const form = await c.req.formData();
      const file = form.get('file');
      if (!file || typeof file === 'string') throw new AppError('invalid_input', 'Choose a file.', { fields: { file: 'a file is required' } });
      const r = await saveUpload(deps, site.id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        filename: file.name,
        userId: actor.kind === 'user' ? actor.userId : null,
      });
      return c.json({ ...r, url: `/library/files/${r.id}` }, 201);
    },
  );
}
