import { data, useLoaderData } from 'react-router';
import { questionnaireOf } from '../commands/take-part.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listEventOutcomesByTheme } from '../commands/event-outcomes.js';
import { computeResults } from '../commands/results.js';

import { RepresentativenessView, ResultsView } from './results-view.js';
import { presentRepresentativeness, presentResults } from './results.server.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.results.title', values: { title: args.data?.title ?? '' } });
}

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const staff = isAllowed(deps.permissions, ctx.actor, 'consultations.results.read');
  if (!c.resultsPublished && !staff) throw data('not found', { status: 404 });
  const results = await computeResults(deps, c, { audience: 'public' });
  const items = await questionnaireOf(deps, c);
  const fallback = ctx.site.defaultLocale;
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, fallback).text,
    published: c.resultsPublished,
    staff,
    respondents: results.respondents,
    weighted: c.weighting.method !== 'none' && !results.weighting.problem,
    method: c.weighting.method,
    questions: presentResults(results, items, ctx.locale, fallback),
    representativeness: presentRepresentativeness(results, items, ctx.locale, fallback),
    // The events strand beside the survey's: their concerns and recommendations by theme.
    outcomes: (await listEventOutcomesByTheme(deps, ctx.site.id, c.id)).map((g) => ({
      theme: g.theme ? pickText(g.theme.label, ctx.locale, fallback).text : null,
      items: g.items.map((i) => ({ kind: i.kind, text: i.text, eventId: i.eventId, eventTitle: i.eventTitle })),
    })),
  };
}

export default function ResultsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}`}>{d.title}</a>
      </p>
      <h1>{t('consultations.results.title', { title: d.title })}</h1>
      {!d.published && <p className="notice">{t('consultations.results.notPublished')}</p>}
      <p className="lead">{t('consultations.results.respondentsTotal', { count: d.respondents })}</p>
      <p>{d.weighted ? t(`consultations.results.weightedBy.${d.method}`) : t('consultations.results.unweighted')}</p>
      {d.staff && (
        <p>
          <a href={`/consultations/${d.slug}/admin/results`}>{t('consultations.results.staffTitle')}</a>
        </p>
      )}
      <ResultsView questions={d.questions} weighted={d.weighted} />
      {d.outcomes.length > 0 && (
        <section aria-labelledby="outcomes">
          <h2 id="outcomes">{t('consultations.events.recommendations.heading')}</h2>
          <p>{t('consultations.events.recommendations.intro')}</p>
          {d.outcomes.map((g, k) => (
            <section key={g.theme ?? ''} aria-labelledby={`theme-${k}`}>
              <h3 id={`theme-${k}`}>{g.theme ?? t('consultations.events.recommendations.untagged')}</h3>
              <ul>
                {g.items.map((i, n) => (
                  <li key={n}>
                    <span className="badge">{t(`consultations.events.kind.${i.kind}`)}</span> {i.text}{' '}
                    <span className="hint">
                      (<a href={`/consultations/${d.slug}/events/${i.eventId}`}>{i.eventTitle}</a>)
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}
      {d.representativeness.length > 0 && (
        <section aria-labelledby="representativeness">
          <h2 id="representativeness">{t('consultations.results.representativeness')}</h2>
          <p>{t('consultations.results.representativenessIntro')}</p>
          <RepresentativenessView rows={d.representativeness} />
        </section>
      )}
    </>
  );
}
