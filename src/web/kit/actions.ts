import { data, redirect } from 'react-router';
import type { PermissionTarget } from '../../kernel/auth.js';
import { isAllowed } from '../../kernel/policy.js';
import type { PolityLoadContext } from '../load-context.js';
import { AppError, httpStatusOf, type FieldErrors, type FieldReasons, type Reason } from '../../kernel/errors.js';

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

/** Errors that need no reason of their own from the command: their code says why (message `error.reason.<code>`). */
const WORDED_BY_CODE = new Set(['not_found', 'bad_request', 'unauthenticated', 'forbidden']);

/**
 * The parts of an AppError a page shows: its English message and fields, and their coded reasons;
 * an error without a coded reason of its own is worded by its code when that says why.
 */
export function failureOf(error: AppError): Pick<FormFailure, 'message' | 'fields' | 'reasons' | 'reason'> {
  const reason = error.reason ?? (WORDED_BY_CODE.has(error.code) ? { reason: error.code } : undefined);
  return { message: error.message, fields: error.fields, reasons: error.reasons, ...(reason ? { reason } : {}) };
}

/**
 * A refusal with its fields (and their coded reasons) under the form's field names: a command
 * names its inputs (`lon`, `weights.R001`, `name.en`), a page's summary links to its fields (`long`,
 * `R001`, `name`) and names them by their labels. The first refusal of a renamed field wins.
 * Anything that is not an AppError (a bug) is given back as it is.
 */
export function withFormFields<E>(err: E, nameOf: Record<string, string> | ((field: string) => string)): E {
  if (!(err instanceof AppError)) return err;
  const name = typeof nameOf === 'function' ? nameOf : (k: string) => nameOf[k] ?? k;
  // Nothing to rename: the error itself (a bug keeps its own stack).
  if (![...Object.keys(err.fields), ...Object.keys(err.reasons)].some((k) => name(k) !== k)) return err;
  const rename = <T>(byField: Record<string, T>) => {
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(byField)) if (!(name(k) in out)) out[name(k)] = x;
    return out;
  };
  return new AppError(err.code, err.message, {
    fields: rename(err.fields),
    reasons: rename(err.reasons),
    reason: err.reason,
    details: err.details,
  }) as E;
}

/** A form field's text, trimmed: '' when it is absent or not text (a file). */
export function formText(form: { get(name: string): unknown }, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
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
 * Turns an expected failure into a 4xx response (the status of its code, with Retry-After when
 * rate-limited) for the page to re-render with the reasons and the values, plus what the page adds
 * (`extra`, e.g. which of its forms was sent); anything else is re-thrown (a real bug must not look
 * like bad input).
 */
export function formFailure<X extends object = object>(error: unknown, values: Record<string, string | string[]>, extra?: X) {
  if (!(error instanceof AppError) || error.code === 'internal') throw error;
  const retry = error.code === 'rate_limited' ? Number(error.details.retryAfterSeconds) || 60 : null;
  return data<FormFailure & X>(
    { ok: false, ...failureOf(error), values, ...(extra as X) },
    { status: httpStatusOf(error.code), headers: retry ? { 'Retry-After': String(retry) } : undefined },
  );
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
