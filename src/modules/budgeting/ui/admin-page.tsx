import { redirect, useActionData, useLoaderData, data } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs, PolityLoadContext } from '../../../web/kit/route-args.js';
import { reviewProject } from '../commands/projects.js';
import { computeResults, publishResults } from '../commands/results.js';
import { closeVoting } from '../commands/personal-data.js';
import { countTurnout, findProject, listResults } from '../store/queries.js';
import { loadProcessView, loadProjectCards } from './load.server.js';
import { useMoney } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { view: { title: string } } }) {
  return pageTitle(args, args.data ? { id: 'budgeting.admin.heading', values: { title: args.data.view.title } } : { id: 'budgeting.title' });
}

function requireStaff(context: PolityLoadContext, request: Request) {
  const { deps, ctx } = context;
  const ok = ['budgeting.project.review', 'budgeting.process.manage', 'budgeting.paper.enter'].some((p) => isAllowed(deps.permissions, ctx.actor, p));
  if (ok) return;
  if (ctx.actor.kind !== 'user') throw redirect(`/sign-in?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  throw data('forbidden', { status: 403 });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requireStaff(context, request);
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const projects = await loadProjectCards(context, row.id, view);
  const turnout = await countTurnout(context.deps.db, context.ctx.site.id, row.id);
  const results = await listResults(context.deps.db, context.ctx.site.id, row.id);
  return {
    view,
    projects,
    computed: results.length > 0,
    turnout: view.districts.map((d) => {
      const by = (ch: string) => turnout.find((x) => x.districtId === d.id && x.channel === ch)?.ballots ?? 0;
      return { name: d.name, online: by('online'), paper: by('paper'), import: by('import') };
    }),
    done: new URL(request.url).searchParams.get('done'),
  };
}

/** Refuses an action the person's role does not allow, in words the page can translate. */
function notAllowed(): AppError {
  return new AppError('forbidden', 'You do not have permission to do this.', { reason: { reason: 'budgeting_not_allowed' } });
}

export async function action({ context, params, request }: ActionArgs) {
  requireStaff(context, request);
  const { deps, ctx } = context;
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const actor = ctx.actor as { userId: string; name: string };
  try {
    if (values.intent === 'review') {
      if (!isAllowed(deps.permissions, ctx.actor, 'budgeting.project.review')) throw notAllowed();
      const p = await findProject(deps.db, ctx.site.id, row.id, String(values.code ?? ''));
      if (!p) throw new AppError('not_found', 'Project was not found.', { reason: { reason: 'budgeting_project_not_found' } });
      await reviewProject(
        deps,
        ctx.site.id,
        row,
        p,
        { userId: actor.userId, name: actor.name },
        {
          status: values.status,
          cost: values.cost || undefined,
          reason: values.reason || undefined,
        },
      );
      return redirect(`/budgeting/${row.slug}/admin?done=reviewed`);
    }
    if (!isAllowed(deps.permissions, ctx.actor, 'budgeting.process.manage')) throw notAllowed();
    if (values.intent === 'close') await closeVoting(deps, ctx.site.id, row);
    else if (values.intent === 'compute') await computeResults(deps, ctx.site.id, row);
    else if (values.intent === 'publish') await publishResults(deps, ctx.site.id, row);
    else
      throw new AppError('invalid_input', 'Unknown action.', {
        fields: { intent: 'unknown' },
        reasons: { intent: { reason: 'invalid' } },
        reason: { reason: 'invalid' },
      });
    return redirect(
      `/budgeting/${row.slug}/${values.intent === 'publish' ? 'results' : `admin?done=${values.intent === 'close' ? 'closed' : 'computed'}`}`,
    );
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function AdminPage() {
  const { view, projects, turnout, computed, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const money = useMoney(view.currency);
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  // The review form that was refused: its fields carry the ids the error summary links to, and their errors.
  const refusedCode = failed && failed.values.intent === 'review' ? String(failed.values.code ?? '') : null;
  const labels = { status: t('budgeting.admin.status'), cost: t('budgeting.admin.cost'), reason: t('budgeting.admin.reason') };
  const base = `/budgeting/${view.slug}`;
  return (
    <>
      <p>
        <a href={base}>{view.title}</a>
      </p>
      <h1>{t('budgeting.admin.heading', { title: view.title })}</h1>
      {done && (
        <p className="notice" role="status">
          {t(`budgeting.admin.done.${done === 'computed' || done === 'closed' ? done : 'reviewed'}`)}
        </p>
      )}
      <ErrorSummary {...failed} labels={labels} />
      <ul className="actions">
        {view.canManage && (
          <li>
            <a href={`${base}/admin/codes`}>{t('budgeting.codes.title')}</a>
          </li>
        )}
        {view.canManage && (
          <li>
            <a href={`${base}/admin/census`}>{t('budgeting.census.title')}</a>
          </li>
        )}
        {view.canPaper && (
          <li>
            <a href={`${base}/admin/paper`}>{t('budgeting.paper.title')}</a>
          </li>
        )}
        {computed && (
          <li>
            <a href={`${base}/results`}>{t('budgeting.results.title')}</a>
          </li>
        )}
      </ul>
      <section aria-labelledby="turnout">
        <h2 id="turnout">{t('budgeting.admin.turnout')}</h2>
        <Table label={t('budgeting.admin.turnout')}>
          <thead>
            <tr>
              <th scope="col">{t('budgeting.district')}</th>
              <th scope="col">{t('budgeting.channel.online')}</th>
              <th scope="col">{t('budgeting.channel.paper')}</th>
              <th scope="col">{t('budgeting.channel.import')}</th>
            </tr>
          </thead>
          <tbody>
            {turnout.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>{r.online}</td>
                <td>{r.paper}</td>
                <td>{r.import}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      {view.canManage && !view.published && (
        <section aria-labelledby="results">
          <h2 id="results">{t('budgeting.results.title')}</h2>
          <form method="post" className="inline">
            <CsrfField />
            {view.votingOpen && (
              <>
                <button type="submit" name="intent" value="close" className="button">
                  {t('budgeting.admin.close')}
                </button>{' '}
              </>
            )}
            <button type="submit" name="intent" value="compute" className="button">
              {t('budgeting.admin.compute')}
            </button>{' '}
            {computed && (
              <button type="submit" name="intent" value="publish" className="button">
                {t('budgeting.admin.publish')}
              </button>
            )}
          </form>
        </section>
      )}
      {view.canReview && (
        <section aria-labelledby="review">
          <h2 id="review">{t('budgeting.admin.review')}</h2>
          {projects.map((p) => {
            // The refused form's fields take the ids the error summary links to, its typed values and their errors.
            const refused = p.code === refusedCode;
            const field = (name: 'status' | 'cost' | 'reason', saved: string) => ({
              name,
              id: refused ? `field-${name}` : `${name}-${p.code}`,
              label: labels[name],
              error: refused ? errorOf(name) : undefined,
              value: refused ? String(failed?.values[name] ?? '') : saved,
            });
            const status = field('status', p.status === 'selected' ? 'feasible' : p.status);
            const cost = field('cost', p.cost);
            const reason = field('reason', p.statusReason ?? '');
            return (
              <form method="post" key={p.code} className="card" aria-labelledby={`review-${p.code}`}>
                <CsrfField />
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="code" value={p.code} />
                <h3 id={`review-${p.code}`}>
                  <a href={`${base}/projects/${p.code}`}>{p.title}</a> · {money(p.cost)} · {p.districtName}
                </h3>
                <Field {...status}>
                  {(props) => (
                    <select {...props} defaultValue={status.value}>
                      {(['proposed', 'feasible', 'set-aside'] as const).map((s) => (
                        <option key={s} value={s}>
                          {t(`budgeting.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field {...cost}>{(props) => <input {...props} inputMode="decimal" defaultValue={cost.value} />}</Field>
                <Field {...reason}>{(props) => <textarea {...props} rows={2} defaultValue={reason.value} />}</Field>
                <button type="submit" className="button">
                  {t('budgeting.admin.save')}
                </button>
              </form>
            );
          })}
        </section>
      )}
    </>
  );
}
