import { z } from '@hono/zod-openapi';
import { renderMarkdown } from '../core/markdown.js';
import { CASE_STUDY_STATUSES, LEVELS, POST_STATUSES, POST_TYPES, STAGES } from '../core/vocabulary.js';
import type { CaseStudyRow, PostRow } from '../store/tables.js';

const text = z.record(z.string(), z.string());

export const caseStudySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    url: z.string(),
    title: text,
    summary: text,
    body: text.optional().openapi({ description: 'Markdown per language (full record only)' }),
    bodyHtml: text.optional().openapi({ description: 'sanitised HTML per language (full record only)' }),
    originalLocale: z.string(),
    country: z.string(),
    level: z.enum(LEVELS),
    sectors: z.array(z.string()),
    tags: z.array(z.string()),
    stage: z.enum(STAGES),
    yearLaunched: z.number(),
    organisations: z.array(z.object({ name: z.string(), role: z.string().optional(), url: z.string().optional() })),
    links: z.array(z.object({ title: z.string(), url: z.string() })),
    images: z.array(z.object({ uploadId: z.string(), alt: z.string(), url: z.string() })),
    recognitions: z.array(z.object({ name: z.string(), year: z.number(), awardedBy: z.string().optional() })),
    status: z.enum(CASE_STUDY_STATUSES),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('CaseStudy');

export const postSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    url: z.string(),
    type: z.enum(POST_TYPES),
    title: text,
    summary: text,
    body: text.optional(),
    bodyHtml: text.optional(),
    tags: z.array(z.string()),
    originalLocale: z.string(),
    status: z.enum(POST_STATUSES),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Post');

const htmlOf = (body: Record<string, string>) => Object.fromEntries(Object.entries(body).map(([l, md]) => [l, renderMarkdown(md)]));

/** A case study as the API shows it; `full` adds the body (Markdown and sanitised HTML). */
export function presentCaseStudy(r: CaseStudyRow, full: boolean): z.infer<typeof caseStudySchema> {
  return {
    id: r.id,
    slug: r.slug,
    url: `/library/case-studies/${r.slug}`,
    title: r.title,
    summary: r.summary,
    ...(full ? { body: r.body, bodyHtml: htmlOf(r.body) } : {}),
    originalLocale: r.originalLocale,
    country: r.country,
    level: r.level,
    sectors: r.sectors,
    tags: r.tags,
    stage: r.stage,
    yearLaunched: r.yearLaunched,
    organisations: r.organisations,
    links: r.links,
    images: r.images.map((i) => ({ ...i, url: `/library/files/${i.uploadId}` })),
    recognitions: r.recognitions,
    status: r.status,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A post as the API shows it. */
export function presentPost(r: PostRow, full: boolean): z.infer<typeof postSchema> {
  return {
    id: r.id,
    slug: r.slug,
    url: `/library/posts/${r.slug}`,
    type: r.type,
    title: r.title,
    summary: r.summary,
    ...(full ? { body: r.body, bodyHtml: htmlOf(r.body) } : {}),
    tags: r.tags,
    originalLocale: r.originalLocale,
    status: r.status,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}
