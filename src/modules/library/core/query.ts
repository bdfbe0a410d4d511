import { z } from 'zod';
import { isCountryCode } from '../../../kernel/countries.js';
import type { Filters } from './facets.js';
import { LEVELS, POST_TYPES, SECTORS, STAGES } from './vocabulary.js';

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The case-study search parameters as the URL carries them (the API's query and the /library
 * page's form): a facet given several times means "any of these".
 */
export const caseSearchParams = z.object({
  q: z.string().trim().max(200).optional(),
  country: list(z.string().trim().toUpperCase().refine(isCountryCode, 'an ISO 3166-1 alpha-2 country code')),
  level: list(z.enum(LEVELS)),
  sector: list(z.enum(SECTORS)),
  stage: list(z.enum(STAGES)),
  year: list(z.string().regex(/^\d{4}$/, 'a year such as 2019')),
  tag: list(z.string().trim().toLowerCase().min(1).max(40)),
  recognised: list(z.enum(['yes', 'no'])),
  sort: z.enum(['relevance', 'date']).optional(),
});
export type CaseSearchParams = z.output<typeof caseSearchParams>;

/** The post search parameters: text, type and tag. */
export const postSearchParams = z.object({
  q: z.string().trim().max(200).optional(),
  type: list(z.enum(POST_TYPES)),
  tag: list(z.string().trim().toLowerCase().min(1).max(40)),
  sort: z.enum(['relevance', 'date']).optional(),
});
export type PostSearchParams = z.output<typeof postSearchParams>;

/** The facet filters of parsed case-study parameters. */
export function caseFilters(p: CaseSearchParams): Filters {
  return { country: p.country, level: p.level, sector: p.sector, stage: p.stage, year: p.year, tag: p.tag, recognised: p.recognised };
}

/** The facet filters of parsed post parameters. */
export function postFilters(p: PostSearchParams): Filters {
  return { type: p.type, tag: p.tag };
}

/** URLSearchParams as the plain object zod reads (repeated keys become arrays). */
export function paramsObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key).filter((v) => v !== '');
    if (all.length === 1) out[key] = all[0];
    else if (all.length > 1) out[key] = all;
  }
  return out;
}
