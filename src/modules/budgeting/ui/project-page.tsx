import { data, useLoaderData } from 'react-router';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { findProject, listHistory } from '../store/queries.js';
import { loadProcessView, presentCard } from './load.server.js';
import { useMoney } from './shared.js';

export function meta({ data: d }: { data?: { project: { title: string } } }) {
  return d ? [{ title: `${d.project.title} · Polity` }] : [];
}

export async function loader({ context, params }: LoaderArgs) {
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const p = await findProject(context.deps.db, context.ctx.site.id, row.id, params.code ?? '');
  if (!p) throw data('not found', { status: 404 });
  const history = await listHistory(context.deps.db, context.ctx.site.id, p.id);
  return {
    view,
    project: presentCard(p, view),
    history: history.map((h) => ({
      kind: h.kind,
      actorName: h.actorName,
      at: h.createdAt.toISOString(),
      changes: Object.entries(h.changes).map(([field, c]) => ({
        field,
        from: c.from === null ? '' : String(c.from),
        to: c.to === null ? '' : String(c.to),
      })),
    })),
  };
}

export default function ProjectPage() {
  const { view, project, history } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(view.currency);
  return (
    <>
      <p>
        <a href={`/budgeting/${view.slug}`}>{view.title}</a>
      </p>
      <h1>{project.title}</h1>
      <p>
        <span className="badge">{t(`budgeting.status.${project.status}`)}</span>
      </p>
      {project.status === 'set-aside' && project.statusReason && (
        <p className="notice">{t('budgeting.project.setAsideReason', { reason: project.statusReason })}</p>
      )}
      <dl>
        <dt>{t('budgeting.project.cost')}</dt>
        <dd>{money(project.cost)}</dd>
        <dt>{t('budgeting.district')}</dt>
        <dd>{project.districtName}</dd>
        {project.category && (
          <>
            <dt>{t('budgeting.project.category')}</dt>
            <dd>{project.category}</dd>
          </>
        )}
        {project.lat !== null && (
          <>
            <dt>{t('budgeting.project.location')}</dt>
            <dd>
              {project.lat.toFixed(4)}, {project.lng?.toFixed(4)}
            </dd>
          </>
        )}
      </dl>
      <div className="prose">
        <p>{project.description}</p>
      </div>
      <section aria-labelledby="history">
        <h2 id="history">{t('budgeting.project.history')}</h2>
        <ol>
          {history.map((h, i) => (
            <li key={i}>
              <strong>{t(`budgeting.history.${h.kind}`)}</strong> · {formatDate(h.at, locale)}
              {h.actorName ? ` · ${h.actorName}` : ''}
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.field}>{t('budgeting.history.change', { field: c.field, from: c.from || '—', to: c.to || '—' })}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
