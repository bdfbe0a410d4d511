/**
 * Application errors with stable snake_case codes. Every expected failure that crosses a
 * boundary (HTTP, CLI, job) is an AppError; the HTTP layer maps codes to statuses in one place
 * (`httpStatusOf`), so a module never chooses a status by hand.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  site_not_found: 404,
  conflict: 409,
  deadline_passed: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name (dotted path) to a human-readable reason (English; the API's `fields`). */
export type FieldErrors = Record<string, string>;

/**
 * A value a reason is worded with: a number (formatted for the reader's locale by the page), a
 * word, or an amount of money in a currency.
 */
export type ReasonValue = string | number | { amount: number; currency: string };

/**
 * Why something was refused, as a stable snake_case code and the values to word it with, so a
 * page can say it in the reader's language (message `error.field.<reason>`) instead of showing
 * the English text of `fields`.
 */
export interface Reason {
  reason: string;
  values?: Record<string, ReasonValue>;
}

/** Field name (dotted path) to the coded reason it was refused for. */
export type FieldReasons = Record<string, Reason>;

/** What an AppError may carry besides its code and English message. */
export interface AppErrorOptions {
  fields?: FieldErrors;
  /** The coded form of `fields`, for pages; fields without one fall back to their English text. */
  reasons?: FieldReasons;
  /** The coded form of the whole error's message (message `error.reason.<reason>`), for pages. */
  reason?: Reason;
  details?: Record<string, unknown>;
}

/** An expected failure: a stable code, a message for people, and per-field reasons. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors;
  readonly reasons: FieldReasons;
  readonly reason: Reason | undefined;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields ?? {};
    this.reasons = opts.reasons ?? {};
    this.reason = opts.reason;
    this.details = opts.details ?? {};
  }
}

/** The HTTP status for an error code; the only place where codes meet statuses. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** The one JSON error shape of the API: `{error:{code,message,fields}}`. */
export function presentError(err: AppError): {
  error: { code: ErrorCode; message: string; fields: FieldErrors };
} {
  return { error: { code: err.code, message: err.message, fields: err.fields } };
}

/** The English message of every `invalid_input` error that names its fields (pages word it themselves). */
export const INVALID_INPUT_MESSAGE = 'Some fields are not valid.';

/** Shorthand for a validation error on named fields, with their coded reasons when known. */
export function invalidInput(fields: FieldErrors, message = INVALID_INPUT_MESSAGE, reasons?: FieldReasons): AppError {
  return new AppError('invalid_input', message, { fields, reasons });
}

/** Shorthand for a missing resource. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}

/**
 * A size limit in bytes as the megabytes people read in a reason ("at most 10.4 MB"): decimal
 * megabytes, rounded down to a tenth so the limit said is never above the real one.
 */
export function limitInMegabytes(bytes: number): number {
  return Math.max(0.1, Math.floor(bytes / 1e5) / 10);
}
