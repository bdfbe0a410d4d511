import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { unsubscribe } from '../commands/update-request.js';
import { findSubscriptionByToken } from '../store/requests.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.unsubscribe.title' });

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

/** Hides most of an address, so a forwarded link does not show whose it is in full. */
function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  return `${user.slice(0, 1)}…@${domain ?? ''}`;
}

export async function loader({ context, request }: LoaderArgs) {
  const url = new URL(request.url);
  const done = url.searchParams.get('done') ?? '';
  if (isUuid(done)) return { done: true as const, valid: false as const, token: '', requestId: done, serviceCode: '', email: '' };
  const token = url.searchParams.get('token') ?? '';
  const sub = TOKEN.test(token) ? await findSubscriptionByToken(context.deps.db, context.ctx.site.id, token) : null;
  if (!sub) return data({ done: false as const, valid: false as const, token: '', requestId: '', serviceCode: '', email: '' }, { status: 404 });
  return { done: false as const, valid: true as const, token, requestId: sub.requestId, serviceCode: sub.serviceCode, email: maskEmail(sub.email) };
}

export async function action({ context, request }: ActionArgs) {
  const form = await request.formData();
  try {
    const { requestId } = await unsubscribe(context.deps, context.ctx.site.id, String(form.get('token') ?? ''));
    return redirect(`/service-requests/unsubscribe?done=${requestId}`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return data({ failed: true as const }, { status: 404 });
    throw err;
  }
}

export default function UnsubscribePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  if (d.done) {
    return (
      <>
        <h1>{t('sr.unsubscribe.title')}</h1>
        <p role="status">{t('sr.unsubscribe.done')}</p>
        <p>
          <a href={`/service-requests/reports/${d.requestId}`}>{t('sr.unsubscribe.seeReport')}</a>
        </p>
      </>
    );
  }
  if (!d.valid || result) {
    return (
      <>
        <h1>{t('sr.unsubscribe.title')}</h1>
        <p role="alert">{t('sr.unsubscribe.invalid')}</p>
        <p>
          <a href="/service-requests">{t('sr.nav.home')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('sr.unsubscribe.title')}</h1>
      <p>{t('sr.unsubscribe.confirm', { email: d.email, service: d.serviceCode })}</p>
      <form method="post">
        <CsrfField />
        <input type="hidden" name="token" value={d.token} />
        <button type="submit">{t('sr.unsubscribe.button')}</button>
      </form>
      <p>
        <a href={`/service-requests/reports/${d.requestId}`}>{t('sr.unsubscribe.seeReport')}</a>
      </p>
    </>
  );
}
