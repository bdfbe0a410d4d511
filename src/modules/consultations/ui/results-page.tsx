import { data, useLoaderData } from 'react-router';
import { questionnaireOf } from '../commands/take-part.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listEventOutcomesByTheme } from '../commands/event-outcomes.js';
import { computeResults, parseGroupParam } from '../commands/results.js';
import { AppError } from '../../../kernel/errors.js';
import { Field } from '../../../web/kit/form.js';
import { SMALL_GROUP } from '../core/results.js';

import { RepresentativenessView, ResultsView } from './results-view.js';
import { groupChoices, presentRepresentativeness, presentResults } from './results.server.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.results.title', values: { title: args.data?.title ?? '' } });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const staff = isAllowed(deps.permissions, ctx.actor, 'consultations.results.read');
  if (!c.resultsPublished && !staff) throw data('not found', { status: 404 });
  const items = await questionnaireOf(deps, c);
  const fallback = ctx.site.defaultLocale;
  // Results by group (`?group=region:west`): small groups are withheld from the public, flagged for staff.
  const groupParam = new URL(request.url).searchParams.get('group') ?? '';
  let groupProblem: 'unknown' | 'empty' | null = null;
  let results;
  try {
    const group = parseGroupParam(groupParam);
    results = await computeResults(deps, c, {
      audience: 'public',
      ...(group ? { group: { ...group, withholdSmall: !staff, locale: ctx.locale, fallback } } : {}),
    });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'invalid_input') throw e;
    groupProblem = e.reasons.group?.reason === 'group_empty' ? 'empty' : 'unknown';
    results = await computeResults(deps, c, { audience: 'public' });
  }
  // Visitors group by published questions only (computeResults refuses the others).
  const groups = groupChoices(staff ? items : items.filter((i) => c.publishedQuestions.includes(i.id)), ctx.locale, fallback);
  return {
    groups,
    groupParam,
    groupProblem,
    group: results.group
      ? { ...results.group, questionLabel: groups.find((g) => g.question === results.group?.question)?.label ?? results.group.question }
      : null,
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
      <form method="get" className="results-group">
        <Field
          name="group"
          label={t('consultations.results.groupLabel')}
          error={
            d.groupProblem ? t(d.groupProblem === 'empty' ? 'consultations.results.groupEmpty' : 'consultations.results.groupUnknown') : undefined
          }
        >
          {(p) => (
            <select {...p} defaultValue={d.group ? `${d.group.question}:${d.group.value}` : ''}>
              <option value="">{t('consultations.results.groupEveryone')}</option>
              {d.groups.map((g) => (
                <optgroup key={g.question} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.value} value={`${g.question}:${o.value}`}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button">
          {t('consultations.results.groupShow')}
        </button>
      </form>
      {d.group && d.group.respondents !== null && (
        <p className="notice" role="status">
          {t('consultations.results.groupShown', { question: d.group.questionLabel, category: d.group.label, count: d.group.respondents })}
        </p>
      )}
      {d.group?.withheld && <p className="notice">{t('consultations.results.groupWithheld', { min: SMALL_GROUP })}</p>}
      {d.group?.small && !d.group.withheld && (
        <p className="notice">
          <span className="badge">{t('consultations.results.smallCell')}</span> {t('consultations.results.groupSmall', { min: SMALL_GROUP })}
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
