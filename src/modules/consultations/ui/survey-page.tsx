import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, useReasonText } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import {
  answerName,
  answersFromForm,
  answersOfValues,
  formValuesOf,
  pagesOf,
  previousPage,
  QuestionnaireFields,
  useAnswerErrors,
  type Answers,
  type Item,
} from '../../questionnaires/index.js';
import {
  findMyResponse,
  normalizeCode,
  questionnaireOf,
  RESPONDENT_COOKIE,
  resumeByCode,
  surveyCookie,
  surveyCookieName,
  surveyCookiesOf,
  takeSurveyStep,
} from '../commands/take-part.js';
import { consultationPhase } from '../core/consultation.js';
import { isLastPage, pageToShow, progressOf, questionLabels, type SurveyMove } from '../core/survey.js';
import { bringDraftUpToDate } from '../commands/take-part.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.survey.title' }, args.data ? { text: args.data.title } : null);
}

const MOVES: readonly SurveyMove[] = ['back', 'next', 'save', 'submit'];

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const url = new URL(request.url);
  const cookies = surveyCookiesOf(request.headers.get('cookie'), c.id);
  const claim = { actor: ctx.actor, client: ctx.clientIp, browserToken: cookies.browserToken, resumeCode: cookies.resumeCode };
  const typed = url.searchParams.get('resume')?.trim();
  let resumeReason: string | null = null;
  if (typed) {
    let opened = false;
    try {
      await resumeByCode(deps, c, { ...claim, resumeCode: typed });
      opened = true;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      resumeReason = e.reason?.reason ?? e.code;
    }
    // The code goes into this browser's cookie and out of the address bar.
    if (opened)
      throw redirect(`/consultations/${c.slug}/survey`, {
        headers: { 'Set-Cookie': surveyCookie(deps.env, surveyCookieName(c.id), normalizeCode(typed).replace(/(.{4})(?=.)/g, '$1-')) },
      });
  }
  const found = await findMyResponse(deps, c, claim);
  const response = found ? await bringDraftUpToDate(deps, c, found) : null;
  const items = await questionnaireOf(deps, c);
  const answers = (response?.answers ?? {}) as Answers;
  const page = pageToShow(items, response?.page ?? 0, answers);
  const fallback = ctx.site.defaultLocale;
  const phase = consultationPhase(c, deps.clock.now());
  const signedIn = ctx.actor.kind === 'user';
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, fallback).text,
    phase,
    locale: ctx.locale,
    fallback,
    items,
    labels: questionLabels(items, ctx.locale, fallback),
    values: formValuesOf(items, answers),
    status: response?.status ?? null,
    page,
    needsCode: !response && c.participation === 'invitation',
    // An invitation link (`?code=`) fills the code in.
    codeFromLink: url.searchParams.get('code')?.trim().slice(0, 40) ?? '',
    needsSignIn: !response && c.participation === 'signed_in' && !signedIn,
    signedIn,
    saved: url.searchParams.has('saved'),
    sent: url.searchParams.has('sent'),
    resumeCode: response && !signedIn ? cookies.resumeCode : null,
    resumeReason,
    signInHref: `/sign-in?next=${encodeURIComponent(`/consultations/${c.slug}/survey`)}`,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const moveField = String(form.get('move') ?? 'next');
  const move = (MOVES as readonly string[]).includes(moveField) ? (moveField as SurveyMove) : 'next';
  const page = Math.max(0, Math.trunc(Number(form.get('page'))) || 0);
  const items = await questionnaireOf(deps, c);
  const cookies = surveyCookiesOf(request.headers.get('cookie'), c.id);
  try {
    const result = await takeSurveyStep(
      deps,
      c,
      {
        actor: ctx.actor,
        client: ctx.clientIp,
        browserToken: cookies.browserToken,
        resumeCode: cookies.resumeCode,
        invitationCode: typeof values.code === 'string' ? values.code : null,
      },
      { page, move, answers: answersFromForm(items, form), locale: ctx.locale, fallback: ctx.site.defaultLocale },
    );
    const headers = new Headers();
    if (result.newBrowserToken) headers.append('Set-Cookie', surveyCookie(deps.env, RESPONDENT_COOKIE, result.newBrowserToken));
    if (result.newResumeCode) headers.append('Set-Cookie', surveyCookie(deps.env, surveyCookieName(c.id), result.newResumeCode));
    const to = `/consultations/${c.slug}/survey${result.done ? '?sent=1' : move === 'save' ? '?saved=1' : '#survey-form'}`;
    return redirect(to, { headers });
  } catch (e) {
    const shown = e instanceof AppError && typeof e.details.page === 'number' ? e.details.page : page;
    return formFailure(e, values, { page: shown });
  }
}

