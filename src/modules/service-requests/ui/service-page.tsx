import { data, useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { summariseResolution } from '../core/stats.js';
import { listResolved } from '../store/stats.js';
import { loadCatalogue } from './data.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.service.title' });

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
  const service = catalogue.services.find((s) => s.code === params.code);
  if (!service) throw data('not found', { status: 404 });
  const since = new Date(deps.clock.now().getTime() - 365 * 86_400_000);
  const stats = summariseResolution(await listResolved(deps.db, ctx.site.id, { serviceCode: service.code, since }));
  const group = catalogue.grouped.find((g) => g.code === service.groupCode);
  return { service, groupName: group?.name ?? null, stats };
}

export default function ServicePage() {
  const { service: s, groupName, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const days = (h: number | null) => (h === null ? '—' : t('sr.service.days', { days: Math.round((h / 24) * 10) / 10 }));
  return (
    <>
      <p>
        <a href="/service-requests">{t('sr.nav.home')}</a>
      </p>
      <h1>{s.name}</h1>
      {s.description && <p>{s.description}</p>}
      <dl className="facts">
        {groupName && (
          <>
            <dt>{t('sr.service.group')}</dt>
            <dd>{groupName}</dd>
          </>
        )}
        <dt>{t('sr.service.responsible')}</dt>
        <dd>{s.agencyName ?? t('sr.service.byArea')}</dd>
        <dt>{t('sr.service.target')}</dt>
        <dd>{s.targetHours === null ? t('sr.service.noTarget') : t('sr.service.targetShort', { hours: s.targetHours })}</dd>
        <dt>{t('sr.service.median')}</dt>
        <dd>{days(stats.medianHours)}</dd>
        <dt>{t('sr.service.p90')}</dt>
        <dd>{days(stats.p90Hours)}</dd>
        <dt>{t('sr.service.withinTarget')}</dt>
        <dd>{stats.withinTarget === null ? '—' : `${Math.round(stats.withinTarget * 100)}%`}</dd>
        <dt>{t('sr.service.resolvedCount')}</dt>
        <dd>{stats.count}</dd>
      </dl>
      {s.attributes.length > 0 && (
        <>
          <h2>{t('sr.service.questions')}</h2>
          <ul>
            {s.attributes.map((a) => (
              <li key={a.code}>
                {a.description}
                {a.required && <> ({t('sr.service.required')})</>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="actions">
        <a className="button" href={`/service-requests/new?service=${encodeURIComponent(s.code)}`}>
          {s.locationRequired ? t('sr.service.report') : t('sr.service.ask')}
        </a>
      </p>
    </>
  );
}
