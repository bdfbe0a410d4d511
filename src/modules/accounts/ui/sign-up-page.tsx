import { redirect, useActionData, useLoaderData } from 'react-router';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { currentLegalVersions } from '../commands/legal.js';
import { signUp } from '../commands/sign-up.js';
import { authRequestOf } from '../commands/support.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.signUp.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  const next = safeRedirectPath(new URL(request.url).searchParams.get('next'), '');
  if (context.ctx.actor.kind === 'user') throw redirect(next || '/account');
  return { next, versions: await currentLegalVersions(context.deps, context.ctx.site.id) };
}

/** A version number sent back by the form, or undefined (the current one applies). */
function versionField(form: FormData, name: string): number | undefined {
  const v = field(form, name);
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = typedValues(form);
  try {
    const input = {
      email: field(form, 'email'),
      name: field(form, 'name'),
      password: field(form, 'password'),
      locale: ctx.locale as never,
      consent: (form.get('consent') !== null) as true,
      termsVersion: versionField(form, 'termsVersion'),
      privacyVersion: versionField(form, 'privacyVersion'),
      next: field(form, 'next') || undefined,
    };
    await signUp(deps, ctx.site.id, input, authRequestOf(deps, ctx));
    return { ok: true, form: 'sign-up', email: input.email.trim().toLowerCase() } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'sign-up', values);
  }
}

export default function SignUpPage() {
  const { next, versions } = useLoaderData<typeof loader>();
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
      <ErrorSummary
        fields={fields}
        message={message}
        labels={{
          name: t('accounts.field.name'),
          email: t('accounts.field.email'),
          password: t('accounts.field.password'),
          consent: t('accounts.signUp.consent'),
        }}
      />
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
        <input type="hidden" name="next" value={value('next', next)} />
        <input type="hidden" name="termsVersion" value={versions.terms} />
        <input type="hidden" name="privacyVersion" value={versions.privacy} />
        <div className={fieldError('consent') ? 'field field-error' : 'field'} id="field-consent-group">
          {fieldError('consent') && (
            <p className="error" id="field-consent-error">
              {fieldError('consent')}
            </p>
          )}
          <div className="choice">
            <input
              type="checkbox"
              id="field-consent"
              name="consent"
              value="yes"
              required
              aria-invalid={fieldError('consent') ? true : undefined}
              aria-describedby={fieldError('consent') ? 'field-consent-error' : undefined}
              defaultChecked={value('consent') === 'yes'}
            />
            <label htmlFor="field-consent">{t('accounts.signUp.consent')}</label>
          </div>
          <p className="hint">
            <a href="/terms">{t('accounts.legal.terms.title')}</a> · <a href="/privacy">{t('accounts.legal.privacy.title')}</a>
          </p>
        </div>
        <div className="actions">
          <button type="submit">{t('accounts.signUp.submit')}</button>
        </div>
      </form>
      <p>
        {t('accounts.signUp.haveAccount')}{' '}
        <a href={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>{t('accounts.signUp.signInLink')}</a>
      </p>
    </>
  );
}
