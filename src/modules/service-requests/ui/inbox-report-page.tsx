import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues, type FormFailure, withFormFields } from '../../../web/kit/actions.js';
import { AppError } from '../../../kernel/errors.js';
import { nextStatuses } from '../core/status.js';
import { listAgencyStaff } from '../../accounts/index.js';
import { findNearbyOpen } from '../commands/nearby.js';
import { changeRequest, requireRequest } from '../commands/update-request.js';
import { listPhotoUploadIds, listUpdates } from '../store/requests.js';
import type { RequestRow } from '../store/tables.js';
import { loadCatalogue, presentCards } from './data.server.js';
import { StatusLabel, useDate, useReportName } from './shared.js';
import { requireStaff } from './staff.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.inbox.reportTitle' });

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

/**
 * Who made the report, as the staff handling it see it: the name, e-mail and phone the reporter
 * gave (the form promises staff see them; the public page never shows them), or null when none
 * was given. "Anonymous" on the form hides the reporter from the public and from their account,
 * not from the staff they wrote to.
 */
function presentReporter(row: RequestRow): { name: string; email: string | null; phone: string | null } | null {
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
  return name || row.email || row.phone ? { name, email: row.email, phone: row.phone } : null;
}

/** The form field of each input of `changeRequest`. */
const FORM_FIELD: Record<string, string> = { duplicateOf: 'duplicate_of', referredTo: 'referred_to', serviceCode: 'service', assignedTo: 'assign' };

/** How far around a report the duplicate picker looks for open reports of the same service. */
const DUPLICATE_RADIUS_M = 500;

export async function loader({ context, params, request }: LoaderArgs) {
  const row = await loadOwn(context, request, params.id ?? '');
  const { deps, ctx } = context;
  const [catalogue, updates, photos, staff, nearby] = await Promise.all([
    loadCatalogue(deps, ctx.site, ctx.locale),
    listUpdates(deps.db, ctx.site.id, row.id, true),
    listPhotoUploadIds(deps.db, ctx.site.id, row.id),
    row.agencyId ? listAgencyStaff(deps.db, ctx.site.id, row.agencyId) : Promise.resolve([]),
    row.lat !== null && row.lon !== null
      ? findNearbyOpen(deps.db, ctx.site.id, row.serviceCode, row.lat, row.lon, DUPLICATE_RADIUS_M)
      : Promise.resolve([]),
  ]);
  const [card] = presentCards([row], catalogue.services, catalogue.agencyNames);
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const assignee = staff.find((p) => p.id === row.assignedTo);
  return {
    report: {
      ...card,
      description: row.description,
      attributes: row.attributes,
      assignedToMe: !!me && row.assignedTo === me,
      assigned: !!row.assignedTo,
      assigneeName: assignee ? assignee.name || assignee.email : null,
    },
    saved: new URL(request.url).searchParams.get('saved') === '1',
    staff: staff.map((p) => ({ id: p.id, label: p.name && p.name !== p.email ? `${p.name} (${p.email})` : p.email, me: p.id === me })),
    meIsStaff: staff.some((p) => p.id === me),
    nearby: nearby
      .filter((n) => n.id !== row.id)
      .map((n) => ({
        id: n.id,
        address: n.address,
        distance: Math.round(n.distance),
        requestedAt: n.requestedAt.toISOString(),
        meToo: n.meTooCount,
      })),
    otherAgencies: catalogue.agencies.filter((a) => a.id !== row.agencyId),
    reporter: presentReporter(row),
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
    const updated = await changeRequest(
      deps,
      ctx.site.id,
      row.id,
      {
        status: s('status') || undefined,
        text: s('text'),
        visibility: s('visibility') === 'internal' ? 'internal' : 'public',
        // A report picked from the nearby list wins over a typed id.
        duplicateOf: s('duplicate_pick') || s('duplicate_of') || undefined,
        referredTo: s('referred_to') || undefined,
        serviceCode: s('service') || undefined,
        ...(assign === 'me' ? { assignedTo: me } : assign === 'nobody' ? { assignedTo: null } : assign ? { assignedTo: assign } : {}),
      },
      me,
      ctx.origin,
    );
    // Handed to an agency the actor does not work for: back to their inbox, which says so.
    const { agencyIds } = requireStaff(context, request);
    if (agencyIds && (!updated.agencyId || !agencyIds.includes(updated.agencyId))) return redirect('/service-requests/inbox?handed=1');
    return redirect(`/service-requests/inbox/${row.id}?saved=1`);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw data('not found', { status: 404 });
    // The command names its inputs; the summary links to the form's fields.
    if (err instanceof AppError) return formFailure(withFormFields(err, FORM_FIELD), values);
    return formFailure(err, values);
  }
}

