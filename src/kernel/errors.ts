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

/** Field name (dotted path) to a human-readable reason. */
export type FieldErrors = Record<string, string>;

/** An expected failure: a stable code, a message for people, and per-field reasons. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { fields?: FieldErrors; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields ?? {};
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

/** Shorthand for a validation error on named fields. */
export function invalidInput(fields: FieldErrors, message = 'Some fields are not valid.'): AppError {
  return new AppError('invalid_input', message, { fields });
}

/** Shorthand for a missing resource. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}
