import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { decideEvent } from '../commands/decide-event.js';
import { eventDecisionsFor, EVENT_STATUSES } from '../core/events.js';
import { listEvents } from '../store/events.js';
import type { EventStatus } from '../store/tables.js';
import { consultationOr404, presentConsultation, presentEventView, readableEventOr404 } from './events.server.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.events.admin.title' });
}

const statusOf = (v: string | null): EventStatus => ((EVENT_STATUSES as readonly string[]).includes(v ?? '') ? (v as EventStatus) : 'proposed');

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  requirePagePermission(context, request, 'consultations.manage');
  const url = new URL(request.url);
  const status = statusOf(url.searchParams.get('status'));
  const rows = await listEvents(deps.db, ctx.site.id, consultation.id, { status });
  return {
    consultation: presentConsultation(consultation, ctx.locale, ctx.site.defaultLocale),
    status,
    done: url.searchParams.get('done'),
    events: rows.map((e) => ({ ...presentEventView(deps, ctx, e), decisions: eventDecisionsFor(e.status) })),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  requirePagePermission(context, request, 'consultations.manage');
  const form = await request.formData();
  const values = formValues(form);
  const id = String(form.get('event') ?? '');
  const decision = form.get('intent') === 'reject' ? 'reject' : 'approve';
  const event = await readableEventOr404(deps, ctx, consultation, id);
  try {
    await decideEvent(deps, ctx.site.id, {
      event,
      decision,
      editorId: ctx.actor.kind === 'user' ? ctx.actor.userId : '',
      reason: form.get(`reason-${event.id}`),
    });
    return redirect(`/consultations/${consultation.slug}/admin/events?status=${event.status}&done=${decision}`);
  } catch (e) {
    return formFailure(withFormFields(e, { reason: `reason-${event.id}` }), values, { event: event.id });
  }
}

export default function EventsAdminPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const err = useFieldErrors(failed);
  const base = `/consultations/${d.consultation.slug}`;
  return (
    <>
      <p>
        <a href={`${base}/events`}>{t('consultations.events.back')}</a>
      </p>
      <h1>{t('consultations.events.admin.title')}</h1>
      <p className="lead">{d.consultation.title}</p>
      <p>{t('consultations.events.admin.intro')}</p>
      {d.done && !failed && (
        <p className="notice" role="status">
          {t(d.done === 'reject' ? 'consultations.events.admin.rejected' : 'consultations.events.admin.approved')}
        </p>
      )}
      <nav className="admin-nav" aria-label={t('consultations.events.admin.statusFilter')}>
        <ul>
          {EVENT_STATUSES.map((s) => (
            <li key={s}>
              {s === d.status ? (
                <strong aria-current="page">{t(`consultations.events.status.${s}`)}</strong>
              ) : (
                <a href={`${base}/admin/events?status=${s}`}>{t(`consultations.events.status.${s}`)}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {d.events.length === 0 ? (
        <p role="status">{t('consultations.events.admin.none')}</p>
      ) : (
        <ul className="card-grid">
          {d.events.map((e) => {
            const mine = failed?.event === e.id ? failed : null;
            const reasonField = `reason-${e.id}`;
            return (
              <li key={e.id} className="card">
                <h2>
                  <a href={`${base}/events/${e.id}`}>{e.title}</a>
                </h2>
                <p>
                  {formatDate(e.startsAt, locale, 'datetime')} · {t(`consultations.events.format.${e.format}`)} · {e.language}
                </p>
                <p>
                  {e.online ? t('consultations.events.online') : e.placeName} · {e.region ? `${e.region}, ${e.countryName}` : e.countryName}
                </p>
                <p className="hint">{e.organiser}</p>
                {e.canEdit && (
                  <p>
                    <a href={`${base}/events/${e.id}/edit`}>{t('consultations.events.edit')}</a>
                  </p>
                )}
                {e.rejectReason && <p>{t('consultations.events.admin.reasonGiven', { reason: e.rejectReason })}</p>}
                {mine && <ErrorSummary {...mine} labels={{ [reasonField]: t('consultations.events.admin.reason') }} />}
                {e.decisions.includes('approve') && (
                  <form method="post">
                    <CsrfField />
                    <input type="hidden" name="event" value={e.id} />
                    <button type="submit" name="intent" value="approve">
                      {t('consultations.events.admin.approve')}
                    </button>
                  </form>
                )}
                {e.decisions.includes('reject') && (
                  <form method="post" noValidate>
                    <CsrfField />
                    <input type="hidden" name="event" value={e.id} />
                    <Field
                      name={reasonField}
                      label={t('consultations.events.admin.reason')}
                      hint={t('consultations.events.admin.reasonHint')}
                      error={mine ? err(reasonField) : undefined}
                    >
                      {(p) => <textarea {...p} rows={2} maxLength={2000} />}
                    </Field>
                    <button type="submit" name="intent" value="reject" className="secondary">
                      {t('consultations.events.admin.reject')}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
