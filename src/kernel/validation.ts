import { z } from 'zod';
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

/** Whether a string is an absolute http(s) address (the only links Polity stores or shows). */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/**
 * The one rule for links that people and API clients give us: an absolute http or https address
 * of at most `max` characters. `javascript:`, `data:` and other schemes are refused by name, so a
 * stored link can never run script when someone clicks it.
 */
export function httpUrl(max = 2000) {
  return z.string().trim().max(max).refine(isHttpUrl, 'must be a full web address starting with http:// or https://');
}
