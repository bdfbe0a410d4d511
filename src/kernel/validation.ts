import type { z } from 'zod';
import { AppError, type FieldErrors } from './errors.js';

/** Turns zod issues into `{field: reason}`, first reason per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  return fields;
}

/** Parses input at an edge; bad input becomes an `invalid_input` AppError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('invalid_input', 'Some fields are not valid.', { fields: fieldErrorsOf(parsed.error) });
  return parsed.data;
}
