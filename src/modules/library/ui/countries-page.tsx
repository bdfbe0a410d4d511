import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { BarChart } from '../../../web/kit/bar-chart.js';
import { useT } from '../../../web/kit/i18n.js';
import { Table } from '../../../web/kit/table.js';
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

export default function CountriesPage() {
  const { countries, total } = useLoaderData<typeof loader>();
  const t = useT();
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
          <BarChart title={t('library.countries.chart')} rows={countries.map((c) => ({ label: c.name, value: c.count }))} />
          <Table label={t('library.countries.table')}>
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
          </Table>
        </>
      )}
    </>
  );
}
