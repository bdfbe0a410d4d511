import { useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues, type FormFailure, withFormFields } from '../../../web/kit/actions.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { STATUSES, type Status } from '../core/status.js';
import { isOverdue } from '../core/stats.js';
import { changeRequests } from '../commands/update-request.js';
import { findRequest, listRequests, type RequestSort } from '../store/requests.js';
import { loadCatalogue, presentCards } from './data.server.js';
import { FilterSelect, StatusLabel, useDate, usePlaceText } from './shared.js';
import { requireStaff } from './staff.server.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.inbox.title' });

const SORTS: RequestSort[] = ['oldest', 'newest', 'due'];

export async function loader({ context, request }: LoaderArgs) {
  const { agencyIds } = requireStaff(context, request);
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const status = url.searchParams.get('status') ?? 'active';
  const service = url.searchParams.get('service') ?? '';
  const sortParam = url.searchParams.get('sort') as RequestSort | null;
  const sort: RequestSort = sortParam && SORTS.includes(sortParam) ? sortParam : 'due';
  const overdue = url.searchParams.get('overdue') === 'on';
  const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
  const agencyParam = url.searchParams.get('agency') ?? '';
  const agencies = agencyIds ? catalogue.agencies.filter((a) => agencyIds.includes(a.id)) : catalogue.agencies;
  const agency = agencies.some((a) => a.id === agencyParam) ? agencyParam : agencyIds?.length === 1 ? agencyIds[0] : '';
  const statuses: Status[] =
    status === 'active' ? ['open', 'acknowledged', 'in_progress'] : STATUSES.includes(status as Status) ? [status as Status] : [];
  const now = deps.clock.now();
  const lists = await Promise.all(
    (agency ? [agency] : (agencyIds ?? [undefined])).map((a) =>
      listRequests(
        deps.db,
        ctx.site.id,
        { statuses, agencyId: a, serviceCodes: service ? [service] : undefined, overdueAt: overdue ? now : undefined },
        { limit: 200, sort },
      ),
    ),
  );
  const rows = lists.flat();
  return {
    handed: url.searchParams.get('handed') === '1',
    filters: { status, service, sort, overdue, agency },
    agencies,
    services: catalogue.services.map((s) => ({ code: s.code, name: s.name })),
    reports: presentCards(rows, catalogue.services, catalogue.agencyNames).map((c, i) => ({
      ...c,
      overdue: isOverdue(
        rows[i].requestedAt,
        rows[i].expectedAt ? (rows[i].expectedAt!.getTime() - rows[i].requestedAt.getTime()) / 3_600_000 : null,
        now,
      ),
      ageDays: Math.floor((now.getTime() - rows[i].requestedAt.getTime()) / 86_400_000),
    })),
  };
}

/** The command's names of the bulk form's fields. */
const BULK_FIELD: Record<string, string> = { status: 'bulk_status', text: 'bulk_text' };

export async function action({ context, request }: ActionArgs) {
  const { agencyIds } = requireStaff(context, request);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  try {
    const ids = form.getAll('ids').filter((x): x is string => typeof x === 'string' && isUuid(x));
    if (!ids.length) throw invalidInput({ ids: 'choose at least one report' }, undefined, { ids: { reason: 'too_few', values: { min: 1 } } });
    for (const id of ids) {
      const row = await findRequest(deps.db, ctx.site.id, id);
      if (!row || (agencyIds && (!row.agencyId || !agencyIds.includes(row.agencyId))))
        throw new AppError('forbidden', 'One of the reports is not your agency’s.', { reason: { reason: 'not_your_agency' } });
    }
    const status = String(form.get('bulk_status') ?? '');
    const text = String(form.get('bulk_text') ?? '');
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const assign = form.get('bulk_assign') === 'on';
    const result = await changeRequests(
      deps,
      ctx.site.id,
      ids,
      { status: status || undefined, text, visibility: 'public', ...(assign ? { assignedTo: userId } : {}) },
      userId,
      ctx.origin,
    );
    return { ok: true as const, done: result.done.length, failed: result.failed };
  } catch (err) {
    // The command names its inputs; the summary links to the bulk form's fields.
    if (err instanceof AppError) return formFailure(withFormFields(err, BULK_FIELD), values);
    return formFailure(err, values);
  }
}

