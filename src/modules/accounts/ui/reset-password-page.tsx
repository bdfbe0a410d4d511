import { redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { resetPassword } from '../commands/email-links.js';
import { sessionCookie } from '../commands/support.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.reset.title' });
}

export function loader({ request }: LoaderArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  try {
    const result = await resetPassword(deps, ctx.site.id, { token: field(form, 'token'), password: field(form, 'password') });
    return redirect('/account?reset=1', { headers: { 'Set-Cookie': sessionCookie(deps.env, result.token) } });
  } catch (error) {
    return failure(error, 'reset', typedValues(form));
  }
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  const { failed, message, fieldError, value } = useFailure(result, 'reset');
  // After a refused post the token comes back with the typed values, not in the address.
  const badLink = (!token && !failed?.values.token) || failed?.reason === 'token_invalid';
  return (
    <>
      <h1>{t('accounts.reset.title')}</h1>
      {badLink ? (
        <>
          <p className="error-summary" role="alert">
            {t('accounts.error.token_invalid')}
          </p>
          <p>
            <a href="/forgot-password">{t('accounts.reset.again')}</a>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary
            fields={fieldError('password') ? { password: fieldError('password') ?? '' } : undefined}
            message={message}
            labels={{ password: t('accounts.field.newPassword') }}
          />
          <form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="token" value={value('token', token)} />
            <Field
              name="password"
              label={t('accounts.field.newPassword')}
              hint={t('accounts.field.passwordHint')}
              error={fieldError('password')}
              required
            >
              {(p) => <input type="password" autoComplete="new-password" minLength={10} maxLength={200} {...p} />}
            </Field>
            <div className="actions">
              <button type="submit">{t('accounts.reset.submit')}</button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
