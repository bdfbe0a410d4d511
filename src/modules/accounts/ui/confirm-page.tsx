import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { confirmEmail, resendConfirmation } from '../commands/email-links.js';
import { authRequestOf, sessionCookie } from '../commands/support.js';
import { failure, field, typedValues, type AccountFailure, type AccountSuccess } from './helpers.js';
import { EmailLinkForm } from './resend-form.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.confirm.title' });
}

/** Opening the emailed link confirms the email, signs in, and goes on to the link's `next` or shows the result at /confirm?done=1. */
export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const params = new URL(request.url).searchParams;
  const token = params.get('token');
  if (token) {
    try {
      const result = await confirmEmail(deps, ctx.site.id, { token });
      // The link carries where the person was going when they signed up (a path on this site only).
      const next = safeRedirectPath(params.get('next'), '');
      return redirect(next || '/confirm?done=1', { headers: { 'Set-Cookie': sessionCookie(deps.env, result.token) } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A new link asked for here still leads where the old one did.
      return data({ state: 'invalid' as const, name: '', next: safeRedirectPath(params.get('next'), '') }, { status: 400 });
    }
  }
  if (params.get('done') && ctx.actor.kind === 'user') return { state: 'done' as const, name: ctx.actor.name, next: '' };
  return { state: 'ask' as const, name: '', next: safeRedirectPath(params.get('next'), '') };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  try {
    await resendConfirmation(deps, ctx.site.id, { email: field(form, 'email'), next: field(form, 'next') || undefined }, authRequestOf(deps, ctx));
    return { ok: true, form: 'resend', email: field(form, 'email').trim().toLowerCase() } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'resend', typedValues(form));
  }
}

export default function ConfirmPage() {
  const { state, name, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  return (
    <>
      <h1>{t('accounts.confirm.title')}</h1>
      {state === 'done' ? (
        <>
          <p role="status">{t('accounts.confirm.done', { name })}</p>
          <p>
            <a href="/">{t('accounts.continue')}</a>
          </p>
        </>
      ) : (
        <>
          {state === 'invalid' && <p className="error-summary">{t('accounts.error.token_invalid')}</p>}
          <EmailLinkForm result={result} form="resend" title={t('accounts.confirm.resendTitle')} submit={t('accounts.signIn.resend')} next={next} />
        </>
      )}
    </>
  );
}
