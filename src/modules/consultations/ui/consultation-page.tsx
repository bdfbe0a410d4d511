import { useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { renderMarkdown } from '../../library/index.js';
import { consultationPhase } from '../core/consultation.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, args.data ? { text: args.data.title } : { id: 'consultations.title' });
}

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const fallback = ctx.site.defaultLocale;
  const title = pickText(c.title, ctx.locale, fallback);
  const description = pickText(c.description, ctx.locale, fallback);
  return {
    slug: c.slug,
    title: title.text,
    titleLang: title.locale,
    descriptionHtml: renderMarkdown(description.text),
    descriptionLang: description.locale,
    phase: consultationPhase(c, deps.clock.now()),
    opensAt: c.opensAt?.toISOString() ?? null,
    closesAt: c.closesAt?.toISOString() ?? null,
    themes: c.themes.map((th) => pickText(th.label, ctx.locale, fallback).text),
    canManage: isAllowed(deps.permissions, ctx.actor, 'consultations.manage'),
    canReadResults: c.resultsPublished || isAllowed(deps.permissions, ctx.actor, 'consultations.results.read'),
  };
}

export default function ConsultationPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <p>
        <a href="/consultations">{t('consultations.title')}</a>
      </p>
      <h1 lang={d.titleLang === locale ? undefined : d.titleLang}>{d.title}</h1>
      <p>
        <span className={d.phase === 'open' ? 'badge badge-accent' : 'badge'}>{t(`consultations.phase.${d.phase}`)}</span>
        {d.phase === 'upcoming' && d.opensAt && <> {t('consultations.opens', { date: formatDate(d.opensAt, locale) })}</>}
        {d.phase === 'open' && d.closesAt && <> {t('consultations.closes', { date: formatDate(d.closesAt, locale) })}</>}
      </p>
      <div lang={d.descriptionLang === locale ? undefined : d.descriptionLang} dangerouslySetInnerHTML={{ __html: d.descriptionHtml }} />
      {d.phase === 'open' && (
        <p>
          <a className="button" href={`/consultations/${d.slug}/survey`}>
            {t('consultations.survey.answer')}
          </a>
        </p>
      )}
      {d.themes.length > 0 && (
        <section aria-labelledby="themes-title">
          <h2 id="themes-title">{t('consultations.themes')}</h2>
          <ul className="tags">
            {d.themes.map((th) => (
              <li key={th}>{th}</li>
            ))}
          </ul>
        </section>
      )}
      <ul>
        <li>
          <a href={`/consultations/${d.slug}/events`}>{t('consultations.events.title')}</a>
        </li>
        {d.canReadResults && (
          <li>
            <a href={`/consultations/${d.slug}/results`}>{t('consultations.results.title', { title: d.title })}</a>
          </li>
        )}
        {d.canManage && (
          <li>
            <a href={`/consultations/${d.slug}/admin`}>{t('consultations.admin.edit', { title: d.title })}</a>
          </li>
        )}
      </ul>
    </>
  );
}
