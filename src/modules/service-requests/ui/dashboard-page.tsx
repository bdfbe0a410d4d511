import { useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { isUuid } from '../../../kernel/ids.js';
import { computeDashboard } from '../commands/dashboard.js';
import { listRequests } from '../store/requests.js';
import { loadAreas, loadCatalogue } from './data.server.js';
import { BarChart } from '../../../web/kit/bar-chart.js';
import { Table } from '../../../web/kit/table.js';
import { DensityMap, FilterSelect, ReportsMap } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.dashboard.title' });

const WINDOWS = [30, 90, 365];

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const days = WINDOWS.includes(Number(url.searchParams.get('days'))) ? Number(url.searchParams.get('days')) : 90;
  const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
  const agencyParam = url.searchParams.get('agency') ?? '';
  const agency = isUuid(agencyParam) && catalogue.agencies.some((a) => a.id === agencyParam) ? agencyParam : '';
  const since = new Date(deps.clock.now().getTime() - days * 86_400_000);
  const [figures, areas, open, recent] = await Promise.all([
    computeDashboard(deps, ctx.site.id, { days, agencyId: agency || undefined }),
    loadAreas(deps, ctx.site.id),
    listRequests(deps.db, ctx.site.id, { statuses: ['open', 'acknowledged', 'in_progress'], agencyId: agency || undefined }, { limit: 500 }),
    listRequests(deps.db, ctx.site.id, { from: since, agencyId: agency || undefined }, { limit: 20_000 }),
  ]);
  const serviceNames = Object.fromEntries(catalogue.services.map((s) => [s.code, s.name]));
  const areaNames = Object.fromEntries(areas.map((a) => [a.id, a.name]));
  return {
    days,
    agency,
    agencies: catalogue.agencies,
    figures,
    serviceNames,
    areaNames,
    areas,
    tiles: mapTilesOf(deps.env),
    densityPoints: recent.filter((r) => r.lat !== null && r.lon !== null).map((r) => ({ lat: r.lat as number, lon: r.lon as number })),
    openPoints: open
      .filter((r) => r.lat !== null && r.lon !== null)
      .map((r) => ({
        id: r.id,
        lat: r.lat as number,
        lon: r.lon as number,
        label: serviceNames[r.serviceCode] ?? r.serviceCode,
        href: `/service-requests/reports/${r.id}`,
      })),
  };
}

