import { redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { requestMagicLink, resendConfirmation } from '../commands/email-links.js';
import { signIn } from '../commands/sign-in.js';
import { authRequestOf, sessionCookie } from '../commands/support.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.signIn.title' });
}

export function loader({ context, request }: LoaderArgs) {
  const next = safeRedirectPath(new URL(request.url).searchParams.get('next'), '');
  if (context.ctx.actor.kind === 'user') throw redirect(next || '/');
  return { next };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = typedValues(form);
  const intent = field(form, 'intent');
  const req = authRequestOf(deps, ctx);
  if (intent === 'link') {
    try {
      await requestMagicLink(deps, ctx.site.id, { email: field(form, 'linkEmail') }, req);
      return { ok: true, form: 'link', email: field(form, 'linkEmail').trim().toLowerCase() } satisfies AccountSuccess;
    } catch (error) {
      return failure(error, 'link', values, { email: 'linkEmail' });
    }
  }
  if (intent === 'resend') {
    try {
      await resendConfirmation(deps, ctx.site.id, { email: field(form, 'email'), next: field(form, 'next') || undefined }, req);
      return { ok: true, form: 'resend', email: field(form, 'email').trim().toLowerCase() } satisfies AccountSuccess;
    } catch (error) {
      return failure(error, 'password', values);
    }
  }
  try {
    const result = await signIn(deps, ctx.site.id, { email: field(form, 'email'), password: field(form, 'password') }, req);
    return redirect(safeRedirectPath(field(form, 'next')), { headers: { 'Set-Cookie': sessionCookie(deps.env, result.token) } });
  } catch (error) {
    return failure(error, 'password', values);
  }
}

export default function SignInPage() {
  const { next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  const password = useFailure(result, 'password');
  const link = useFailure(result, 'link');
  const sent = result?.ok ? result : null;
  return (
    <>
      <h1>{t('accounts.signIn.title')}</h1>
      {sent && (
        <p className="notice" role="status">
          {t('accounts.linkSent', { email: sent.email ?? '' })}
        </p>
      )}
      <section aria-labelledby="sign-in-password">
        <h2 id="sign-in-password">{t('accounts.signIn.passwordTitle')}</h2>
        <ErrorSummary
          fields={password.fields}
          message={password.message}
          labels={{ email: t('accounts.field.email'), password: t('accounts.field.password') }}
        />
        {password.failed?.reason === 'email_not_confirmed' && (
          <form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="resend" />
            <input type="hidden" name="email" value={password.value('email')} />
            <input type="hidden" name="next" value={password.value('next', next)} />
            <button type="submit">{t('accounts.signIn.resend')}</button>
          </form>
        )}
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="next" value={password.value('next', next)} />
          <Field name="email" label={t('accounts.field.email')} error={password.fieldError('email')} required>
            {(p) => <input type="email" autoComplete="username" inputMode="email" {...p} defaultValue={password.value('email')} />}
          </Field>
          <Field name="password" label={t('accounts.field.password')} error={password.fieldError('password')} required>
            {(p) => <input type="password" autoComplete="current-password" {...p} />}
          </Field>
          <div className="actions">
            <button type="submit">{t('accounts.signIn.submit')}</button>
          </div>
        </form>
        <p>
          <a href="/forgot-password">{t('accounts.signIn.forgot')}</a>
        </p>
      </section>
      <section aria-labelledby="sign-in-link">
        <h2 id="sign-in-link">{t('accounts.signIn.linkTitle')}</h2>
        <p>{t('accounts.signIn.linkIntro')}</p>
        <ErrorSummary fields={link.fields} message={link.message} labels={{ linkEmail: t('accounts.field.email') }} />
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="link" />
          <Field name="linkEmail" label={t('accounts.field.email')} error={link.fieldError('linkEmail')} required>
            {(p) => <input type="email" autoComplete="email" inputMode="email" {...p} defaultValue={link.value('linkEmail')} />}
          </Field>
          <div className="actions">
            <button type="submit">{t('accounts.signIn.linkSubmit')}</button>
          </div>
        </form>
      </section>
      <p>
        {t('accounts.signIn.noAccount')}{' '}
        <a href={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>{t('accounts.signIn.signUpLink')}</a>
      </p>
    </>
  );
}
