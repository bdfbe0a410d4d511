import { data, useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { computeResults } from '../commands/results.js';
import { currentItems } from '../store/results.js';
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
  const items = await currentItems(deps.db, c);
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
