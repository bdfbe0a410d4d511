import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError } from '../../../kernel/errors.js';
import { alertLabel, confirmAlert, findAlertByToken, stopAlert } from '../commands/area-alerts.js';
import { pageTitle } from '../../../web/kit/page-title.js';

/** The two links of the alert mails: confirm (double opt-in) and stop. Opening a link changes nothing; its button does. */
type Step = 'confirm' | 'stop';

export const meta = ({ matches, params }: { matches: readonly ({ id: string; data?: unknown } | undefined)[]; params: { step?: string } }) =>
  pageTitle({ matches }, { id: params.step === 'stop' ? 'sr.alerts.stopTitle' : 'sr.alerts.confirmTitle' });

const stepOf = (s: string | undefined): Step => {
  if (s !== 'confirm' && s !== 'stop') throw data('not found', { status: 404 });
  return s;
};

/** Hides most of an address, so a forwarded link does not show whose it is in full. */
function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  return `${user.slice(0, 1)}…@${domain ?? ''}`;
}

export async function loader({ context, params, request }: LoaderArgs) {
  const step = stepOf(params.step);
  const url = new URL(request.url);
  const done = url.searchParams.get('done') === '1';
  if (done) return { step, done: true as const, valid: true as const, token: '', label: '', email: '' };
  const token = url.searchParams.get('token') ?? '';
  const alert = await findAlertByToken(context.deps.db, context.ctx.site.id, token);
  if (!alert) return data({ step, done: false as const, valid: false as const, token: '', label: '', email: '' }, { status: 404 });
  return { step, done: false as const, valid: true as const, token, label: alertLabel(alert, context.ctx.locale), email: maskEmail(alert.email) };
}

export async function action({ context, params, request }: ActionArgs) {
  const step = stepOf(params.step);
  const form = await request.formData();
  const token = String(form.get('token') ?? '');
  try {
    if (step === 'confirm') await confirmAlert(context.deps, context.ctx.site.id, token);
    else await stopAlert(context.deps, context.ctx.site.id, token);
    return redirect(`/service-requests/alerts/${step}?done=1`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return data({ failed: true as const }, { status: 404 });
    throw err;
  }
}

export default function AlertLinkPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const title = t(d.step === 'stop' ? 'sr.alerts.stopTitle' : 'sr.alerts.confirmTitle');
  if (d.done) {
    return (
      <>
        <h1>{title}</h1>
        <p role="status">{t(d.step === 'stop' ? 'sr.alerts.stopped' : 'sr.alerts.confirmed')}</p>
        <p>
          <a href="/service-requests">{t('sr.nav.home')}</a>
        </p>
      </>
    );
  }
  if (!d.valid || result) {
    return (
      <>
        <h1>{title}</h1>
        <p role="alert">{t('sr.alerts.invalid')}</p>
        <p>
          <a href="/service-requests/alerts">{t('sr.alerts.title')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <p>{t(d.step === 'stop' ? 'sr.alerts.stopText' : 'sr.alerts.confirmText', { label: d.label, email: d.email })}</p>
      <form method="post">
        <CsrfField />
        <input type="hidden" name="token" value={d.token} />
        <button type="submit">{t(d.step === 'stop' ? 'sr.alerts.stopButton' : 'sr.alerts.confirmButton')}</button>
      </form>
    </>
  );
}
