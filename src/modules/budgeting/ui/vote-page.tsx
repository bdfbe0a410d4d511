import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { formatDate } from '../../../web/kit/format.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { castBallot, findMyBallots, previewBallot, type Voter } from '../commands/ballots.js';
import { declareResidence, readEligibility, verifyCensus } from '../commands/eligibility.js';
import { presentImage } from '../commands/project-images.js';
import { listFirstImages, listProjects } from '../store/queries.js';
import { ballotSlot, type Choice } from '../core/process-types.js';
import { choicesFromValues, readBallotForm } from './ballot-form.js';
import { BallotFields } from './ballot-fields.js';
import { loadProcessView, summarize } from './load.server.js';
import { useMoney } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { district: { name: string } } }) {
  return pageTitle(args, args.data ? { id: 'budgeting.vote.heading', values: { district: args.data.district.name } } : { id: 'budgeting.title' });
}

/** The voter of a form: the holder of the typed code, else the signed-in resident; otherwise refused naming the code field. */
function voterOfForm(context: ActionArgs['context'], code: string): Voter {
  const { ctx } = context;
  if (code) return { kind: 'code', code, userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null, client: ctx.clientIp };
  if (ctx.actor.kind === 'user') return { kind: 'user', userId: ctx.actor.userId };
  throw new AppError('invalid_input', 'Sign in or enter the voting code from your letter.', {
    fields: { code: 'sign in or enter your voting code' },
    reasons: { code: { reason: 'budgeting_code_or_sign_in' } },
    reason: { reason: 'budgeting_code_or_sign_in' },
  });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const eligibility = userId ? await readEligibility(deps, ctx.site.id, row, userId) : null;
  const mine = userId ? await findMyBallots(deps, ctx.site.id, row, { kind: 'user', userId }) : [];
  // A resident who lives in a known district votes there (and in the city-wide pot) only.
  const home = eligibility?.residence?.districtId;
  const open = view.districts.filter((d) => row.eligibility === 'open' || !home || d.cityWide || d.id === home);
  const wanted = new URL(request.url).searchParams.get('district');
  const district = open.find((d) => d.slug === wanted) ?? open.find((d) => d.id === home) ?? open[0];
  const projectRows = (await listProjects(deps.db, ctx.site.id, row.id, district.id)).filter(
    (p) => p.status === 'feasible' || p.status === 'selected',
  );
  const images = await listFirstImages(
    deps.db,
    ctx.site.id,
    projectRows.map((p) => p.id),
  );
  const projects = projectRows.map((p) => {
    const image = images.get(p.id);
    return { code: p.code, title: p.title, cost: p.cost, summary: summarize(p.description), image: image ? presentImage(image) : null };
  });
  const nameOf = (id: string) => view.districts.find((d) => d.id === id);
  const here = mine.find((b) => b.districtId === district.id);
  // The ballot of another district that a ballot here would replace (one district per resident).
  const elsewhere = here ? undefined : mine.find((b) => b.slot === ballotSlot(row.districtVoting, district));
  return {
    view: { ...view, districts: open.map(({ slug, name, budget, cityWide }) => ({ slug, name, budget, cityWide })) },
    districtVoting: row.districtVoting,
    eligibility: eligibility && {
      rule: eligibility.rule,
      eligible: eligibility.eligible,
      residence: eligibility.residence ? (nameOf(eligibility.residence.districtId)?.name ?? '') : null,
    },
    residenceChoices: view.districts.filter((d) => !d.cityWide).map((d) => ({ slug: d.slug, name: d.name })),
    district: { slug: district.slug, name: district.name, budget: district.budget, cityWide: district.cityWide },
    projects,
    initial: here?.choices ?? [],
    myBallots: mine.map((b) => ({
      district: nameOf(b.districtId)?.name ?? '',
      status: b.status,
      channel: b.channel,
      updatedAt: b.updatedAt.toISOString(),
    })),
    willReplace: elsewhere ? (nameOf(elsewhere.districtId)?.name ?? '') : null,
  };
}

/**
 * Four steps, each a plain form: declare residence or prove the census identifier (when the process
 * asks), then the ballot goes to a review (chosen projects and total, and the ballot it would
 * replace), then "Cast my vote" casts it; "Change my choices" goes back to the ballot.
 */
