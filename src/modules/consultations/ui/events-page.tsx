import { useLoaderData } from 'react-router';
import { countryName } from '../../../kernel/countries.js';
import { isAllowed } from '../../../kernel/policy.js';
import { FilterPanel } from '../../../web/kit/filter-panel.js';
import { Field } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { mapTilesOf, SiteMap } from '../../../web/kit/map.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { groupOutcomesByTheme } from '../core/events.js';
import { countEventsByCountry, listEvents } from '../store/events.js';
import { consultationOr404, presentConsultation, presentEventView } from './events.server.js';
import { StatusBadge } from './events-shared.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.events.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  const asked = (new URL(request.url).searchParams.get('country') ?? '').trim().toUpperCase();
  const countries = await countEventsByCountry(deps.db, ctx.site.id, consultation.id, 'approved');
  // Only a country that has events filters the list; any other value shows them all.
  const country = countries.some((c) => c.country === asked) ? asked : '';
  const approved = await listEvents(deps.db, ctx.site.id, consultation.id, { status: 'approved', country: country || undefined });
  const canManage = isAllowed(deps.permissions, ctx.actor, 'consultations.manage');
  const mine = ctx.actor.kind === 'user' ? await listEvents(deps.db, ctx.site.id, consultation.id, { createdBy: ctx.actor.userId }) : [];
  const view = presentConsultation(consultation, ctx.locale, ctx.site.defaultLocale);
  const themeLabel = new Map(view.themes.map((th) => [th.id, th.label]));
  return {
    consultation: view,
    country,
    countries: countries.map((c) => ({ ...c, name: countryName(c.country, ctx.locale) })),
    events: approved.map((e) => presentEventView(deps, ctx, e)),
    mine: mine.filter((e) => e.status !== 'approved').map((e) => presentEventView(deps, ctx, e)),
    waiting: canManage ? (await listEvents(deps.db, ctx.site.id, consultation.id, { status: 'proposed' })).length : null,
    byTheme: groupOutcomesByTheme(
      approved,
      consultation.themes.map((th) => th.id),
    ).map((g) => ({
      theme: g.themeId === null ? null : (themeLabel.get(g.themeId) ?? g.themeId),
      items: g.items.map((i) => ({ ...i, countryName: countryName(i.country, ctx.locale) })),
    })),
    tiles: mapTilesOf(deps.env),
  };
}

export default function EventsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const base = `/consultations/${d.consultation.slug}/events`;
  const located = d.events.filter((e) => e.point);
  return (
    <>
      <h1>{t('consultations.events.title')}</h1>
      <p className="lead">{d.consultation.title}</p>
      <p>{t('consultations.events.intro')}</p>
      <p className="actions">
        <a className="button" href={`${base}/new`}>
          {t('consultations.events.register')}
        </a>
        {d.waiting !== null && (
          <a href={`/consultations/${d.consultation.slug}/admin/events`}>{t('consultations.events.queueLink', { count: d.waiting })}</a>
        )}
      </p>
      {d.mine.length > 0 && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t('consultations.events.mine')}</h2>
          <ul>
            {d.mine.map((e) => (
              <li key={e.id}>
                <a href={`${base}/${e.id}`}>{e.title}</a> <StatusBadge status={e.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <FilterPanel summary={t('consultations.events.filters')} active={!!d.country}>
        <form method="get" action={base} className="filters" aria-label={t('consultations.events.filters')}>
          <Field name="country" label={t('consultations.events.form.country')}>
            {(p) => (
              <select {...p} defaultValue={d.country}>
                <option value="">{t('consultations.events.anyCountry')}</option>
                {d.countries.map((c) => (
                  <option key={c.country} value={c.country}>
                    {t('consultations.events.countryOption', { country: c.name, count: c.events })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">{t('consultations.events.filter')}</button>
        </form>
      </FilterPanel>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t('consultations.events.list')}</h2>
        {d.events.length === 0 ? (
          <p role="status">{d.country ? t('consultations.events.noneInCountry') : t('consultations.events.none')}</p>
        ) : (
          <>
            <SiteMap
              label={t('consultations.events.mapLabel')}
              tiles={d.tiles}
              areas={[]}
              markers={located.map((e) => ({ id: e.id, lat: e.point!.lat, lon: e.point!.lon, label: e.title, href: `${base}/${e.id}` }))}
              clusterLabel={(n) => t('consultations.events.cluster', { count: n })}
            >
              {located.length < d.events.length && t('consultations.events.onlineMapNote')}
            </SiteMap>
            <ul className="card-grid">
              {d.events.map((e) => (
                <li key={e.id} className="card">
                  <h3>
                    <a href={`${base}/${e.id}`}>{e.title}</a>
                  </h3>
                  <p>
                    {formatDate(e.startsAt, locale, 'datetime')} · {t(`consultations.events.format.${e.format}`)}
                  </p>
                  <p>
                    {e.online ? t('consultations.events.online') : e.placeName} · {e.region ? `${e.region}, ${e.countryName}` : e.countryName}
                  </p>
                  <p className="hint">
                    {e.organiser}
                    {e.outcome && ` · ${t('consultations.events.hasOutcome')}`}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">{t('consultations.events.recommendations.heading')}</h2>
        <p>{t('consultations.events.recommendations.intro')}</p>
        {d.byTheme.length === 0 ? (
          <p>{t('consultations.events.recommendations.none')}</p>
        ) : (
          d.byTheme.map((g) => (
            <section key={g.theme ?? ''} aria-label={g.theme ?? t('consultations.events.recommendations.untagged')}>
              <h3>{g.theme ?? t('consultations.events.recommendations.untagged')}</h3>
              <ul>
                {g.items.map((i, n) => (
                  <li key={n}>
                    <span className="badge">{t(`consultations.events.kind.${i.kind}`)}</span> {i.text}{' '}
                    <span className="hint">
                      (<a href={`${base}/${i.eventId}`}>{i.eventTitle}</a>, {i.countryName})
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>
    </>
  );
}
