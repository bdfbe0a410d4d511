import { useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { loadProcessView, loadProjectCards } from './load.server.js';
import { PhaseList, ProjectMap, useMoney } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { view: { title: string } } }) {
  return pageTitle(args, args.data ? { text: args.data.view.title } : { id: 'budgeting.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const district = new URL(request.url).searchParams.get('district') ?? '';
  const all = await loadProjectCards(context, row.id, view);
  const projects = district ? all.filter((p) => p.district === district) : all;
  return { view, projects, district, tiles: mapTilesOf(context.deps.env) };
}

export default function ProcessPage() {
  const { view, projects, district, tiles } = useLoaderData<typeof loader>();
  const t = useT();
  const money = useMoney(view.currency);
  const base = `/budgeting/${view.slug}`;
  return (
    <>
      <p>
        <a href="/budgeting">{t('budgeting.title')}</a>
      </p>
      <h1>{view.title}</h1>
      <p className="lead">{view.description}</p>
      <ul className="actions">
        {view.phase === 'proposals' && (
          <li>
            <a className="button" href={`${base}/propose`}>
              {t('budgeting.propose.title')}
            </a>
          </li>
        )}
        {view.votingOpen && (
          <li>
            <a className="button" href={`${base}/vote`}>
              {t('budgeting.vote.title')}
            </a>
          </li>
        )}
        <li>
          <a href={`${base}/my-ballot`}>{t('budgeting.mine.title')}</a>
        </li>
        {view.published && (
          <li>
            <a href={`${base}/results`}>{t('budgeting.results.title')}</a>
          </li>
        )}
        {(view.canReview || view.canManage || view.canPaper) && (
          <li>
            <a href={`${base}/admin`}>{t('budgeting.admin.title')}</a>
          </li>
        )}
      </ul>
      <section aria-labelledby="phases">
        <h2 id="phases">{t('budgeting.process.phases')}</h2>
        <PhaseList phases={view.phases} current={view.phase} />
      </section>
      <section aria-labelledby="budgets">
        <h2 id="budgets">{t('budgeting.process.budgets')}</h2>
        <Table label={t('budgeting.process.budgets')}>
          <thead>
            <tr>
              <th scope="col">{t('budgeting.district')}</th>
              <th scope="col">{t('budgeting.budget')}</th>
            </tr>
          </thead>
          <tbody>
            {view.districts.map((d) => (
              <tr key={d.slug}>
                <th scope="row">{d.cityWide ? t('budgeting.cityWide', { name: d.name }) : d.name}</th>
                <td>{money(d.budget)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="muted">{t(`budgeting.ballotType.${view.ballotType}`)}</p>
      </section>
      <section aria-labelledby="projects">
        <h2 id="projects">{t('budgeting.process.projects')}</h2>
        <form method="get" className="inline">
          <label htmlFor="district-filter">{t('budgeting.district')}</label>{' '}
          <select id="district-filter" name="district" defaultValue={district}>
            <option value="">{t('budgeting.process.allDistricts')}</option>
            {view.districts.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button">
            {t('budgeting.process.filter')}
          </button>
        </form>
        <ProjectMap projects={projects} slug={view.slug} tiles={tiles} />
        {projects.length === 0 ? (
          <p>{t('budgeting.process.noProjects')}</p>
        ) : (
          <ul className="card-grid">
            {projects.map((p) => (
              <li key={p.code} className="card">
                <h3>
                  <span className="muted">{p.code}.</span> <a href={`${base}/projects/${p.code}`}>{p.title}</a>
                </h3>
                <p>
                  <span className="badge">{t(`budgeting.status.${p.status}`)}</span> {money(p.cost)} · {p.districtName}
                  {p.category ? ` · ${p.category}` : ''}
                </p>
                {p.status === 'set-aside' && p.statusReason && <p>{t('budgeting.project.setAsideReason', { reason: p.statusReason })}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
