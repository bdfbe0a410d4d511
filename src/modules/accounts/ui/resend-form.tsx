import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';

/**
 * "Email me a link again": one email field and a button; the page's action answers with the same
 * words whether or not the email has an account. `next`, when given, rides along (a hidden field)
 * so the emailed link leads where the person was going.
 */
export function EmailLinkForm({
  result,
  form,
  title,
  submit,
  next,
}: {
  result: AccountFailure | AccountSuccess | undefined;
  form: string;
  title: string;
  submit: string;
  next?: string;
}) {
  const t = useT();
  const { message, fields, fieldError, value } = useFailure(result, form);
  if (result?.ok && result.form === form) {
    return (
      <p className="notice" role="status">
        {t('accounts.linkSent', { email: result.email ?? '' })}
      </p>
    );
  }
  return (
    <section aria-labelledby={`${form}-title`}>
      <h2 id={`${form}-title`}>{title}</h2>
      <ErrorSummary fields={fields} message={message} labels={{ email: t('accounts.field.email') }} />
      <form method="post" noValidate>
        <CsrfField />
        {(next || value('next')) && <input type="hidden" name="next" value={value('next', next)} />}
        <Field name="email" label={t('accounts.field.email')} error={fieldError('email')} required>
          {(p) => <input type="email" autoComplete="email" inputMode="email" {...p} defaultValue={value('email')} />}
        </Field>
        <div className="actions">
          <button type="submit">{submit}</button>
        </div>
      </form>
    </section>
  );
}
