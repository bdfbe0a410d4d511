import { data } from 'react-router';
import { AppError, httpStatusOf, type FieldErrors, type FieldReasons } from '../../../kernel/errors.js';
import { useReasonText } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';

/** What an accounts form action returns when it refuses the input. */
export interface AccountFailure {
  ok: false;
  /** Which form failed, when a page has several. */
  form: string;
  message: string;
  /** A stable reason (`wrong_credentials`, `email_not_confirmed`, ...) the page shows in the reader's language. */
  reason: string | null;
  retryAfterSeconds: number | null;
  fields: FieldErrors;
  /** The coded reasons of `fields`, worded by the page in the reader's language. */
  reasons: FieldReasons;
  values: Record<string, string>;
}

/** What an accounts form action returns when a request was accepted without leaving the page. */
export interface AccountSuccess {
  ok: true;
  form: string;
  email?: string;
}

/** The submitted fields without the CSRF token and passwords, to fill the form again. */
export function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k !== '_csrf' && typeof v === 'string' && !/password/i.test(k)) out[k] = v;
  return out;
}

/** A refused form as a 4xx (429 with Retry-After when rate-limited); unexpected errors are re-thrown. */
export function failure(error: unknown, form: string, values: Record<string, string>, rename: Record<string, string> = {}) {
  if (!(error instanceof AppError) || error.code === 'internal') throw error;
  const fields: FieldErrors = {};
  for (const [k, v] of Object.entries(error.fields)) fields[rename[k] ?? k] = v;
  const reasons: FieldReasons = {};
  for (const [k, v] of Object.entries(error.reasons)) reasons[rename[k] ?? k] = v;
  const retry = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : null;
  const status = httpStatusOf(error.code);
  const body: AccountFailure = {
    ok: false,
    form,
    message: error.message,
    reason: typeof error.details.reason === 'string' ? error.details.reason : null,
    retryAfterSeconds: retry,
    fields,
    reasons,
    values,
  };
  return data(body, { status, headers: retry ? { 'Retry-After': String(retry) } : undefined });
}

/** Reads a text field of a form. */
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/**
 * Helpers to show a failure in the reader's language: the summary message, the error of each
 * field (`accounts.invalid.<field>` when the catalogue has one, else its coded reason, else the
 * command's English) and the typed values. `fields` holds the worded errors for `ErrorSummary`.
 */
export function useFailure(result: AccountFailure | AccountSuccess | undefined, form: string) {
  const t = useT();
  const word = useReasonText();
  const failed = result && !result.ok && result.form === form ? result : null;
  const known = (id: string) => t(id) !== id;
  const message = failed
    ? failed.reason === 'rate_limited'
      ? t('accounts.error.rate_limited', { minutes: Math.max(1, Math.ceil((failed.retryAfterSeconds ?? 60) / 60)) })
      : failed.reason && known(`accounts.error.${failed.reason}`)
        ? t(`accounts.error.${failed.reason}`)
        : t('accounts.error.invalid')
    : undefined;
  const fieldError = (name: string): string | undefined => {
    if (!failed?.fields[name]) return undefined;
    if (failed.reason && failed.reason !== 'rate_limited') return message;
    const base = name.split('.').pop() ?? name;
    if (known(`accounts.invalid.${base}`)) return t(`accounts.invalid.${base}`);
    const reason = failed.reasons?.[name];
    return reason ? word(reason) : failed.fields[name];
  };
  const fields = failed ? Object.fromEntries(Object.keys(failed.fields).map((k) => [k, fieldError(k) ?? ''])) : undefined;
  const value = (name: string, fallback = '') => failed?.values[name] ?? fallback;
  return { failed, message, fields, fieldError, value };
}
