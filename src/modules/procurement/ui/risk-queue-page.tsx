import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { safeRedirectPath } from '../../../kernel/redirect.js';
import { formFailure, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors, type FormErrors } from '../../../web/kit/form.js';
import { FilterPanel } from '../../../web/kit/filter-panel.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { getAuditQueue } from '../commands/risk-queue.js';
import { QUEUE_STATUSES } from '../core/risk-queue.js';
import { assignProcess, startMonitoring, TRIAGE_PERMISSION } from '../commands/risk-triage.js';
import { RISK_BUCKETS, RISK_CODES } from '../core/risk-score.js';
import { BucketBadge, FlagNames, formatMoney } from './risk-shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import { formatDate } from '../../../web/kit/format.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.queue.title' });
}

const FILTERS = ['bucket', 'indicator', 'region', 'status', 'selection', 'cursor'] as const;

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, TRIAGE_PERMISSION);
  const { deps, ctx } = context;
  const sp = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = sp.get(k);
    if (v) query[k] = v;
  }
  try {
    const queue = await getAuditQueue(deps, ctx.site.id, ctx.actor, query);
    return { queue: withMoney(queue, ctx.locale), query, errors: {} as FormErrors };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
    const queue = await getAuditQueue(deps, ctx.site.id, ctx.actor, {});
    return { queue: withMoney(queue, ctx.locale), query, errors: { fields: e.fields, reasons: e.reasons } as FormErrors };
  }
}

/**
 * The queue with each value written on the server in the reader's locale: the original amount,
 * the amount in the reference currency it was ranked by, or why it was not converted.
 */
function withMoney(queue: Awaited<ReturnType<typeof getAuditQueue>>, locale: string) {
  return {
    ...queue,
    items: queue.items.map((item) => ({
      ...item,
      shownValue: formatMoney(item.value, item.currency, locale),
      shownComparable:
        item.comparableValue !== null && item.referenceCurrency && item.currency !== item.referenceCurrency
          ? formatMoney(item.comparableValue, item.referenceCurrency, locale)
          : null,
      shownDate: item.date ? formatDate(item.date, locale) : '',
    })),
  };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const ocid = String(form.get('ocid') ?? '');
  const back = String(form.get('back') ?? '');
  try {
    if (intent === 'assign') await assignProcess(deps, ctx.site.id, ctx.actor, ocid, {});
    else if (intent === 'monitoring') await startMonitoring(deps, ctx.site.id, ctx.actor, ocid);
    else throw new AppError('bad_request', 'Unknown action.');
  } catch (e) {
    return formFailure(e, {});
  }
  return redirect(safeRedirectPath(`/procurement/risk/queue${back.startsWith('?') ? back : ''}`, '/procurement/risk/queue'));
}

