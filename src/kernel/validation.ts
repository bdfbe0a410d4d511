import { z } from 'zod';
import { AppError, INVALID_INPUT_MESSAGE, type FieldErrors, type FieldReasons, type Reason } from './errors.js';

/** Turns zod issues into `{field: reason}`, first reason per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  return fields;
}

/** The value at `path` inside `data`, or undefined. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * One zod issue as a coded reason (`required`, `too_long` with `max`, `invalid_email`, ...), so a
 * page can word it in the reader's language. `data` is the input that was parsed: a value that is
 * absent or blank is `required` whatever the schema said about it. A refinement names its own
 * reason with `params: { reason }`.
 */
export function reasonOfIssue(issue: z.core.$ZodIssue, data?: unknown): Reason {
  const value = valueAt(data, issue.path);
  const numberOf = (n: unknown) => (typeof n === 'bigint' ? Number(n) : (n as number));
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(value)) return { reason: 'required' };
      if (issue.expected === 'int') return { reason: typeof value === 'number' ? 'not_whole' : 'not_a_number' };
      return { reason: issue.expected === 'number' ? 'not_a_number' : 'invalid' };
    case 'too_small': {
      const min = numberOf(issue.minimum);
      if (issue.origin === 'string') return isMissing(value) || min <= 1 ? { reason: 'required' } : { reason: 'too_short', values: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reason: 'too_few', values: { min } };
      if (issue.origin === 'date') return { reason: 'too_early' };
      return { reason: issue.inclusive === false ? 'not_above' : 'too_small', values: { min } };
    }
    case 'too_big': {
      const max = numberOf(issue.maximum);
      if (issue.origin === 'string') return { reason: 'too_long', values: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reason: 'too_many', values: { max } };
      if (issue.origin === 'date') return { reason: 'too_late' };
      return { reason: issue.inclusive === false ? 'not_below' : 'too_large', values: { max } };
    }
    case 'invalid_format':
      if (isMissing(value)) return { reason: 'required' };
      return { reason: issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid_format' };
    case 'invalid_value':
      return isMissing(value) ? { reason: 'required' } : { reason: 'invalid_choice' };
    case 'not_multiple_of':
      return { reason: Number(issue.divisor) === 1 ? 'not_whole' : 'invalid' };
    case 'unrecognized_keys':
      return { reason: 'unknown_field' };
    case 'custom': {
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return { reason: typeof reason === 'string' ? reason : 'invalid' };
    }
    default:
      return { reason: 'invalid' };
  }
}

/** Turns zod issues into `{field: reason}` with coded reasons, first reason per field, as fieldErrorsOf. */
export function fieldReasonsOf(error: z.ZodError, data?: unknown): FieldReasons {
  const reasons: FieldReasons = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!reasons[key]) reasons[key] = reasonOfIssue(issue as z.core.$ZodIssue, data);
  }
  return reasons;
}

/** Parses input at an edge; bad input becomes an `invalid_input` AppError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('invalid_input', INVALID_INPUT_MESSAGE, {
      fields: fieldErrorsOf(parsed.error),
      reasons: fieldReasonsOf(parsed.error, data),
    });
  }
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
  return z
    .string()
    .trim()
    .max(max)
    .refine(isHttpUrl, { message: 'must be a full web address starting with http:// or https://', params: { reason: 'invalid_url' } });
}

/** Most languages one text may come in: enough for any real translation set, small enough to bound a row. */
export const MAX_LANGUAGES = 30;

/** Text in several languages: locale code -> text; at least one language, at most `MAX_LANGUAGES`. */
export function localizedText(max: number, opts: { min?: number } = {}) {
  return z
    .record(
      z.string().regex(/^[a-z]{2,3}$/, 'a language code like en or pt'),
      z
        .string()
        .trim()
        .min(opts.min ?? 1)
        .max(max),
    )
    .refine((v) => Object.keys(v).length > 0, { message: 'write it in at least one language', params: { reason: 'required' } })
    .refine((v) => Object.keys(v).length <= MAX_LANGUAGES, `at most ${MAX_LANGUAGES} languages`);
}