export default function DashboardPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const f = d.figures;
  const days = (h: number | null) => (h === null ? '—' : (h / 24).toFixed(1));
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const slowest = [...f.byService]
    .filter((s) => s.stats.medianHours !== null)
    .sort((a, b) => (b.stats.medianHours ?? 0) - (a.stats.medianHours ?? 0));
  const query = `days=${d.days}${d.agency ? `&agency=${d.agency}` : ''}`;
  return (
    <>
      <h1>{t('sr.dashboard.title')}</h1>
      <form method="get" className="filters">
        <FilterSelect
          id="sr-d-days"
          name="days"
          label={t('sr.dashboard.window')}
          value={String(d.days)}
          options={WINDOWS.map((w) => ({ value: String(w), label: t('sr.dashboard.lastDays', { days: w }) }))}
        />
        <FilterSelect
          id="sr-d-agency"
          name="agency"
          label={t('sr.report.agency')}
          value={d.agency}
          allLabel={t('sr.inbox.all')}
          options={d.agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <button type="submit">{t('sr.inbox.apply')}</button>
      </form>
      <dl className="facts">
        <dt>{t('sr.dashboard.total')}</dt>
        <dd>{f.total}</dd>
        <dt>{t('sr.service.median')}</dt>
        <dd>{t('sr.dashboard.daysValue', { days: days(f.overall.medianHours) })}</dd>
        <dt>{t('sr.service.p90')}</dt>
        <dd>{t('sr.dashboard.daysValue', { days: days(f.overall.p90Hours) })}</dd>
        <dt>{t('sr.service.withinTarget')}</dt>
        <dd>{pct(f.overall.withinTarget)}</dd>
      </dl>
      <p>
        {t('sr.dashboard.exports')}: <a href={`/service-requests/open-data/requests.csv?${query}`}>CSV</a> ·{' '}
        <a href={`/service-requests/open-data/requests.geojson?${query}`}>GeoJSON</a> ·{' '}
        <a href={`/service-requests/open-data/figures.csv?${query}`}>{t('sr.dashboard.figures.csv')}</a>
      </p>
      <section aria-labelledby="sr-d-service">
        <h2 id="sr-d-service">{t('sr.dashboard.byService')}</h2>
        <BarChart rows={f.byService.map((s) => ({ label: d.serviceNames[s.key] ?? s.key, value: s.n }))} title={t('sr.dashboard.byService')} />
        <Table label={t('sr.dashboard.byService')}>
          <caption>{t('sr.dashboard.byService')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.inbox.service')}</th>
              <th scope="col">{t('sr.dashboard.reports')}</th>
              <th scope="col">{t('sr.dashboard.medianDays')}</th>
              <th scope="col">{t('sr.dashboard.p90Days')}</th>
              <th scope="col">{t('sr.service.withinTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {f.byService.map((s) => (
              <tr key={s.key}>
                <th scope="row">{d.serviceNames[s.key] ?? s.key}</th>
                <td>{s.n}</td>
                <td>{days(s.stats.medianHours)}</td>
                <td>{days(s.stats.p90Hours)}</td>
                <td>{pct(s.stats.withinTarget)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="sr-d-slow">
        <h2 id="sr-d-slow">{t('sr.dashboard.slowest')}</h2>
        <BarChart
          rows={slowest.map((s) => ({
            label: d.serviceNames[s.key] ?? s.key,
            value: (s.stats.medianHours ?? 0) / 24,
            display: t('sr.dashboard.daysValue', { days: days(s.stats.medianHours) }),
          }))}
          title={t('sr.dashboard.slowest')}
        />
      </section>
      <section aria-labelledby="sr-d-week">
        <h2 id="sr-d-week">{t('sr.dashboard.byWeek')}</h2>
        <BarChart rows={f.byWeek.map((w) => ({ label: w.key, value: w.n }))} title={t('sr.dashboard.byWeek')} />
        <Table label={t('sr.dashboard.byWeek')}>
          <caption>{t('sr.dashboard.byWeek')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.dashboard.week')}</th>
              <th scope="col">{t('sr.dashboard.reports')}</th>
            </tr>
          </thead>
          <tbody>
            {f.byWeek.map((w) => (
              <tr key={w.key}>
                <th scope="row">{w.key}</th>
                <td>{w.n}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="sr-d-area">
        <h2 id="sr-d-area">{t('sr.dashboard.byArea')}</h2>
        <BarChart
          rows={f.byArea.map((a) => ({ label: d.areaNames[a.key] ?? t('sr.dashboard.noArea'), value: a.n }))}
          title={t('sr.dashboard.byArea')}
        />
        <Table label={t('sr.dashboard.byArea')}>
          <caption>{t('sr.dashboard.byArea')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.dashboard.area')}</th>
              <th scope="col">{t('sr.dashboard.reports')}</th>
            </tr>
          </thead>
          <tbody>
            {f.byArea.map((a) => (
              <tr key={a.key || 'none'}>
                <th scope="row">{d.areaNames[a.key] ?? t('sr.dashboard.noArea')}</th>
                <td>{a.n}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section aria-labelledby="sr-d-map">
        <h2 id="sr-d-map">{t('sr.dashboard.map')}</h2>
        <ReportsMap areas={d.areas} tiles={d.tiles} points={d.openPoints} label={t('sr.home.mapLabel', { count: d.openPoints.length })} />
      </section>
      <section aria-labelledby="sr-d-density">
        <h2 id="sr-d-density">{t('sr.dashboard.density')}</h2>
        <DensityMap areas={d.areas} points={d.densityPoints} label={t('sr.dashboard.densityLabel', { count: d.densityPoints.length })} />
      </section>
    </>
  );
}