export default function RiskQueuePage() {
  const { queue, query, errors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldErrors(errors);
  const badFilters = [...new Set([...Object.keys(errors.fields ?? {}), ...Object.keys(errors.reasons ?? {})])];
  // Folded on phones unless a filter (or a bad one) is in use.
  const filtered = FILTERS.some((k) => k !== 'cursor' && query[k]) || badFilters.length > 0;
  const back = '?' + new URLSearchParams(Object.entries(query).filter(([k]) => k !== 'cursor')).toString();
  const select = (name: 'bucket' | 'indicator' | 'region' | 'status' | 'selection', options: { value: string; label: string }[], withAny = true) => (
    <Field name={name} label={t(`procurement.queue.${name}`)} error={fieldError(name)}>
      {(p) => (
        <select {...p} defaultValue={query[name] ?? ''}>
          {withAny && <option value="">{t('procurement.queue.any')}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const nextHref = queue.nextCursor ? `${back}${back === '?' ? '' : '&'}cursor=${encodeURIComponent(queue.nextCursor)}` : null;
  return (
    <>
      <h1>{t('procurement.queue.title')}</h1>
      <p>{t('procurement.queue.intro')}</p>
      <p>
        <a href="/procurement/risk/precision">{t('procurement.queue.precisionLink')}</a>
      </p>
      {failure && !failure.ok && <ErrorSummary message={failure.message} reason={failure.reason} />}
      {badFilters.length > 0 && (
        <ErrorSummary
          fields={errors.fields}
          reasons={errors.reasons}
          labels={Object.fromEntries(FILTERS.map((k) => [k, t(k === 'cursor' ? 'procurement.search.cursor' : `procurement.queue.${k}`)]))}
        />
      )}
      <FilterPanel summary={t('procurement.filters')} active={filtered}>
        <form method="get" className="filters" aria-label={t('procurement.queue.filters')}>
          {select(
            'bucket',
            RISK_BUCKETS.map((b) => ({ value: b, label: t(`procurement.bucket.${b}`) })),
          )}
          {select(
            'indicator',
            RISK_CODES.map((c) => ({ value: c, label: `${c}: ${t(`procurement.flag.${c}.title`)}` })),
          )}
          {select(
            'region',
            queue.regions.map((r) => ({ value: r, label: r })),
          )}
          {select(
            'status',
            QUEUE_STATUSES.map((s) => ({ value: s, label: t(`procurement.queue.status.${s}`) })),
            false,
          )}
          {select(
            'selection',
            (['all', 'sas'] as const).map((s) => ({ value: s, label: t(`procurement.queue.selection.${s}`) })),
            false,
          )}
          <button type="submit">{t('procurement.queue.apply')}</button>
        </form>
      </FilterPanel>
      <p role="status">{t('procurement.queue.count', { count: queue.total })}</p>
      {queue.items.length === 0 ? (
        <p>{t('procurement.queue.empty')}</p>
      ) : (
        <Table label={t('procurement.queue.title')} className="queue">
          <caption className="visually-hidden">{t('procurement.queue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.queue.position')}</th>
              <th scope="col">{t('procurement.queue.process')}</th>
              <th scope="col">{t('procurement.queue.bucket')}</th>
              <th scope="col">{t('procurement.process.value')}</th>
              <th scope="col">{t('procurement.queue.indicator')}</th>
              <th scope="col">{t('procurement.queue.status')}</th>
              <th scope="col">{t('procurement.queue.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((item) => (
              <tr key={item.ocid}>
                <td>{item.position}</td>
                <td>
                  <a href={`/procurement/processes/${encodeURIComponent(item.ocid)}`}>{item.title}</a>
                  <br />
                  <span className="muted">{item.buyer?.name ?? ''}</span>
                </td>
                <td>
                  <BucketBadge bucket={item.bucket} /> {item.score}
                  {item.selected && (
                    <>
                      <br />
                      <span className="badge badge-accent">{t('procurement.queue.selected')}</span>
                    </>
                  )}
                </td>
                <td>
                  {item.shownValue}
                  {item.shownComparable && (
                    <>
                      <br />
                      <span className="muted">
                        {t('procurement.queue.inReference', { amount: item.shownComparable, currency: item.referenceCurrency ?? '' })}
                      </span>
                    </>
                  )}
                  {item.value !== null && item.valueNotConverted && (
                    <>
                      <br />
                      <span className="badge">
                        {t(`procurement.queue.notConverted.${item.valueNotConverted}`, { currency: item.currency ?? '', date: item.shownDate })}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <FlagNames flags={item.flags} />
                </td>
                <td>
                  {t(`procurement.triage.status.${item.triage?.status ?? 'none'}`)}
                  {item.triage?.assigneeName && ` (${item.triage.assigneeName})`}
                </td>
                <td>
                  {item.triage?.status !== 'closed' && (
                    <form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="assign" />
                      <input type="hidden" name="ocid" value={item.ocid} />
                      <input type="hidden" name="back" value={back} />
                      <button type="submit" aria-label={`${t('procurement.triage.assignToMe')}: ${item.title}`}>
                        {t('procurement.triage.assignToMe')}
                      </button>
                    </form>
                  )}
                  {item.triage?.status === 'assigned' && (
                    <form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="monitoring" />
                      <input type="hidden" name="ocid" value={item.ocid} />
                      <input type="hidden" name="back" value={back} />
                      <button type="submit" aria-label={`${t('procurement.triage.startMonitoring')}: ${item.title}`}>
                        {t('procurement.triage.startMonitoring')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {nextHref && (
        <p>
          <a href={nextHref}>{t('procurement.queue.next')}</a>
        </p>
      )}
    </>
  );
}
