import { z } from '@hono/zod-openapi';

/** The one error shape of the API. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).openapi({ example: { title: 'Too small: expected string to have >=1 characters' } }),
    }),
  })
  .openapi('Error');

/** JSON body/response content for an OpenAPI route. */
export function json<S extends z.ZodType>(schema: S, description = 'OK') {
  return { content: { 'application/json': { schema } }, description };
}

/** Error responses every route may give. */
export const errorResponses = {
  400: json(errorSchema, 'Invalid input; `fields` names each bad field'),
  401: json(errorSchema, 'Not signed in'),
  403: json(errorSchema, 'Not allowed'),
  404: json(errorSchema, 'Not found'),
} as const;

/** A cursor-paginated list schema. */
export function pageSchema<S extends z.ZodType>(item: S, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** Query parameters of every paginated list. */
export const pageQuery = z.object({
  cursor: z.string().optional().openapi({ description: 'the nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
