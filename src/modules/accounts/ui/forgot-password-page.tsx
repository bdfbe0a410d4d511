import { useActionData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs } from '../../../web/kit/route-args.js';
import { requestPasswordReset } from '../commands/email-links.js';
import { authRequestOf } from '../commands/support.js';
import { failure, field, typedValues, type AccountFailure, type AccountSuccess } from './helpers.js';
import { EmailLinkForm } from './resend-form.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.forgot.title' });
}

export function loader() {
  return null;
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  try {
    await requestPasswordReset(deps, ctx.site.id, { email: field(form, 'email') }, authRequestOf(deps, ctx));
    return { ok: true, form: 'reset', email: field(form, 'email').trim().toLowerCase() } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'reset', typedValues(form));
  }
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  return (
    <>
      <h1>{t('accounts.forgot.title')}</h1>
      <p className="lead">{t('accounts.forgot.intro')}</p>
      <EmailLinkForm result={result} form="reset" title={t('accounts.field.email')} submit={t('accounts.forgot.submit')} />
    </>
  );
}
