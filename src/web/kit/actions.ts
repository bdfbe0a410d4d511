import { data, redirect } from 'react-router';
import type { PermissionTarget } from '../../kernel/auth.js';
import { isAllowed } from '../../kernel/policy.js';
import type { PolityLoadContext } from '../load-context.js';
import { AppError, type FieldErrors, type FieldReasons, type Reason } from '../../kernel/errors.js';

/** What a form action returns when the input is refused: the reasons and every typed value. */
export interface FormFailure {
  ok: false;
  message: string;
  fields: FieldErrors;
  /** The coded reasons of `fields`, which the page words in the reader's language. */
  reasons?: FieldReasons;
  /** The coded form of `message`. */
  reason?: Reason;
  values: Record<string, string | string[]>;
}

/** The parts of an AppError a page shows: its English message and fields, and their coded reasons. */
export function failureOf(error: AppError): Pick<FormFailure, 'message' | 'fields' | 'reasons' | 'reason'> {
  return { message: error.message, fields: error.fields, reasons: error.reasons, ...(error.reason ? { reason: error.reason } : {}) };
}

/**
 * The fields of a submitted form as plain values (repeated names become arrays), without the CSRF
 * token and without passwords, so they can be sent back to re-fill the form.
 */
export function formValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of form.entries()) {
    if (k === '_csrf' || typeof v !== 'string' || /password/i.test(k)) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Turns an expected failure into a 4xx response for the page to re-render with the reasons and the
 * values; anything else is re-thrown (a real bug must not look like bad input).
 */
export function formFailure(error: unknown, values: Record<string, string | string[]>) {
  if (error instanceof AppError && error.code !== 'internal') {
    if (error.code === 'rate_limited') {
      const retry = Number(error.details.retryAfterSeconds) || 60;
      return data<FormFailure>({ ok: false, ...failureOf(error), values }, { status: 429, headers: { 'Retry-After': String(retry) } });
    }
    const status = error.code === 'invalid_input' ? 400 : error.code === 'unauthenticated' ? 401 : error.code === 'forbidden' ? 403 : 409;
    return data<FormFailure>({ ok: false, ...failureOf(error), values }, { status });
  }
  throw error;
}

/**
 * Lets a page through only with `permission` (or any one of several): visitors are sent to sign in
 * (and back here after), signed-in people without it get a 403 page.
 */
export function requirePagePermission(
  context: PolityLoadContext,
  request: Request,
  permission: string | readonly string[],
  target: PermissionTarget = {},
): void {
  const { deps, ctx } = context;
  const any = typeof permission === 'string' ? [permission] : permission;
  if (any.some((p) => isAllowed(deps.permissions, ctx.actor, p, target))) return;
  if (ctx.actor.kind !== 'user') throw redirect(signInPath(request));
  throw data('forbidden', { status: 403 });
}

/** The sign-in page's address that brings the person back to `request`'s page afterwards. */
export function signInPath(request: Request): string {
  const url = new URL(request.url);
  return `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`;
}
