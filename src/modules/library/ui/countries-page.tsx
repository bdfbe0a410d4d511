import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { useT } from '../../../web/kit/i18n.js';
import { countryName } from '../../../kernel/countries.js';
import { searchCaseStudies } from '../commands/search.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.countries.title' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  const r = await searchCaseStudies(deps, ctx.site.id, { locale: ctx.locale, limit: 1 });
  const countries = r.facets.country
    .map((f) => ({ code: f.value, name: countryName(f.value, ctx.locale), count: f.count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, ctx.locale));
  return { countries, total: r.total };
}

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 180;
const CHART_WIDTH = 640;

export default function CountriesPage() {
  const { countries, total } = useLoaderData<typeof loader>();
  const t = useT();
  const max = Math.max(1, ...countries.map((c) => c.count));
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 40;
  return (
    <>
      <p>
        <a href="/library">{t('library.back')}</a>
      </p>
      <h1>{t('library.countries.title')}</h1>
      <p className="lead">{t('library.countries.intro', { count: total, countries: countries.length })}</p>
      {countries.length === 0 ? (
        <p>{t('library.empty')}</p>
      ) : (
        <>
          <svg
            className="chart"
            role="img"
            aria-labelledby="countries-chart-title"
            viewBox={`0 0 ${CHART_WIDTH} ${countries.length * BAR_HEIGHT + 10}`}
            width="100%"
            style={{ maxWidth: `${CHART_WIDTH}px` }}
          >
            <title id="countries-chart-title">{t('library.countries.chart')}</title>
            {countries.map((c, i) => (
              <g key={c.code} transform={`translate(0 ${i * BAR_HEIGHT + 5})`}>
                <text x={LABEL_WIDTH - 8} y={BAR_HEIGHT / 2 + 4} textAnchor="end">
                  {c.name}
                </text>
                <rect className="bar" x={LABEL_WIDTH} y={3} height={BAR_HEIGHT - 6} width={Math.max(2, (c.count / max) * barSpace)} />
                <text x={LABEL_WIDTH + (c.count / max) * barSpace + 6} y={BAR_HEIGHT / 2 + 4}>
                  {c.count}
                </text>
              </g>
            ))}
          </svg>
          <table>
            <caption>{t('library.countries.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('library.facet.country')}</th>
                <th scope="col">{t('library.countries.count')}</th>
              </tr>
            </thead>
            <tbody>
              {countries.map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <a href={`/library?country=${c.code}`}>{c.name}</a>
                  </th>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