/** Form values of a page's questions dropped, so what was typed on a refused page replaces them (an unticked box included). */
function withoutPage(values: Record<string, string | string[]>, names: string[]): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !names.some((n) => k === n || k.startsWith(`${n}.`))));
}

/**
 * When a question of the page shows or hides by an answer on the same page, the form gets the
 * `show-if` island (src/web/islands/show-if.ts), with the earlier pages' answers its conditions
 * read. Without JavaScript the page is as before: it shows what the saved answers call for, and
 * "next" refuses a page whose answers now call for a required question left unanswered.
 */
function liveConditions(pageItems: readonly Item[], answers: Answers): { 'data-island'?: string; 'data-answers'?: string } {
  const onPage = new Set(pageItems.map((i) => i.id));
  const rules = pageItems.flatMap((i) => i.showIf?.rules ?? []);
  if (!rules.some((r) => onPage.has(r.question))) return {};
  const earlier = Object.fromEntries(
    rules.filter((r) => !onPage.has(r.question) && r.question in answers).map((r) => [r.question, answers[r.question]]),
  );
  return { 'data-island': 'show-if', 'data-answers': JSON.stringify(earlier) };
}

export default function SurveyPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const word = useReasonText();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useAnswerErrors(failed);
  const page = failed ? failed.page : d.page;
  const pageItems = pagesOf(d.items)[page]?.items ?? [];
  const pageNames = pageItems.map((i) => answerName(i.id));
  const values = failed ? { ...withoutPage(d.values, pageNames), ...failed.values } : d.values;
  // Where the page stands, from what it shows (a refused page may be another than the saved one).
  const shown = answersOfValues(d.items, values);
  const progress = progressOf(d.items, page, shown);
  const last = isLastPage(d.items, page, shown);
  const hasPrevious = previousPage(d.items, page, shown) !== null;
  const live = liveConditions(pageItems, shown);
  const questionIds = Object.keys({ ...failed?.fields, ...failed?.reasons }).filter((k) => k in d.labels);
  const errors = Object.fromEntries(questionIds.map((id) => [id, errorOf(id) ?? '']));
  const codeError = failed?.reasons?.code ? word(failed.reasons.code) : failed?.fields?.code;
  const summaryFields = { ...Object.fromEntries(questionIds.map((id) => [answerName(id), errors[id]])), ...(codeError ? { code: codeError } : {}) };
  const summaryLabels = { ...Object.fromEntries(questionIds.map((id) => [answerName(id), d.labels[id]])), code: t('consultations.survey.code') };
  const back = (
    <p>
      <a href={`/consultations/${d.slug}`}>{d.title}</a>
    </p>
  );
  const resumeForm = (
    <form method="get" action={`/consultations/${d.slug}/survey`} className="stack" aria-labelledby="resume-title">
      <h2 id="resume-title">{t('consultations.survey.resumeTitle')}</h2>
      <p>
        <label htmlFor="field-resume">{t('consultations.survey.resumeLabel')}</label>
      </p>
      {d.resumeReason && (
        <p className="error" id="field-resume-error">
          {word({ reason: d.resumeReason }, 'consultations.survey.reason')}
        </p>
      )}
      <p>
        <input
          id="field-resume"
          name="resume"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={d.resumeReason ? 'field-resume-error' : undefined}
          aria-invalid={d.resumeReason ? true : undefined}
        />{' '}
        <button type="submit" className="button">
          {t('consultations.survey.resume')}
        </button>
      </p>
    </form>
  );

  if (d.sent || d.status === 'submitted')
    return (
      <>
        {back}
        <h1>{t('consultations.survey.thanksTitle')}</h1>
        <p role="status">{t('consultations.survey.thanks')}</p>
        <p>
          <a href={`/consultations/${d.slug}`}>{t('consultations.survey.backToConsultation')}</a>
        </p>
      </>
    );
  if (d.phase !== 'open')
    return (
      <>
        {back}
        <h1>{t('consultations.survey.title')}</h1>
        <p>{t(`consultations.survey.notOpen.${d.phase}`)}</p>
      </>
    );
  if (d.needsSignIn)
    return (
      <>
        {back}
        <h1>{t('consultations.survey.title')}</h1>
        <p>{t('consultations.survey.signInNeeded')}</p>
        <p>
          <a href={d.signInHref}>{t('consultations.survey.signIn')}</a>
        </p>
      </>
    );
  const resumeLink = d.resumeCode ? `/consultations/${d.slug}/survey?resume=${d.resumeCode}` : null;
  return (
    <>
      {back}
      <h1>{t('consultations.survey.title')}</h1>
      {d.saved && !failed && (
        <div className="notice" role="status">
          <p>{t('consultations.survey.saved')}</p>
          {d.signedIn ? (
            <p>{t('consultations.survey.savedSignedIn')}</p>
          ) : (
            d.resumeCode &&
            resumeLink && (
              <>
                <p>
                  {t('consultations.survey.savedCode')} <strong className="code">{d.resumeCode}</strong>
                </p>
                <p>
                  {t('consultations.survey.savedLink')} <a href={resumeLink}>{resumeLink}</a>
                </p>
              </>
            )
          )}
        </div>
      )}
      <form method="post" id="survey-form" noValidate {...live}>
        <CsrfField />
        <input type="hidden" name="page" value={page} />
        {failed && <ErrorSummary message={failed.message} reason={failed.reason} fields={summaryFields} labels={summaryLabels} />}
        <p className="muted" id="survey-progress">
          {t('consultations.survey.progress', { current: progress.current, total: progress.total })}
        </p>
        <progress value={progress.current} max={progress.total} aria-labelledby="survey-progress" />
        {d.needsCode && (
          <div className="field">
            <label htmlFor="field-code">{t('consultations.survey.code')}</label>
            <p className="hint" id="field-code-hint">
              {t('consultations.survey.codeHint')}
            </p>
            {codeError && (
              <p className="error" id="field-code-error">
                {codeError}
              </p>
            )}
            <input
              id="field-code"
              name="code"
              type="text"
              autoComplete="off"
              spellCheck={false}
              defaultValue={typeof failed?.values.code === 'string' ? failed.values.code : d.codeFromLink}
              aria-describedby={['field-code-hint', codeError ? 'field-code-error' : ''].filter(Boolean).join(' ')}
              aria-invalid={codeError ? true : undefined}
            />
          </div>
        )}
        <QuestionnaireFields
          items={d.items}
          page={page}
          locale={d.locale}
          fallback={d.fallback}
          values={values}
          errors={errors}
          headingLevel={2}
          drawHidden={'data-island' in live}
        />
        <div className="actions">
          {last ? (
            <button type="submit" name="move" value="submit" className="button">
              {t('consultations.survey.submit')}
            </button>
          ) : (
            <button type="submit" name="move" value="next" className="button">
              {t('consultations.survey.next')}
            </button>
          )}
          <button type="submit" name="move" value="save" className="button secondary">
            {t('consultations.survey.save')}
          </button>
          {hasPrevious && (
            <button type="submit" name="move" value="back" className="button secondary">
              {t('consultations.survey.back')}
            </button>
          )}
        </div>
      </form>
      {d.status === null && resumeForm}
    </>
  );
}
