import { redirect, useActionData, useLoaderData } from 'react-router';
import { formatDate } from '../../../web/kit/format.js';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { confirmPaperBallot, enterPaperBallot } from '../commands/ballots.js';
import { listPendingPaperBallots, listProjects } from '../store/queries.js';
import { choicesFromValues, readBallotForm } from './ballot-form.js';
import { BallotFields } from './ballot-fields.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.paper.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.paper.enter');
  const { deps, ctx } = context;
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const url = new URL(request.url);
  const district = view.districts.find((d) => d.slug === url.searchParams.get('district')) ?? view.districts[0];
  const all = await listProjects(deps.db, ctx.site.id, row.id);
  const title = new Map(all.map((p) => [p.code, p.title]));
  const projects = all
    .filter((p) => p.districtId === district.id && (p.status === 'feasible' || p.status === 'selected'))
    .map((p) => ({ code: p.code, title: p.title, cost: p.cost }));
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : '';
  const pending = (await listPendingPaperBallots(deps.db, ctx.site.id, row.id)).map((b) => ({
    id: b.id,
    reference: b.reference ?? '',
    district: view.districts.find((d) => d.id === b.districtId)?.name ?? '',
    choices: b.choices.map((c) => `${title.get(c.project) ?? c.project}${c.points !== undefined ? ` (${c.points})` : ''}`),
    enteredAt: b.createdAt.toISOString(),
    mine: b.enteredBy === me,
  }));
  return {
    view: { ...view, districts: view.districts.map(({ slug, name }) => ({ slug, name })) },
    district: { slug: district.slug, name: district.name, budget: district.budget },
    projects,
    pending,
    done: url.searchParams.get('done'),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.paper.enter');
  const { deps, ctx } = context;
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const actor = ctx.actor as { userId: string; name: string };
  const staff = { userId: actor.userId, name: actor.name };
  try {
    if (values.intent === 'confirm') {
      await confirmPaperBallot(deps, ctx.site.id, row, staff, String(values.id ?? ''));
      return redirect(`/budgeting/${row.slug}/admin/paper?done=confirmed`);
    }
    const code = typeof values.code === 'string' && values.code.trim() ? values.code.trim() : undefined;
    await enterPaperBallot(deps, ctx.site.id, row, staff, {
      reference: values.reference,
      district: values.district,
      choices: readBallotForm(row.ballotType, form),
      code,
    });
    return redirect(`/budgeting/${row.slug}/admin/paper?district=${encodeURIComponent(String(values.district ?? ''))}&done=entered`);
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function PaperPage() {
  const { view, district, projects, pending, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const labels = {
    reference: t('budgeting.paper.reference'),
    choices: t('budgeting.vote.choicesLabel'),
    code: t('budgeting.paper.code'),
    district: t('budgeting.district'),
  };
  const base = `/budgeting/${view.slug}`;
  return (
    <>
      <p>
        <a href={`${base}/admin`}>{t('budgeting.admin.heading', { title: view.title })}</a>
      </p>
      <h1>{t('budgeting.paper.title')}</h1>
      <p>{t('budgeting.paper.intro')}</p>
      {done && (
        <p className="notice" role="status">
          {t(done === 'confirmed' ? 'budgeting.paper.confirmed' : 'budgeting.paper.entered')}
        </p>
      )}
      <ErrorSummary {...failed} labels={labels} />
      <section aria-labelledby="pending">
        <h2 id="pending">{t('budgeting.paper.pending', { count: pending.length })}</h2>
        <ul>
          {pending.map((b) => (
            <li key={b.id}>
              <strong>{b.reference}</strong> · {b.district} · {formatDate(b.enteredAt, locale, 'datetime')}: {b.choices.join(', ')}{' '}
              {b.mine ? (
                <span className="muted">{t('budgeting.paper.mine')}</span>
              ) : (
                <form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="intent" value="confirm" />
                  <input type="hidden" name="id" value={b.id} />
                  <button type="submit" className="button">
                    {t('budgeting.paper.confirm', { reference: b.reference })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="enter">
        <h2 id="enter">{t('budgeting.paper.enter', { district: district.name })}</h2>
        {view.districts.length > 1 && (
          <nav aria-label={t('budgeting.vote.districts')}>
            <ul className="actions">
              {view.districts.map((d) => (
                <li key={d.slug}>
                  <a href={`${base}/admin/paper?district=${d.slug}`} aria-current={d.slug === district.slug ? 'page' : undefined}>
                    {d.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="enter" />
          <input type="hidden" name="district" value={district.slug} />
          <Field name="reference" label={labels.reference} error={errorOf('reference')} required>
            {(p) => <input {...p} defaultValue={failure && !failure.ok ? String(failure.values.reference ?? '') : ''} />}
          </Field>
          <BallotFields
            type={view.ballotType}
            constraints={view.constraints}
            projects={projects}
            budget={district.budget}
            currency={view.currency}
            initial={failed ? choicesFromValues(view.ballotType, projects, failed.values) : []}
            error={errorOf('choices')}
          />
          <Field name="code" label={labels.code} error={errorOf('code')}>
            {(p) => <input {...p} autoComplete="off" />}
          </Field>
          <button type="submit" className="button">
            {t('budgeting.paper.save')}
          </button>
        </form>
      </section>
    </>
  );
}
