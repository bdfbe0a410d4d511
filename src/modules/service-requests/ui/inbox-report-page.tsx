import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { AppError } from '../../../kernel/errors.js';
import { nextStatuses } from '../core/status.js';
import { changeRequest, requireRequest } from '../commands/update-request.js';
import { listPhotoUploadIds, listUpdates } from '../store/requests.js';
import type { RequestRow } from '../store/tables.js';
import { loadCatalogue, presentCards } from './data.server.js';
import { StatusLabel, titleOf, useDate } from './shared.js';
import { requireStaff } from './staff.server.js';

export const meta = ({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) => titleOf(matches, 'sr.inbox.reportTitle');

async function loadOwn(context: LoaderArgs['context'], request: Request, id: string): Promise<RequestRow> {
  const { agencyIds } = requireStaff(context, request);
  let row: RequestRow;
  try {
    row = await requireRequest(context.deps.db, context.ctx.site.id, id);
  } catch {
    throw data('not found', { status: 404 });
  }
  if (agencyIds && (!row.agencyId || !agencyIds.includes(row.agencyId))) throw data('forbidden', { status: 403 });
  return row;
}

export async function loader({ context, params, request }: LoaderArgs) {
  const row = await loadOwn(context, request, params.id ?? '');
  const { deps, ctx } = context;
  const [catalogue, updates, photos] = await Promise.all([
    loadCatalogue(deps, ctx.site, ctx.locale),
    listUpdates(deps.db, ctx.site.id, row.id, true),
    listPhotoUploadIds(deps.db, ctx.site.id, row.id),
  ]);
  const [card] = presentCards([row], catalogue.services, catalogue.agencyNames);
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return {
    report: {
      ...card,
      description: row.description,
      attributes: row.attributes,
      assignedToMe: !!me && row.assignedTo === me,
      assigned: !!row.assignedTo,
    },
    reporter: row.anonymous ? null : { name: [row.firstName, row.lastName].filter(Boolean).join(' '), email: row.email, phone: row.phone },
    next: nextStatuses(row.status),
    services: catalogue.services.map((s) => ({ code: s.code, name: s.name })),
    updates: updates.map((u) => ({ id: u.id, visibility: u.visibility, statusTo: u.statusTo, text: u.text, at: u.createdAt.toISOString() })),
    photos,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const row = await loadOwn(context, request, params.id ?? '');
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const s = (k: string) => String(form.get(k) ?? '').trim();
  try {
    const assign = s('assign');
    await changeRequest(
      deps,
      ctx.site.id,
      row.id,
      {
        status: s('status') || undefined,
        text: s('text'),
        visibility: s('visibility') === 'internal' ? 'internal' : 'public',
        duplicateOf: s('duplicate_of') || undefined,
        referredTo: s('referred_to') || undefined,
        serviceCode: s('service') || undefined,
        ...(assign === 'me' ? { assignedTo: me } : assign === 'nobody' ? { assignedTo: null } : {}),
      },
      me,
      ctx.origin,
    );
    return redirect(`/service-requests/inbox/${row.id}?saved=1`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw data('not found', { status: 404 });
    return formFailure(err, values);
  }
}

export default function InboxReportPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as { message: string; fields: Record<string, string>; values: Record<string, string> } | undefined;
  const t = useT();
  const date = useDate();
  const r = d.report;
  const v = (k: string) => failed?.values?.[k] ?? '';
  return (
    <>
      <p>
        <a href="/service-requests/inbox">{t('sr.inbox.title')}</a>
      </p>
      <h1>
        {r.serviceName}: {r.address || `${r.lat ?? ''}, ${r.lon ?? ''}`}
      </h1>
      {failed && <ErrorSummary fields={failed.fields} message={failed.message} />}
      <dl className="facts">
        <dt>{t('sr.report.status')}</dt>
        <dd>
          <StatusLabel status={r.status} />
        </dd>
        <dt>{t('sr.report.agency')}</dt>
        <dd>{r.agencyName ?? t('sr.report.noAgency')}</dd>
        <dt>{t('sr.report.reported')}</dt>
        <dd>{date(r.requestedAt)}</dd>
        <dt>{t('sr.report.expected')}</dt>
        <dd>{date(r.expectedAt)}</dd>
        <dt>{t('sr.report.meToo')}</dt>
        <dd>{t('sr.report.meTooCount', { count: r.meTooCount })}</dd>
        <dt>{t('sr.inbox.reporter')}</dt>
        <dd>{d.reporter ? [d.reporter.name, d.reporter.email, d.reporter.phone].filter(Boolean).join(' · ') || '—' : t('sr.inbox.anonymous')}</dd>
      </dl>
      {r.description && <p>{r.description}</p>}
      <p>
        <a href={`/service-requests/reports/${r.id}`}>{t('sr.inbox.publicPage')}</a>
      </p>
      {d.photos.map((p, i) => (
        <img
          key={p}
          src={`/library/files/${p}`}
          alt={t('sr.report.photoAlt', { n: i + 1, service: r.serviceName })}
          style={{ maxWidth: '100%', maxHeight: 240 }}
        />
      ))}
      <h2>{t('sr.inbox.change')}</h2>
      <form method="post">
        <CsrfField />
        <Field name="status" label={t('sr.inbox.newStatus')} error={failed?.fields?.status}>
          {(p) => (
            <select {...p} defaultValue={v('status')}>
              <option value="">{t('sr.inbox.keepStatus')}</option>
              {d.next.map((s) => (
                <option key={s} value={s}>
                  {t(`sr.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="duplicate_of" label={t('sr.inbox.duplicateOf')} hint={t('sr.inbox.duplicateHint')} error={failed?.fields?.duplicateOf}>
          {(p) => <input {...p} type="text" defaultValue={v('duplicate_of')} />}
        </Field>
        <Field name="referred_to" label={t('sr.inbox.referredTo')} error={failed?.fields?.referredTo}>
          {(p) => <input {...p} type="text" defaultValue={v('referred_to')} />}
        </Field>
        <Field name="service" label={t('sr.inbox.changeService')} hint={t('sr.inbox.changeServiceHint')} error={failed?.fields?.serviceCode}>
          {(p) => (
            <select {...p} defaultValue={v('service')}>
              <option value="">{t('sr.inbox.keepService')}</option>
              {d.services
                .filter((s) => s.code !== r.serviceCode)
                .map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field name="assign" label={t('sr.inbox.assign')}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">
                {r.assignedToMe ? t('sr.inbox.assignedToMe') : r.assigned ? t('sr.inbox.assignedOther') : t('sr.inbox.unassigned')}
              </option>
              <option value="me">{t('sr.inbox.assignMe')}</option>
              <option value="nobody">{t('sr.inbox.unassign')}</option>
            </select>
          )}
        </Field>
        <Field name="text" label={t('sr.inbox.text')} error={failed?.fields?.text}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} defaultValue={v('text')} />}
        </Field>
        <fieldset>
          <legend>{t('sr.inbox.visibility')}</legend>
          <label className="choice">
            <input type="radio" name="visibility" value="public" defaultChecked={v('visibility') !== 'internal'} /> {t('sr.inbox.public')}
          </label>
          <label className="choice">
            <input type="radio" name="visibility" value="internal" defaultChecked={v('visibility') === 'internal'} /> {t('sr.inbox.internal')}
          </label>
        </fieldset>
        <button type="submit">{t('sr.inbox.save')}</button>
      </form>
      <h2>{t('sr.report.timeline')}</h2>
      <ol className="timeline">
        {d.updates.map((u) => (
          <li key={u.id}>
            <time dateTime={u.at}>{date(u.at)}</time>:{' '}
            {u.statusTo
              ? t('sr.report.statusChange', { status: t(`sr.status.${u.statusTo}`) })
              : u.visibility === 'internal'
                ? t('sr.inbox.internalNote')
                : t('sr.report.update')}
            {u.text && <p>{u.text}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
