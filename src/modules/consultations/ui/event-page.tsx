import { useLoaderData } from 'react-router';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { mapTilesOf, SiteMap } from '../../../web/kit/map.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { Table } from '../../../web/kit/table.js';
import { consultationOr404, presentConsultation, presentEventView, readableEventOr404 } from './events.server.js';
import { OutcomeItems, Paragraphs, StatusBadge } from './events-shared.js';

export function meta(args: TitleArgs & { data?: { event: { title: string } } }) {
  return pageTitle(args, args.data ? { text: args.data.event.title } : null, { id: 'consultations.events.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  const event = await readableEventOr404(deps, ctx, consultation, params.id);
  const notice = new URL(request.url).searchParams;
  return {
    consultation: presentConsultation(consultation, ctx.locale, ctx.site.defaultLocale),
    event: presentEventView(deps, ctx, event),
    tiles: mapTilesOf(deps.env),
    registered: notice.has('registered'),
    saved: notice.has('saved'),
  };
}

export default function EventPage() {
  const { consultation, event: e, tiles, registered, saved } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const base = `/consultations/${consultation.slug}/events`;
  return (
    <>
      <p>
        <a href={base}>{t('consultations.events.back')}</a>
      </p>
      <h1>{e.title}</h1>
      <p className="lead">
        {e.status !== 'approved' && <StatusBadge status={e.status} />} {t(`consultations.events.format.${e.format}`)} ·{' '}
        {formatDate(e.startsAt, locale, 'datetime')}
      </p>
      {registered && (
        <p className="notice" role="status">
          {t('consultations.events.registered')}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          {t('consultations.events.saved')}
        </p>
      )}
      {e.status === 'proposed' && <p className="notice">{t('consultations.events.pending')}</p>}
      {e.status === 'rejected' && e.rejectReason && <p className="notice">{t('consultations.events.rejected', { reason: e.rejectReason })}</p>}
      {e.canEdit && (
        <p className="actions">
          <a className="button" href={`${base}/${e.id}/edit`}>
            {t('consultations.events.edit')}
          </a>
        </p>
      )}
      <dl>
        <dt>{t('consultations.events.organiser')}</dt>
        <dd>{e.organiser}</dd>
        <dt>{t('consultations.events.when')}</dt>
        <dd>{formatDate(e.startsAt, locale, 'datetime')}</dd>
        <dt>{t('consultations.events.form.country')}</dt>
        <dd>{e.region ? `${e.region}, ${e.countryName}` : e.countryName}</dd>
        <dt>{t('consultations.events.where')}</dt>
        <dd>{e.online ? t('consultations.events.online') : e.placeName}</dd>
        <dt>{t('consultations.events.form.format')}</dt>
        <dd>{t(`consultations.events.format.${e.format}`)}</dd>
        <dt>{t('consultations.events.form.language')}</dt>
        <dd>{e.language}</dd>
        {e.participants !== null && (
          <>
            <dt>{t('consultations.events.form.participants')}</dt>
            <dd>{e.participants.toLocaleString(locale)}</dd>
          </>
        )}
      </dl>
      {e.makeUp.length > 0 && (
        <Table label={t('consultations.events.makeUpHeading')}>
          <caption>{t('consultations.events.makeUpHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consultations.events.group')}</th>
              <th scope="col">{t('consultations.events.people')}</th>
            </tr>
          </thead>
          <tbody>
            {e.makeUp.map((m) => (
              <tr key={m.group}>
                <th scope="row">{m.group}</th>
                <td>{m.count.toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {e.point && (
        <SiteMap
          label={t('consultations.events.pointMapLabel')}
          tiles={tiles}
          areas={[]}
          markers={[{ id: e.id, lat: e.point.lat, lon: e.point.lon, label: e.placeName ?? e.title }]}
        />
      )}
      <section aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">{t('consultations.events.outcome.heading')}</h2>
        {!e.outcome ? (
          <p>{t('consultations.events.outcome.none')}</p>
        ) : (
          <>
            <p className="hint">{t('consultations.events.outcome.recorded', { date: formatDate(e.outcome.recordedAt, locale) })}</p>
            <h3>{t('consultations.events.outcome.summary')}</h3>
            <Paragraphs text={e.outcome.summary} />
            {(['concern', 'recommendation'] as const).map((kind) => {
              const items = e.outcome!.items.filter((i) => i.kind === kind);
              return (
                items.length > 0 && (
                  <div key={kind}>
                    <h3>{t(kind === 'concern' ? 'consultations.events.outcome.concerns' : 'consultations.events.outcome.recommendations')}</h3>
                    <OutcomeItems items={items} themes={consultation.themes} />
                  </div>
                )
              );
            })}
            {e.outcome.minutes && (
              <>
                <h3>{t('consultations.events.outcome.minutes')}</h3>
                <Paragraphs text={e.outcome.minutes} />
              </>
            )}
            {e.outcome.documents.length > 0 && (
              <>
                <h3>{t('consultations.events.outcome.documents')}</h3>
                <ul>
                  {e.outcome.documents.map((d) => (
                    <li key={d.href}>
                      <a href={d.href}>{d.name}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>
    </>
  );
}