export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(values.intent ?? 'review');
  try {
    if (intent === 'residence' || intent === 'census') {
      if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
      if (intent === 'residence') await declareResidence(deps, ctx.site.id, row, ctx.actor.userId, values.residence);
      else await verifyCensus(deps, ctx.site.id, row, ctx.actor.userId, values.identifier);
      return redirect(`/budgeting/${row.slug}/vote`);
    }
    if (intent === 'edit') return data({ ok: true as const, step: 'edit' as const, values });
    const code = typeof values.code === 'string' ? values.code.trim() : '';
    const voter = voterOfForm(context, code);
    const choices = readBallotForm(row.ballotType, form);
    const ballot = { district: values.district, choices, ...(code ? { code } : {}) };
    if (intent === 'cast') {
      try {
        await castBallot(deps, ctx.site.id, row, voter, { ...ballot, replace: values.replace === '1' });
        return redirect(`/budgeting/${row.slug}/my-ballot?saved=1${code ? '&code=1' : ''}`);
      } catch (e) {
        // The ballot it replaces appeared since the review: review again, saying so.
        if (!(e instanceof AppError && e.fields.replace)) throw e;
      }
    }
    const preview = await previewBallot(deps, ctx.site.id, row, voter, ballot);
    const projects = await listProjects(deps.db, ctx.site.id, row.id, preview.district.id);
    const byCode = new Map(projects.map((p) => [p.code, p]));
    const lines = preview.choices.map((c) => ({
      code: c.project,
      title: byCode.get(c.project)?.title ?? c.project,
      cost: byCode.get(c.project)?.cost ?? '0',
      points: c.points ?? null,
    }));
    return data({
      ok: true as const,
      step: 'review' as const,
      values,
      review: {
        district: preview.district.name,
        lines,
        total: lines.reduce((s, l) => s + Number(l.cost), 0),
        replaces: preview.replaces?.name ?? null,
      },
    });
  } catch (e) {
    return formFailure(e, values);
  }
}

