import { useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate, formatMoney } from '../../../web/kit/format.js';
import { useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { Table } from '../../../web/kit/table.js';
import { searchPublicProcesses } from '../commands/process-search.js';
import { RISK_BUCKETS, RISK_CODES } from '../core/risk-score.js';
import { BucketBadge, useStatusWord } from './risk-shared.js';
import { FilterPanel } from '../../../web/kit/filter-panel.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.search.title' });
}

/** The query parameters the search form sends, in the order of the form. */
const FILTERS = ['q', 'buyer', 'supplier', 'valueMin', 'valueMax', 'dateFrom', 'dateTo', 'status', 'indicator', 'risk', 'outcome'] as const;
type Filter = (typeof FILTERS)[number];

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const sp = new URL(request.url).searchParams;
  // `limit` is not on the form, but a link may carry it (the next page keeps it).
  const query: Partial<Record<Filter | 'cursor' | 'limit', string>> = {};
  for (const k of [...FILTERS, 'cursor', 'limit'] as const) {
    const v = sp.get(k)?.trim();
    if (v) query[k] = v;
  }
  let failed: Pick<AppError, 'fields' | 'reasons'> | null = null;
  let result: Awaited<ReturnType<typeof searchPublicProcesses>>;
  try {
    result = await searchPublicProcesses(deps, ctx.site.id, query);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
    failed = { fields: e.fields, reasons: e.reasons };
    // The form still needs the statuses and the reference currency; no results are shown.
    result = { ...(await searchPublicProcesses(deps, ctx.site.id, { limit: 1 })), items: [], nextCursor: null };
  }
  const locale = ctx.locale;
  return {
    query,
    failed,
    statuses: result.statuses,
    referenceCurrency: result.referenceCurrency,
    nextCursor: result.nextCursor,
    // Money and dates are written on the server, in the reader's locale.
    items: result.items.map((p) => ({
      ocid: p.ocid,
      title: p.title,
      buyer: p.buyer?.name ?? null,
      value: p.value === null ? null : p.currency ? formatMoney(p.value, p.currency, locale) : formatMoney(p.value, '', locale).trim(),
      comparable:
        p.comparableValue !== null && result.referenceCurrency && p.currency !== result.referenceCurrency
          ? formatMoney(p.comparableValue, result.referenceCurrency, locale)
          : null,
      date: p.date ? formatDate(p.date, locale) : null,
      status: p.status,
      risk: p.risk,
      audit: p.audit ? { outcome: p.audit.outcome, publishedAt: formatDate(p.audit.publishedAt, locale) } : null,
    })),
  };
}

/** The public list of contracting processes: a plain GET search form and a paged table of results. */
export default function ProcessListPage() {
  const { query, failed, statuses, referenceCurrency, nextCursor, items } = useLoaderData<typeof loader>();
  const t = useT();
  const label = (name: string) =>
    name === 'cursor' || name === 'limit'
      ? t('procurement.search.cursor')
      : name === 'valueMin' || name === 'valueMax'
        ? referenceCurrency
          ? t(`procurement.search.${name}In`, { currency: referenceCurrency })
          : t(`procurement.search.${name}`)
        : t(`procurement.search.${name}`);
  const errorOf = useFieldErrors(failed);
  const errors = Object.fromEntries(Object.keys(failed?.fields ?? {}).map((k) => [k, errorOf(k) ?? '']));
  const labels = Object.fromEntries(Object.keys(errors).map((k) => [k, label(k)]));
  const statusWord = useStatusWord();
  // Folded on phones unless a filter (or a bad one) is in use.
  const filtered = FILTERS.some((k) => query[k]) || Object.keys(errors).length > 0;

  const input = (name: Filter, type: 'search' | 'text' | 'number' | 'date', extra: Record<string, string> = {}) => (
    <Field name={name} label={label(name)} error={errors[name]}>
      {(p) => <input {...p} type={type} defaultValue={query[name] ?? ''} {...extra} />}
    </Field>
  );
  const select = (name: Filter, options: { value: string; label: string }[]) => (
    <Field name={name} label={label(name)} error={errors[name]}>
      {(p) => (
        <select {...p} defaultValue={query[name] ?? ''}>
          <option value="">{t('procurement.search.any')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const kept = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== 'cursor' && v) as [string, string][]);
  if (nextCursor) kept.set('cursor', nextCursor);
  const nextHref = nextCursor ? `/procurement/processes?${kept.toString()}` : null;

  return (
    <>
      <h1>{t('procurement.search.title')}</h1>
      <p>{t('procurement.search.intro')}</p>
      {Object.keys(errors).length > 0 && <ErrorSummary fields={errors} labels={labels} />}
      <FilterPanel summary={t('procurement.filters')} active={filtered}>
        <form method="get" action="/procurement/processes" className="filters process-search" aria-label={t('procurement.search.form')}>
          {input('q', 'search')}
          {input('buyer', 'text')}
          {input('supplier', 'text')}
          {input('valueMin', 'number', { min: '0', step: 'any', inputMode: 'decimal' })}
          {input('valueMax', 'number', { min: '0', step: 'any', inputMode: 'decimal' })}
          {input('dateFrom', 'date')}
          {input('dateTo', 'date')}
          {select(
            'status',
            statuses.map((s) => ({ value: s, label: statusWord(s) })),
          )}
          {select(
            'indicator',
            RISK_CODES.map((c) => ({ value: c, label: `${c}: ${t(`procurement.flag.${c}.title`)}` })),
          )}
          {select(
            'risk',
            RISK_BUCKETS.map((b) => ({ value: b, label: t(`procurement.bucket.${b}`) })),
          )}
          {select(
            'outcome',
            (['violation', 'no_violation'] as const).map((o) => ({ value: o, label: t(`procurement.triage.outcome.${o}`) })),
          )}
          <button type="submit">{t('procurement.search.submit')}</button>
        </form>
      </FilterPanel>
      {items.length === 0 ? (
        Object.keys(errors).length === 0 && <p role="status">{t('procurement.search.empty')}</p>
      ) : (
        <Table label={t('procurement.search.results')} className="process-list">
          <caption className="visually-hidden">{t('procurement.search.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.queue.process')}</th>
              <th scope="col">{t('procurement.search.buyer')}</th>
              <th scope="col">{t('procurement.process.value')}</th>
              <th scope="col">{t('procurement.search.date')}</th>
              <th scope="col">{t('procurement.process.status')}</th>
              <th scope="col">{t('procurement.queue.bucket')}</th>
              <th scope="col">{t('procurement.audit.title')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.ocid}>
                <td>
                  <a href={`/procurement/processes/${encodeURIComponent(p.ocid)}`}>{p.title}</a>
                </td>
                <td>{p.buyer ?? ''}</td>
                <td>
                  {p.value ?? ''}
                  {p.comparable && (
                    <>
                      <br />
                      <span className="muted">{t('procurement.search.about', { amount: p.comparable })}</span>
                    </>
                  )}
                </td>
                <td>{p.date ?? ''}</td>
                <td>{p.status ? statusWord(p.status) : ''}</td>
                <td>{p.risk ? <BucketBadge bucket={p.risk} /> : t('procurement.search.notAssessed')}</td>
                <td>
                  {p.audit
                    ? `${t(`procurement.triage.outcome.${p.audit.outcome}`)} (${t('procurement.audit.published', { date: p.audit.publishedAt })})`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {nextHref && (
        <p>
          <a href={nextHref}>{t('procurement.search.next')}</a>
        </p>
      )}
    </>
  );
}
