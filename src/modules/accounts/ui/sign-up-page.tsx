import { redirect, useActionData } from 'react-router';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { signUp } from '../commands/sign-up.js';
import { authRequestOf } from '../commands/support.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.signUp.title' });
}

export function loader({ context }: LoaderArgs) {
  if (context.ctx.actor.kind === 'user') throw redirect('/account');
  return null;
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = typedValues(form);
  try {
    const input = { email: field(form, 'email'), name: field(form, 'name'), password: field(form, 'password'), locale: ctx.locale as never };
    await signUp(deps, ctx.site.id, input, authRequestOf(deps, ctx));
    return { ok: true, form: 'sign-up', email: input.email.trim().toLowerCase() } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'sign-up', values);
  }
}

export default function SignUpPage() {
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  const { message, fields, fieldError, value } = useFailure(result, 'sign-up');
  if (result?.ok) {
    return (
      <>
        <h1>{t('accounts.signUp.sentTitle')}</h1>
        <p role="status">{t('accounts.signUp.sentBody', { email: result.email ?? '' })}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('accounts.signUp.title')}</h1>
      <p className="lead">{t('accounts.signUp.intro')}</p>
      <ErrorSummary fields={fields} message={message} />
      <form method="post" noValidate>
        <CsrfField />
        <Field name="name" label={t('accounts.field.name')} hint={t('accounts.field.nameHint')} error={fieldError('name')} required>
          {(p) => <input type="text" autoComplete="name" maxLength={100} {...p} defaultValue={value('name')} />}
        </Field>
        <Field name="email" label={t('accounts.field.email')} error={fieldError('email')} required>
          {(p) => <input type="email" autoComplete="email" inputMode="email" maxLength={254} {...p} defaultValue={value('email')} />}
        </Field>
        <Field name="password" label={t('accounts.field.password')} hint={t('accounts.field.passwordHint')} error={fieldError('password')} required>
          {(p) => <input type="password" autoComplete="new-password" minLength={10} maxLength={200} {...p} />}
        </Field>
        <div className="actions">
          <button type="submit">{t('accounts.signUp.submit')}</button>
        </div>
      </form>
      <p>
        {t('accounts.signUp.haveAccount')} <a href="/sign-in">{t('accounts.signUp.signInLink')}</a>
      </p>
    </>
  );
}
