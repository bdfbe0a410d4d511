import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { requestMagicLink, signInWithLink } from '../commands/email-links.js';
import { authRequestOf, sessionCookie } from '../commands/support.js';
import { failure, field, typedValues, type AccountFailure, type AccountSuccess } from './helpers.js';
import { EmailLinkForm } from './resend-form.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.link.title' });
}

/** Opening the emailed sign-in link signs in and goes on to `next` (a path on this site) or home. */
export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const params = new URL(request.url).searchParams;
  const token = params.get('token');
  if (!token) return { invalid: false };
  try {
    const result = await signInWithLink(deps, ctx.site.id, { token });
    return redirect(safeRedirectPath(params.get('next')), { headers: { 'Set-Cookie': sessionCookie(deps.env, result.token) } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return data({ invalid: true }, { status: 400 });
  }
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  try {
    await requestMagicLink(deps, ctx.site.id, { email: field(form, 'email') }, authRequestOf(deps, ctx));
    return { ok: true, form: 'link', email: field(form, 'email').trim().toLowerCase() } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'link', typedValues(form));
  }
}

export default function SignInLinkPage() {
  const { invalid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  return (
    <>
      <h1>{t('accounts.link.title')}</h1>
      {invalid && <p className="error-summary">{t('accounts.error.token_invalid')}</p>}
      <p>{t('accounts.signIn.linkIntro')}</p>
      <EmailLinkForm result={result} form="link" title={t('accounts.link.again')} submit={t('accounts.signIn.linkSubmit')} />
    </>
  );
}
