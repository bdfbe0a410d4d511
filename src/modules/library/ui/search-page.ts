import { data } from 'react-router';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../../kernel/validation.js';
import { paramsObject } from '../core/query.js';

/**
 * What a search page's loader reads from its address: the validated search parameters (a 400
 * page naming each bad one otherwise), the page number (1..1000), the offset of that page, and
 * the query string to keep in page links (without `page` and `lang`).
 */
export function readSearchPage<S extends z.ZodType>(
  request: Request,
  schema: S,
  pageSize: number,
): { params: z.infer<S>; page: number; offset: number; linkParams: string } {
  const url = new URL(request.url);
  const parsed = schema.safeParse(paramsObject(url.searchParams));
  if (!parsed.success) throw data({ fields: fieldErrorsOf(parsed.error) }, { status: 400 });
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const link = new URLSearchParams(url.searchParams);
  link.delete('page');
  link.delete('lang');
  return { params: parsed.data, page, offset: (page - 1) * pageSize, linkParams: link.toString() };
}
