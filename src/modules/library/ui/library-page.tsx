import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { searchCaseStudies } from '../commands/search.js';
import { caseFilters, caseSearchParams } from '../core/query.js';
import { CASE_FACET_NAMES } from '../core/search.js';
import { facetLabel, pick, Pagination } from './shared.js';
import { readSearchPage } from './search-page.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import { FilterPanel } from '../../../web/kit/filter-panel.js';

const PAGE_SIZE = 12;

/** How many values of a facet show before the rest fold into a disclosure. */
const FACET_VALUES_SHOWN = 8;

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { params: p, page, offset, linkParams } = readSearchPage(request, caseSearchParams, PAGE_SIZE);
  const r = await searchCaseStudies(deps, ctx.site.id, {
    q: p.q,
    filters: caseFilters(p),
    sort: p.sort,
    offset,
    limit: PAGE_SIZE,
    locale: ctx.locale,
  });
  return {
    q: p.q ?? '',
    sort: r.sort,
    selected: caseFilters(p) as Record<string, string[]>,
    facets: r.facets,
    total: r.total,
    page,
    pages: Math.ceil(r.total / PAGE_SIZE),
    params: linkParams,
    canEdit: isAllowed(deps.permissions, ctx.actor, 'library.case.edit'),
    items: r.items.map((i) => ({
      slug: i.slug,
      title: pick(i.title, ctx.locale, i.originalLocale),
      summary: pick(i.summary, ctx.locale, i.originalLocale),
      country: i.country,
      level: i.level,
      stage: i.stage,
      year: i.yearLaunched,
      sectors: i.sectors,
      recognised: i.recognitions.length > 0,
    })),
  };
}

/** The URL without one filter value, for "remove this filter" links. */
function without(params: string, facet: string, value: string): string {
  const sp = new URLSearchParams(params);
  const rest = sp.getAll(facet).filter((v) => v !== value);
  sp.delete(facet);
  for (const v of rest) sp.append(facet, v);
  const s = sp.toString();
  return s ? `/library?${s}` : '/library';
}

export default function LibraryPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const active = Object.entries(d.selected).flatMap(([facet, values]) => (values ?? []).map((v) => ({ facet, value: v })));
  return (
    <>
      <h1>{t('library.title')}</h1>
      <p className="lead">{t('library.intro')}</p>
      <p>
        <a href="/library/countries">{t('library.countries.link')}</a> · <a href="/library/posts">{t('library.posts.link')}</a> ·{' '}
        <a href="/library/feed.atom">{t('library.feed')}</a> · <a href="/library/open-data/case-studies.csv">{t('library.openData.csv')}</a> ·{' '}
        <a href="/library/open-data/case-studies.json">{t('library.openData.json')}</a>
        {d.canEdit && (
          <>
            {' '}
            · <a href="/library/admin">{t('library.nav.admin')}</a>
          </>
        )}
      </p>
      <form method="get" action="/library" role="search">
        <div className="field">
          <label htmlFor="library-q">{t('library.search.label')}</label>
          <input id="library-q" type="search" name="q" defaultValue={d.q} />
        </div>
        <div className="actions">
          <label htmlFor="library-sort">{t('library.sort.label')}</label>
          <select id="library-sort" name="sort" defaultValue={d.sort}>
            <option value="relevance">{t('library.sort.relevance')}</option>
            <option value="date">{t('library.sort.date')}</option>
          </select>
          <button type="submit">{t('library.search.submit')}</button>
        </div>
        <div className="layout-sidebar">
          {/* On phones the facets fold behind "Filters" under the search box; from 48rem up they stand open beside the results. */}
          <FilterPanel className="facets" summary={t('library.filters')} active={active.length > 0}>
            <h2 className="facets-heading">{t('library.filters')}</h2>
            {CASE_FACET_NAMES.map((facet) => {
              const values = facet === 'year' ? [...d.facets[facet]].sort((a, b) => b.value.localeCompare(a.value)) : d.facets[facet];
              if (values.length === 0) return null;
              // Long lists show their first values; the rest fold away so keyboard users need
              // not tab through every country to reach the button.
              const shown = values.filter((f, i) => i < FACET_VALUES_SHOWN || f.selected);
              const folded = values.filter((f, i) => i >= FACET_VALUES_SHOWN && !f.selected);
              const option = (f: (typeof values)[number]) => (
                <label className="choice" key={f.value}>
                  <input type="checkbox" name={facet} value={f.value} defaultChecked={f.selected} />
                  <span>{facetLabel(t, locale, facet, f.value)}</span>
                  <span className="facet-count">({f.count})</span>
                </label>
              );
              return (
                <fieldset key={facet}>
                  <legend>{t(`library.facet.${facet}`)}</legend>
                  {shown.map(option)}
                  {folded.length > 0 && (
                    <details>
                      <summary>{t('library.moreValues', { count: folded.length })}</summary>
                      {folded.map(option)}
                    </details>
                  )}
                  <button type="submit" className="secondary">
                    {t('library.applyFilters')}
                  </button>
                </fieldset>
              );
            })}
          </FilterPanel>
          <div>
            {active.length > 0 && (
              <div>
                <h2 className="visually-hidden">{t('library.activeFilters')}</h2>
                <ul className="actions" aria-label={t('library.activeFilters')}>
                  {active.map((a) => (
                    <li key={`${a.facet}:${a.value}`} className="badge">
                      <a
                        href={without(d.params, a.facet, a.value)}
                        title={t('library.removeFilter', { filter: facetLabel(t, locale, a.facet, a.value) })}
                      >
                        {t(`library.facet.${a.facet}`)}: {facetLabel(t, locale, a.facet, a.value)}
                        <span aria-hidden="true"> ✕</span>
                        <span className="visually-hidden"> ({t('library.removeFilterShort')})</span>
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/library">{t('library.clearFilters')}</a>
                  </li>
                </ul>
              </div>
            )}
            <p role="status">{t('library.resultCount', { count: d.total })}</p>
            <ul className="card-grid">
              {d.items.map((i) => (
                <li key={i.slug} className="card">
                  <h2>
                    <a href={`/library/case-studies/${i.slug}`}>{i.title}</a>
                  </h2>
                  <p className="muted">
                    {facetLabel(t, locale, 'country', i.country)} · {t(`library.level.${i.level}`)} · {i.year}
                  </p>
                  <p>{i.summary}</p>
                  <p>
                    <span className="badge">{t(`library.stage.${i.stage}`)}</span>
                    {i.recognised && <span className="badge badge-accent">{t('library.awarded')}</span>}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination page={d.page} pages={d.pages} params={d.params} />
          </div>
        </div>
      </form>
    </>
  );
}
