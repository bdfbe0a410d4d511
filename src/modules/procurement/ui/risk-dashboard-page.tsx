import { useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { getRiskDashboard } from '../commands/risk-views.js';
import { RISK_BUCKETS } from '../core/risk-score.js';
import { BarChart } from './risk-shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.dashboard.title' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  return { dashboard: await getRiskDashboard(deps, ctx.site.id) };
}

export default function RiskDashboardPage() {
  const { dashboard: d } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('procurement.dashboard.title')}</h1>
      <p>{t('procurement.dashboard.intro')}</p>
      {d.processes === 0 ? (
        <p>{t('procurement.dashboard.empty')}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('procurement.dashboard.processes')}</dt>
            <dd>{d.processes}</dd>
            <dt>{t('procurement.dashboard.flagged')}</dt>
            <dd>{d.flagged}</dd>
          </dl>
          <h2>{t('procurement.dashboard.buckets')}</h2>
          <BarChart
            title={t('procurement.dashboard.buckets')}
            labelHeader={t('procurement.queue.bucket')}
            valueHeader={t('procurement.dashboard.processes')}
            rows={RISK_BUCKETS.map((b) => ({ label: t(`procurement.bucket.${b}`), value: d.buckets[b] }))}
          />
          <h2>{t('procurement.dashboard.byIndicator')}</h2>
          <BarChart
            title={t('procurement.dashboard.byIndicator')}
            labelHeader={t('procurement.queue.indicator')}
            valueHeader={t('procurement.dashboard.flagged')}
            rows={d.byIndicator.map((r) => ({ label: `${r.code}: ${t(`procurement.flag.${r.code}.title`)}`, value: r.processes }))}
          />
          <h2>{t('procurement.dashboard.byMonth')}</h2>
          <BarChart
            title={t('procurement.dashboard.byMonth')}
            labelHeader={t('procurement.dashboard.month')}
            valueHeader={t('procurement.dashboard.flags')}
            rows={d.byMonth.map((m) => ({ label: m.month, value: m.total }))}
          />
          <h2>{t('procurement.dashboard.byMonthAndIndicator')}</h2>
          <Table label={t('procurement.dashboard.byMonthAndIndicator')}>
            <caption className="visually-hidden">{t('procurement.dashboard.byMonthAndIndicator')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.dashboard.month')}</th>
                {d.byIndicator.map((r) => (
                  <th scope="col" key={r.code}>
                    <abbr title={t(`procurement.flag.${r.code}.title`)}>{r.code}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  {d.byIndicator.map((r) => (
                    <td key={r.code}>{m.byCode[r.code] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          <h2>{t('procurement.dashboard.topBuyers')}</h2>
          <Table label={t('procurement.dashboard.topBuyers')}>
            <caption className="visually-hidden">{t('procurement.dashboard.topBuyers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.process.buyer')}</th>
                <th scope="col">{t('procurement.dashboard.flagged')}</th>
                <th scope="col">{t('procurement.dashboard.processes')}</th>
                <th scope="col">{t('procurement.dashboard.score')}</th>
              </tr>
            </thead>
            <tbody>
              {d.topBuyers.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <a href={`/procurement/buyers/${encodeURIComponent(b.id)}`}>{b.name}</a>
                  </th>
                  <td>{b.flagged}</td>
                  <td>{b.processes}</td>
                  <td>{b.score}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </>
  );
}