export default function InboxReportPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = {
    status: t('sr.inbox.newStatus'),
    duplicate_of: t('sr.inbox.report.duplicateId'),
    referred_to: t('sr.inbox.report.referredAgency'),
    service: t('sr.inbox.changeService'),
    assign: t('sr.inbox.assign'),
    text: t('sr.inbox.text'),
    visibility: t('sr.inbox.visibility'),
  };
  const reportName = useReportName();
  const date = useDate();
  const r = d.report;
  const v = (k: string) => {
    const x = failed?.values?.[k];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  return (
    <>
      <p>
        <a href="/service-requests/inbox">{t('sr.inbox.title')}</a>
      </p>
      <h1>{reportName(r)}</h1>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      {d.saved && !failed && (
        <p role="status" className="notice">
          {t('sr.inbox.report.saved')}
        </p>
      )}
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
        <Field name="status" label={labels.status} error={err('status')}>
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
        <fieldset>
          <legend>{t('sr.inbox.duplicateOf')}</legend>
          <p className="hint">{t('sr.inbox.duplicateHint')}</p>
          {d.nearby.length > 0 ? (
            <Field name="duplicate_pick" label={t('sr.inbox.report.nearbyPick', { meters: DUPLICATE_RADIUS_M })}>
              {(p) => (
                <select {...p} defaultValue={v('duplicate_pick')}>
                  <option value="">{t('sr.inbox.report.nearbyNone')}</option>
                  {d.nearby.map((n) => (
                    <option key={n.id} value={n.id}>
                      {t('sr.inbox.report.nearbyOption', {
                        place: n.address || n.id.slice(0, 8),
                        meters: n.distance,
                        date: date(n.requestedAt),
                      })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p>{t('sr.inbox.report.nearbyEmpty', { meters: DUPLICATE_RADIUS_M })}</p>
          )}
          <Field name="duplicate_of" label={labels.duplicate_of} error={err('duplicate_of')}>
            {(p) => <input {...p} type="text" defaultValue={v('duplicate_of')} />}
          </Field>
        </fieldset>
        <Field name="referred_to" label={labels.referred_to} hint={t('sr.inbox.report.referredHint')} error={err('referred_to')}>
          {(p) => (
            <select {...p} defaultValue={v('referred_to')}>
              <option value="">{t('sr.inbox.report.chooseAgency')}</option>
              {d.otherAgencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="service" label={labels.service} hint={t('sr.inbox.changeServiceHint')} error={err('service')}>
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
        <Field name="assign" label={labels.assign} error={err('assign')}>
          {(p) => (
            <select {...p} defaultValue={v('assign')}>
              <option value="">
                {r.assignedToMe
                  ? t('sr.inbox.assignedToMe')
                  : r.assigneeName
                    ? t('sr.inbox.report.assignedTo', { name: r.assigneeName })
                    : r.assigned
                      ? t('sr.inbox.assignedOther')
                      : t('sr.inbox.unassigned')}
              </option>
              {!d.meIsStaff && <option value="me">{t('sr.inbox.assignMe')}</option>}
              {d.staff.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.me ? t('sr.inbox.report.staffMe', { name: p.label }) : p.label}
                </option>
              ))}
              <option value="nobody">{t('sr.inbox.unassign')}</option>
            </select>
          )}
        </Field>
        <Field name="text" label={labels.text} error={err('text')}>
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
