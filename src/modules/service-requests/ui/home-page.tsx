import { useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listRequests } from '../store/requests.js';
import { loadAreas, loadCatalogue, matchesSearch, presentCards } from './data.server.js';
import { ReportsMap, StatusLabel, useDate, usePlaceText, useReportName } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.home.title' });

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
  const rows = await listRequests(deps.db, ctx.site.id, { statuses: ['open', 'acknowledged', 'in_progress'] }, { limit: 50 });
  return {
    q,
    grouped: catalogue.grouped
      .map((g) => ({ ...g, services: g.services.filter((s) => !q || matchesSearch(s, g.name, q)) }))
      .filter((g) => g.services.length),
    inquiries: catalogue.services.filter((s) => !s.locationRequired).map((s) => ({ code: s.code, name: s.name })),
    open: presentCards(rows, catalogue.services, catalogue.agencyNames),
    areas: await loadAreas(deps, ctx.site.id),
    tiles: mapTilesOf(deps.env),
  };
}

export default function ServiceRequestsHome() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const date = useDate();
  const placeText = usePlaceText();
  const reportName = useReportName();
  const mapped = d.open.filter((r) => r.lat !== null && r.lon !== null);
  return (
    <>
      <h1>{t('sr.home.title')}</h1>
      <p>{t('sr.home.intro')}</p>
      <p className="actions">
        <a className="button" href="/service-requests/new">
          {t('sr.home.report')}
        </a>{' '}
        <a href="/service-requests/dashboard">{t('sr.dashboard.title')}</a> <a href="/service-requests/alerts">{t('sr.alerts.homeLink')}</a>
      </p>
      {d.inquiries.length > 0 && (
        <section aria-labelledby="sr-ask">
          <h2 id="sr-ask">{t('sr.home.ask')}</h2>
          <p>{t('sr.home.askIntro')}</p>
          <ul>
            {d.inquiries.map((s) => (
              <li key={s.code}>
                <a href={`/service-requests/new?service=${encodeURIComponent(s.code)}`}>{s.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="sr-services">
        <h2 id="sr-services">{t('sr.home.services')}</h2>
        <form method="get" role="search" className="search">
          <label htmlFor="sr-home-q">{t('sr.new.search')}</label> <input id="sr-home-q" name="q" type="search" defaultValue={d.q} />{' '}
          <button type="submit">{t('sr.new.searchButton')}</button>
        </form>
        {d.grouped.length === 0 && <p>{t('sr.new.noMatch')}</p>}
        {d.grouped.map((g) => (
          <div key={g.code ?? 'other'}>
            <h3>{g.name || t('sr.new.otherGroup')}</h3>
            <ul>
              {g.services.map((s) => (
                <li key={s.code}>
                  <a href={`/service-requests/services/${encodeURIComponent(s.code)}`}>{s.name}</a>
                  {s.targetHours !== null && <span className="hint"> — {t('sr.service.targetShort', { hours: s.targetHours })}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="sr-open">
        <h2 id="sr-open">{t('sr.home.open')}</h2>
        {mapped.length > 0 && (
          <ReportsMap
            areas={d.areas}
            tiles={d.tiles}
            points={mapped.map((r) => ({
              id: r.id,
              lat: r.lat as number,
              lon: r.lon as number,
              label: reportName(r),
              href: `/service-requests/reports/${r.id}`,
            }))}
            label={t('sr.home.mapLabel', { count: mapped.length })}
          />
        )}
        {d.open.length === 0 ? (
          <p>{t('sr.home.none')}</p>
        ) : (
          <Table label={t('sr.home.open')}>
            <caption>{t('sr.home.open')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sr.inbox.service')}</th>
                <th scope="col">{t('sr.inbox.place')}</th>
                <th scope="col">{t('sr.report.status')}</th>
                <th scope="col">{t('sr.report.reported')}</th>
              </tr>
            </thead>
            <tbody>
              {d.open.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/service-requests/reports/${r.id}`}>{r.serviceName}</a>
                  </td>
                  <td>{placeText(r)}</td>
                  <td>
                    <StatusLabel status={r.status} />
                  </td>
                  <td>{date(r.requestedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
