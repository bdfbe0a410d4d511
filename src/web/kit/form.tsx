import { useId, type ReactNode } from 'react';
import { INVALID_INPUT_MESSAGE, type FieldErrors, type FieldReasons, type Reason } from '../../kernel/errors.js';
import { formatMoney } from './format.js';
import { useRoot, useT } from './i18n.js';

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = useRoot();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

/** What a page knows of a refused form: English texts (the API's) and their coded reasons. */
export interface FormErrors {
  fields?: FieldErrors;
  reasons?: FieldReasons;
  message?: string;
  reason?: Reason;
}

/**
 * Words a coded reason in the reader's language: message `<prefix>.<reason>` (default
 * `error.field.<reason>`), with numbers formatted by the message and money formatted for the locale.
 * An unknown reason reads as the generic `error.field.invalid`.
 */
export function useReasonText(): (reason: Reason, prefix?: string) => string {
  const t = useT();
  const { locale } = useRoot();
  return (reason, prefix = 'error.field') => {
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(reason.values ?? {})) values[k] = typeof v === 'object' ? formatMoney(v.amount, v.currency, locale) : v;
    // The reason's own message under `prefix`, else its field message, else the generic one.
    for (const id of [`${prefix}.${reason.reason}`, `error.field.${reason.reason}`]) {
      const text = t(id, values);
      if (text !== id) return text;
    }
    return t('error.field.invalid');
  };
}

/**
 * The error to show next to each field: the coded reason in the reader's language, else the
 * English text the command gave.
 */
export function useFieldErrors(errors: FormErrors | null | undefined): (name: string) => string | undefined {
  const word = useReasonText();
  return (name) => {
    const reason = errors?.reasons?.[name];
    return reason ? word(reason) : errors?.fields?.[name];
  };
}

/** What was typed into field `name` of a refused form (its values come back with the failure), else `fallback`. */
export function typedValue(failure: { values: Record<string, string | string[]> } | null | undefined, name: string, fallback = ''): string {
  return String(failure?.values[name] ?? fallback);
}

interface ErrorSummaryProps extends FormErrors {
  /** Field name (as in `fields`) to its visible label on this page. */
  labels?: Record<string, string>;
}

/**
 * A summary of errors at the top of a form, announced to screen readers, linking to each field.
 * Each field is named by its visible label (`labels`), never by its internal name; its reason is
 * worded in the reader's language when coded. A refused name without a label (no input of the
 * page holds it) is said without a link.
 */
export function ErrorSummary({ fields, reasons, message, reason, labels }: ErrorSummaryProps) {
  const t = useT();
  const word = useReasonText();
  const names = [...new Set([...Object.keys(fields ?? {}), ...Object.keys(reasons ?? {})])];
  if (!message && !reason && names.length === 0) return null;
  // The heading in the reader's language: the coded reason, else the generic one when the fields
  // say why in words (a command's English message is the last resort).
  const worded = names.length > 0 && (message === INVALID_INPUT_MESSAGE || Object.keys(reasons ?? {}).length > 0);
  const title = reason ? word(reason, 'error.reason') : !message || worded ? t('form.errorsTitle') : message;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{title}</h2>
      {names.length > 0 && (
        <ul>
          {names.map((name) => {
            const text = reasons?.[name] ? word(reasons[name]) : (fields?.[name] ?? '');
            const label = labels?.[name];
            // A field refused for the very reason the heading gives is linked without saying it twice.
            const shown = text === title ? (label ?? text) : label ? t('form.fieldError', { label, error: text }) : text;
            // Only a labelled field has an input on the page to go to; the others are said, not linked.
            return <li key={name}>{label ? <a href={`#field-${name}`}>{shown}</a> : shown}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  /** The input's id, when several forms of a page share field names (default `field-<name>`, what error summaries link to). */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (props: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; required?: boolean }) => ReactNode;
}

/** A labelled form field with its hint and its error next to it, wired for screen readers. */
export function Field({ name, id = `field-${name}`, label, hint, error, required, children }: FieldProps) {
  const uid = useId();
  const hintId = hint ? `${uid}-hint` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      {children({ id, name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
    </div>
  );
}
