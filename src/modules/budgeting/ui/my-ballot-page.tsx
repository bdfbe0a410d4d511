import { useActionData, useLoaderData } from 'react-router';
import { invalidInput } from '../../../kernel/errors.js';
import { formatDate } from '../../../web/kit/format.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { findMyBallots, type Voter } from '../commands/ballots.js';
import { listProjects } from '../store/queries.js';
import type { BallotRow } from '../store/tables.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.mine.title' });
}

async function present(context: LoaderArgs['context'], slug: string, voter: Voter | null) {
  const { deps, ctx } = context;
  const { row, view } = await loadProcessView(context, slug);
  const rows: BallotRow[] = voter ? await findMyBallots(deps, ctx.site.id, row, voter) : [];
  const projects = await listProjects(deps.db, ctx.site.id, row.id);
  const title = new Map(projects.map((p) => [p.code, p.title]));
  return {
    view,
    ballots: rows.map((b) => ({
      district: view.districts.find((d) => d.id === b.districtId)?.name ?? '',
      channel: b.channel,
      status: b.status,
      updatedAt: b.updatedAt.toISOString(),
      choices: b.choices.map((c) => ({ title: title.get(c.project) ?? c.project, points: c.points ?? null })),
    })),
  };
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { ctx } = context;
  const url = new URL(request.url);
  const voter: Voter | null = ctx.actor.kind === 'user' ? { kind: 'user', userId: ctx.actor.userId } : null;
  return { ...(await present(context, params.slug ?? '', voter)), saved: url.searchParams.has('saved'), byCode: false };
}

/** Voting-code holders ask with their code (a form, so the code never lands in a URL). */
export async function action({ context, params, request }: ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  try {
    const code = String(values.code ?? '').trim();
    if (!code) throw invalidInput({ code: 'enter your voting code' }, undefined, { code: { reason: 'required' } });
    return {
      ok: true as const,
      ...(await present(context, params.slug ?? '', { kind: 'code', code, client: context.ctx.clientIp })),
      saved: false,
      byCode: true,
    };
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function MyBallotPage() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const d = acted && 'ok' in acted && acted.ok ? acted : loaded;
  const failure = acted && !acted.ok ? acted : null;
  const t = useT();
  const { locale } = useRoot();
  const errorOf = useFieldErrors(failure);
  const voted = d.ballots.some((b) => b.status === 'counted');
  return (
    <>
      <p>
        <a href={`/budgeting/${d.view.slug}`}>{d.view.title}</a>
      </p>
      <h1>{t('budgeting.mine.title')}</h1>
      {d.saved && (
        <p className="notice" role="status">
          {t('budgeting.mine.saved')}
        </p>
      )}
      {(d.view.signedIn || d.byCode) && (
        <p className="lead">{voted ? t('budgeting.mine.voted') : d.ballots.length ? t('budgeting.mine.pending') : t('budgeting.mine.notVoted')}</p>
      )}
      {d.ballots.map((b, i) => (
        <section key={i} aria-labelledby={`ballot-${i}`} className="card">
          <h2 id={`ballot-${i}`}>{b.district}</h2>
          <p className="muted">
            {t(`budgeting.channel.${b.channel}`)} · {formatDate(b.updatedAt, locale, 'datetime')} · {t(`budgeting.ballotStatus.${b.status}`)}
          </p>
          <ol>
            {b.choices.map((c, j) => (
              <li key={j}>{c.points !== null ? t('budgeting.mine.points', { title: c.title, points: c.points }) : c.title}</li>
            ))}
          </ol>
        </section>
      ))}
      {d.view.votingOpen && (d.view.signedIn || d.byCode) && (
        <p>
          <a className="button" href={`/budgeting/${d.view.slug}/vote`}>
            {voted ? t('budgeting.vote.change') : t('budgeting.vote.title')}
          </a>
        </p>
      )}
      {!d.view.signedIn && (
        <form method="post">
          <CsrfField />
          <ErrorSummary {...failure} labels={{ code: t('budgeting.vote.code') }} />
          <Field name="code" label={t('budgeting.vote.code')} hint={t('budgeting.mine.codeHint')} error={errorOf('code')}>
            {(p) => <input {...p} autoComplete="off" />}
          </Field>
          <button type="submit" className="button">
            {t('budgeting.mine.lookUp')}
          </button>
        </form>
      )}
    </>
  );
}

/** A ballot is personal: never cached by shared caches. */
export function headers() {
  return { 'Cache-Control': 'private, no-store' };
}
