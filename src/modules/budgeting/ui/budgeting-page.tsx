import { useLoaderData } from 'react-router';
import { useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { computePhase } from '../core/phases.js';
import { listProcesses } from '../store/queries.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.title' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  const now = deps.clock.now();
  const rows = await listProcesses(deps.db, ctx.site.id);
  return { processes: rows.map((p) => ({ slug: p.slug, title: p.title, description: p.description, phase: computePhase(p.phases, now) })) };
}

export default function BudgetingPage() {
  const { processes } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('budgeting.title')}</h1>
      <p className="lead">{t('budgeting.intro')}</p>
      {processes.length === 0 ? (
        <p>{t('budgeting.none')}</p>
      ) : (
        <ul className="card-grid">
          {processes.map((p) => (
            <li key={p.slug} className="card">
              <h2>
                <a href={`/budgeting/${p.slug}`}>{p.title}</a>
              </h2>
              <p>
                <span className="badge">{t(`budgeting.phase.${p.phase}`)}</span>
              </p>
              <p>{p.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
