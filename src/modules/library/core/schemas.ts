import { z } from 'zod';
import { isCountryCode } from '../../../kernel/countries.js';
import { httpUrl, localizedText as localized } from '../../../kernel/validation.js';
import { CASE_STUDY_STATUSES, LEVELS, POST_STATUSES, POST_TYPES, SECTORS, STAGES } from './vocabulary.js';

const MAX_YEAR = 2100;

export { MAX_LANGUAGES } from '../../../kernel/validation.js';
export { localized };

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, 'letters, digits, spaces and dashes');

/**
 * A case study as editors, the API, the call-acceptance step and the demo seeds write it. This
 * one schema validates all of them and gives the OpenAPI description.
 */
export const caseStudyInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,100}$/, 'lowercase letters, digits and dashes')
    .optional(),
  title: localized(200),
  summary: localized(600),
  body: localized(50_000),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => c !== '', { message: 'an ISO 3166-1 alpha-2 country code such as BR', params: { reason: 'required' }, abort: true })
    .refine(isCountryCode, { message: 'an ISO 3166-1 alpha-2 country code such as BR', params: { reason: 'invalid_choice' } }),
  level: z.enum(LEVELS),
  sectors: z.array(z.enum(SECTORS)).min(1, 'choose at least one sector').max(6),
  tags: z.array(tag).max(20).default([]),
  stage: z.enum(STAGES),
  yearLaunched: z.number().int().min(1900).max(MAX_YEAR),
  organisations: z
    .array(z.object({ name: z.string().trim().min(1).max(200), role: z.string().trim().max(100).optional(), url: httpUrl(2000).optional() }))
    .max(30)
    .default([]),
  links: z
    .array(z.object({ title: z.string().trim().min(1).max(200), url: httpUrl(2000) }))
    .max(30)
    .default([]),
  /** Images are uploads (see the upload route); `alt` describes the image for screen readers. */
  images: z
    .array(z.object({ uploadId: z.string().uuid(), alt: z.string().trim().min(1, 'describe the image').max(300) }))
    .max(12)
    .default([]),
  recognitions: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        year: z.number().int().min(1900).max(MAX_YEAR),
        awardedBy: z.string().trim().max(200).optional(),
      }),
    )
    .max(20)
    .default([]),
  status: z.enum(CASE_STUDY_STATUSES).default('draft'),
  /** The language the case study was first written in (the others are translations). */
  originalLocale: z.string().regex(/^[a-z]{2,3}$/),
  /** When it was (or is to be) published; set automatically on first publication. */
  publishedAt: z.coerce.date().optional(),
});
export type CaseStudyInput = z.input<typeof caseStudyInput>;
export type CaseStudyData = z.output<typeof caseStudyInput>;

/** A post of the library's blog, listed and filtered by type. */
export const postInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,100}$/, 'lowercase letters, digits and dashes')
    .optional(),
  type: z.enum(POST_TYPES),
  title: localized(200),
  summary: localized(600),
  body: localized(50_000),
  tags: z.array(tag).max(20).default([]),
  status: z.enum(POST_STATUSES).default('draft'),
  originalLocale: z.string().regex(/^[a-z]{2,3}$/),
  publishedAt: z.coerce.date().optional(),
});
export type PostInput = z.input<typeof postInput>;
