import { useId, type ReactNode } from 'react';
import { useRoot, useT } from './i18n.js';

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = useRoot();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

/**
 * A summary of errors at the top of a form, announced to screen readers, linking to each field.
 * `labels` names the fields by their visible labels (else by their names).
 */
export function ErrorSummary({ fields, message, labels }: { fields?: Record<string, string>; message?: string; labels?: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(fields ?? {});
  if (!message && entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{message ?? t('form.errorsTitle')}</h2>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, reason]) => (
            <li key={name}>
              <a href={`#field-${name}`}>{`${labels?.[name] ?? name}: ${reason}`}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (props: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; required?: boolean }) => ReactNode;
}

/** A labelled form field with its hint and its error next to it, wired for screen readers. */
export function Field({ name, label, hint, error, required, children }: FieldProps) {
  const uid = useId();
  const hintId = hint ? `${uid}-hint` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={`field-${name}`}>
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
      {children({ id: `field-${name}`, name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
    </div>
  );
}
