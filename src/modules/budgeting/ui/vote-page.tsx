import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { castBallot, findMyBallots, type Voter } from '../commands/ballots.js';
import { listProjects } from '../store/queries.js';
import type { Choice } from '../core/process-types.js';
import { readBallotForm } from './ballot-form.js';
import { BallotFields } from './ballot-fields.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { district: { name: string } } }) {
  return pageTitle(args, args.data ? { id: 'budgeting.vote.heading', values: { district: args.data.district.name } } : { id: 'budgeting.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const wanted = new URL(request.url).searchParams.get('district');
  const district = view.districts.find((d) => d.slug === wanted) ?? view.districts[0];
  const projects = (await listProjects(deps.db, ctx.site.id, row.id, district.id))
    .filter((p) => p.status === 'feasible' || p.status === 'selected')
    .map((p) => ({ code: p.code, title: p.title, cost: p.cost }));
  let initial: Choice[] = [];
  if (ctx.actor.kind === 'user') {
    const mine = await findMyBallots(deps, ctx.site.id, row, { kind: 'user', userId: ctx.actor.userId });
    initial = mine.find((b) => b.districtId === district.id)?.choices ?? [];
  }
  return {
    view: { ...view, districts: view.districts.map(({ slug, name, budget, cityWide }) => ({ slug, name, budget, cityWide })) },
    district: { slug: district.slug, name: district.name, budget: district.budget },
    projects,
    initial,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  try {
    const code = typeof values.code === 'string' ? values.code.trim() : '';
    let voter: Voter;
    if (code) voter = { kind: 'code', code, userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null, client: ctx.clientIp };
    else if (ctx.actor.kind === 'user') voter = { kind: 'user', userId: ctx.actor.userId };
    else
      throw new AppError('invalid_input', 'Sign in or enter the voting code from your letter.', {
        fields: { code: 'sign in or enter your voting code' },
      });
    const choices = readBallotForm(row.ballotType, form);
    await castBallot(deps, ctx.site.id, row, voter, { district: values.district, choices, ...(code ? { code } : {}) });
    return redirect(`/budgeting/${row.slug}/my-ballot?saved=1${code ? '&code=1' : ''}`);
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function VotePage() {
  const { view, district, projects, initial } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const fields = failure && !failure.ok ? failure.fields : {};
  // After a refused ballot, show what the voter had chosen, not the saved ballot.
  let chosen: Choice[] = initial;
  if (failure && !failure.ok) {
    const vals = failure.values;
    const list = (k: string) => (Array.isArray(vals[k]) ? (vals[k] as string[]) : vals[k] ? [vals[k] as string] : []);
    if (view.ballotType === 'cumulative')
      chosen = projects.filter((p) => vals[`points.${p.code}`]).map((p) => ({ project: p.code, points: Number(vals[`points.${p.code}`]) }));
    else if (view.ballotType === 'ordinal')
      chosen = projects
        .filter((p) => vals[`rank.${p.code}`])
        .sort((a, b) => Number(vals[`rank.${a.code}`]) - Number(vals[`rank.${b.code}`]))
        .map((p) => ({ project: p.code }));
    else chosen = list('project').map((project) => ({ project }));
  }
  const base = `/budgeting/${view.slug}`;
  return (
    <>
      <p>
        <a href={base}>{view.title}</a>
      </p>
      <h1>{t('budgeting.vote.heading', { district: district.name })}</h1>
      {!view.votingOpen ? (
        <p className="notice">{t('budgeting.vote.closed')}</p>
      ) : (
        <>
          {view.districts.length > 1 && (
            <nav aria-label={t('budgeting.vote.districts')}>
              <ul className="actions">
                {view.districts.map((d) => (
                  <li key={d.slug}>
                    <a href={`${base}/vote?district=${d.slug}`} aria-current={d.slug === district.slug ? 'page' : undefined}>
                      {d.cityWide ? t('budgeting.cityWide', { name: d.name }) : d.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <p>{t('budgeting.vote.onePerPot')}</p>
          <form method="post" key={JSON.stringify(chosen)}>
            <CsrfField />
            <ErrorSummary fields={fields} message={failure && !failure.ok ? failure.message : undefined} />
            <input type="hidden" name="district" value={district.slug} />
            <BallotFields
              type={view.ballotType}
              constraints={view.constraints}
              projects={projects}
              budget={district.budget}
              currency={view.currency}
              initial={chosen}
              error={fields.choices}
            />
            {!view.signedIn && (
              <Field name="code" label={t('budgeting.vote.code')} hint={t('budgeting.vote.codeHint')} error={fields.code}>
                {(p) => <input {...p} autoComplete="off" defaultValue={failure && !failure.ok ? String(failure.values.code ?? '') : ''} />}
              </Field>
            )}
            <button type="submit" className="button">
              {initial.length ? t('budgeting.vote.change') : t('budgeting.vote.send')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

/** A ballot is personal: never cached by shared caches. */
export function headers() {
  return { 'Cache-Control': 'private, no-store' };
}