export default function InboxPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: true; done: number; failed: Record<string, string> } | FormFailure | undefined;
  const t = useT();
  const failed = result && !result.ok ? result : undefined;
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = { ids: t('sr.inbox.select'), bulk_status: t('sr.inbox.newStatus'), bulk_text: t('sr.inbox.publicUpdate') };
  const placeText = usePlaceText();
  const date = useDate();
  const f = d.filters;
  return (
    <>
      <h1>{t('sr.inbox.title')}</h1>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      {d.handed && !result && (
        <p role="status" className="notice">
          {t('sr.inbox.report.handed')}
        </p>
      )}
      {result?.ok && (
        <p role="status" className="notice">
          {t('sr.inbox.bulkDone', { done: result.done, failed: Object.keys(result.failed).length })}
        </p>
      )}
      <form method="get" className="filters">
        <label htmlFor="sr-f-status">{t('sr.report.status')}</label>{' '}
        <select id="sr-f-status" name="status" defaultValue={f.status}>
          <option value="active">{t('sr.inbox.active')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`sr.status.${s}`)}
            </option>
          ))}
        </select>{' '}
        <FilterSelect
          id="sr-f-service"
          name="service"
          label={t('sr.inbox.service')}
          value={f.service}
          allLabel={t('sr.inbox.all')}
          options={d.services.map((s) => ({ value: s.code, label: s.name }))}
        />
        {d.agencies.length > 1 && (
          <FilterSelect
            id="sr-f-agency"
            name="agency"
            label={t('sr.report.agency')}
            value={f.agency}
            allLabel={t('sr.inbox.all')}
            options={d.agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
        )}
        <label htmlFor="sr-f-sort">{t('sr.inbox.sort')}</label>{' '}
        <select id="sr-f-sort" name="sort" defaultValue={f.sort}>
          <option value="due">{t('sr.inbox.sortDue')}</option>
          <option value="oldest">{t('sr.inbox.sortOldest')}</option>
          <option value="newest">{t('sr.inbox.sortNewest')}</option>
        </select>{' '}
        <label className="choice">
          <input type="checkbox" name="overdue" defaultChecked={f.overdue} /> {t('sr.inbox.overdueOnly')}
        </label>{' '}
        <button type="submit">{t('sr.inbox.apply')}</button>
      </form>
      {d.reports.length === 0 ? (
        <p>{t('sr.inbox.empty')}</p>
      ) : (
        <form method="post">
          <CsrfField />
          <Table label={t('sr.inbox.count', { count: d.reports.length })}>
            <caption>{t('sr.inbox.count', { count: d.reports.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sr.inbox.select')}</th>
                <th scope="col">{t('sr.inbox.service')}</th>
                <th scope="col">{t('sr.inbox.place')}</th>
                <th scope="col">{t('sr.report.status')}</th>
                <th scope="col">{t('sr.inbox.age')}</th>
                <th scope="col">{t('sr.report.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {d.reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={r.id}
                      aria-label={t('sr.inbox.selectOne', { service: r.serviceName, place: placeText(r) })}
                    />
                  </td>
                  <td>
                    <a href={`/service-requests/inbox/${r.id}`}>{r.serviceName}</a>
                  </td>
                  <td>{placeText(r)}</td>
                  <td>
                    <StatusLabel status={r.status} />
                  </td>
                  <td>{t('sr.inbox.days', { days: r.ageDays })}</td>
                  <td>
                    {date(r.expectedAt)}
                    {r.overdue && r.open && <strong> {t('sr.inbox.overdue')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <fieldset id="field-ids">
            <legend>{t('sr.inbox.bulk')}</legend>
            {err('ids') && <p className="error">{err('ids')}</p>}
            <label htmlFor="field-bulk_status">{t('sr.inbox.newStatus')}</label>{' '}
            <select id="field-bulk_status" name="bulk_status" defaultValue="" aria-invalid={err('bulk_status') ? true : undefined}>
              <option value="">{t('sr.inbox.keepStatus')}</option>
              {STATUSES.filter((s) => s !== 'duplicate' && s !== 'referred').map((s) => (
                <option key={s} value={s}>
                  {t(`sr.status.${s}`)}
                </option>
              ))}
            </select>{' '}
            <label htmlFor="field-bulk_text">{t('sr.inbox.publicUpdate')}</label>{' '}
            <input id="field-bulk_text" name="bulk_text" type="text" maxLength={4000} aria-invalid={err('bulk_text') ? true : undefined} />{' '}
            <label className="choice">
              <input type="checkbox" name="bulk_assign" /> {t('sr.inbox.assignMe')}
            </label>{' '}
            <button type="submit">{t('sr.inbox.applySelected')}</button>
          </fieldset>
        </form>
      )}
    </>
  );
}