/** The ballot's choices as the hidden fields the ballot form would send (see `readBallotForm`). */
function HiddenChoices({ type, values }: { type: string; values: Record<string, string | string[]> }) {
  const fields: [string, string][] = [];
  for (const [k, v] of Object.entries(values)) {
    const keep = type === 'cumulative' ? k.startsWith('points.') : type === 'ordinal' ? k.startsWith('rank.') : k === 'project';
    if (keep) for (const one of Array.isArray(v) ? v : [v]) fields.push([k, one]);
  }
  return (
    <>
      {fields.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

export default function VotePage() {
  const { view, district, projects, initial, myBallots, willReplace, eligibility, residenceChoices, districtVoting } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(view.currency);
  const failure = acted && !acted.ok ? acted : null;
  const errorOf = useFieldErrors(failure);
  const review = acted && acted.ok && acted.step === 'review' ? acted : null;
  // After a refused ballot or "Change my choices", show what the voter had chosen, not the saved ballot.
  let chosen: Choice[] = initial;
  const vals = acted && (!acted.ok || acted.step === 'edit') ? acted.values : null;
  if (vals && !vals.intent?.toString().match(/residence|census/)) chosen = choicesFromValues(view.ballotType, projects, vals);
  const base = `/budgeting/${view.slug}`;
  // "(city-wide)" is added only when the pot's own name does not already say so.
  const districtLabel = (d: { name: string; cityWide: boolean }) => {
    if (!d.cityWide) return d.name;
    const marked = t('budgeting.cityWide', { name: d.name });
    const suffix = marked
      .slice(marked.indexOf(d.name) + d.name.length)
      .replace(/[()\s]/g, '')
      .toLowerCase();
    return suffix && d.name.toLowerCase().replace(/\s/g, '').includes(suffix) ? d.name : marked;
  };
  const needsEligibility = view.signedIn && eligibility && !eligibility.eligible;
  return (
    <>
      <p>
        <a href={base}>{view.title}</a>
      </p>
      <h1>{t('budgeting.vote.heading', { district: districtLabel(district) })}</h1>
      {myBallots.length > 0 && (
        <section aria-labelledby="cast-heading" className="card">
          <h2 id="cast-heading">{t('budgeting.vote.castHeading')}</h2>
          <ul>
            {myBallots.map((b, i) => (
              <li key={i}>
                {t('budgeting.vote.castLine', { district: b.district, date: formatDate(b.updatedAt, locale, 'datetime') })} ·{' '}
                {t(`budgeting.ballotStatus.${b.status}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!view.votingOpen ? (
        <p className="notice">{t('budgeting.vote.closed')}</p>
      ) : needsEligibility && eligibility.rule === 'residence' ? (
        <form method="post">
          <CsrfField />
          <ErrorSummary {...failure} labels={{ residence: t('budgeting.vote.residence') }} />
          <input type="hidden" name="intent" value="residence" />
          <p>{t('budgeting.vote.residenceIntro')}</p>
          <Field name="residence" label={t('budgeting.vote.residence')} error={errorOf('residence')} required>
            {(p) => (
              <select {...p} defaultValue="">
                <option value="" disabled>
                  {t('budgeting.vote.residenceChoose')}
                </option>
                {residenceChoices.map((d) => (
                  <option key={d.slug} value={d.slug}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button">
            {t('budgeting.vote.residenceSend')}
          </button>
        </form>
      ) : needsEligibility && eligibility.rule === 'census' ? (
        <form method="post">
          <CsrfField />
          <ErrorSummary {...failure} labels={{ identifier: t('budgeting.vote.identifier') }} />
          <input type="hidden" name="intent" value="census" />
          <p>{t('budgeting.vote.censusIntro')}</p>
          <Field
            name="identifier"
            label={t('budgeting.vote.identifier')}
            hint={t('budgeting.vote.identifierHint')}
            error={errorOf('identifier')}
            required
          >
            {(p) => <input {...p} autoComplete="off" />}
          </Field>
          <button type="submit" className="button">
            {t('budgeting.vote.censusSend')}
          </button>
        </form>
      ) : review ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('budgeting.vote.reviewHeading', { district: review.review.district })}</h2>
          {review.review.replaces && (
            <p className="notice" role="alert">
              {t('budgeting.vote.replaceWarning', { district: review.review.replaces })}
            </p>
          )}
          {review.review.lines.length === 0 ? (
            <p>{t('budgeting.vote.reviewEmpty')}</p>
          ) : (
            <ol>
              {review.review.lines.map((l) => (
                <li key={l.code}>
                  {l.points !== null ? t('budgeting.mine.points', { title: l.title, points: l.points }) : l.title} ({money(l.cost)})
                </li>
              ))}
            </ol>
          )}
          <p>
            <strong>{t('budgeting.vote.reviewTotal', { total: money(review.review.total), budget: money(district.budget) })}</strong>
          </p>
          <form method="post">
            <CsrfField />
            <input type="hidden" name="district" value={String(review.values.district ?? '')} />
            {review.values.code && <input type="hidden" name="code" value={String(review.values.code)} />}
            {review.review.replaces && <input type="hidden" name="replace" value="1" />}
            <HiddenChoices type={view.ballotType} values={review.values} />
            <div className="actions">
              <button type="submit" name="intent" value="cast" className="button">
                {review.review.replaces ? t('budgeting.vote.replaceSend', { district: review.review.replaces }) : t('budgeting.vote.castSend')}
              </button>
              <button type="submit" name="intent" value="edit" className="button button-secondary">
                {t('budgeting.vote.edit')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        <>
          {view.districts.length > 1 && (
            <nav aria-label={t('budgeting.vote.districts')}>
              <ul className="actions">
                {view.districts.map((d) => (
                  <li key={d.slug}>
                    <a href={`${base}/vote?district=${d.slug}`} aria-current={d.slug === district.slug ? 'page' : undefined}>
                      {districtLabel(d)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <p>{t(districtVoting === 'several' ? 'budgeting.vote.severalDistricts' : 'budgeting.vote.onePerPot')}</p>
          {eligibility?.residence && <p className="muted">{t('budgeting.vote.livesIn', { district: eligibility.residence })}</p>}
          {willReplace && (
            <p className="notice" role="status">
              {t('budgeting.vote.willReplace', { district: willReplace })}
            </p>
          )}
          <form method="post" key={JSON.stringify(chosen)}>
            <CsrfField />
            <ErrorSummary
              {...(failure ?? {})}
              labels={{ choices: t('budgeting.vote.choicesLabel'), code: t('budgeting.vote.code'), district: t('budgeting.district') }}
            />
            <input type="hidden" name="district" value={district.slug} />
            <BallotFields
              type={view.ballotType}
              constraints={view.constraints}
              projects={projects}
              budget={district.budget}
              currency={view.currency}
              initial={chosen}
              error={errorOf('choices')}
            />
            {!view.signedIn && (
              <Field name="code" label={t('budgeting.vote.code')} hint={t('budgeting.vote.codeHint')} error={errorOf('code')}>
                {(p) => <input {...p} autoComplete="off" defaultValue={vals ? String(vals.code ?? '') : ''} />}
              </Field>
            )}
            <button type="submit" name="intent" value="review" className="button">
              {t('budgeting.vote.reviewSend')}
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
