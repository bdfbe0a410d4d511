import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError, httpStatusOf, INVALID_INPUT_MESSAGE, type FieldErrors, type FieldReasons, type Reason } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { saveSubmissionDraft, submitSubmission } from '../commands/submission-save.js';
import { computeCallStatus } from '../core/call.js';
import { renderMarkdown } from '../core/markdown.js';
import { validateAnswers, type FileAnswer } from '../core/questionnaire.js';
import { answerName, formValuesOf, QuestionnaireFields, useAnswerErrors } from '../../questionnaires/index.js';
import { submissionActionsFor } from '../core/submission-status.js';
import { findSubmissionOf } from '../store/calls.js';
import { answersFromForm, loadCallOr404, presentQuestions, questionErrors } from './call-helpers.server.js';
import { QuestionnairePreview } from './questionnaire-form.js';
import { formatDate } from './shared.js';
import { countryOptions } from '../../../kernel/countries.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, args.data ? { text: args.data.title } : { id: 'library.calls.title' });
}

/** Errors keyed by question id, keyed by the question's form field (what the summary links to). */
function byField<V>(byQuestion: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(byQuestion).map(([id, v]) => [answerName(id), v]));
}

function filesOf(answers: Record<string, unknown>): Record<string, FileAnswer[]> {
  const out: Record<string, FileAnswer[]> = {};
  for (const [id, v] of Object.entries(answers)) if (Array.isArray(v) && v.some((x) => typeof x === 'object')) out[id] = v as FileAnswer[];
  return out;
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const call = await loadCallOr404(deps, ctx.site.id, params.slug ?? '', isAllowed(deps.permissions, ctx.actor, 'library.call.manage'));
  const now = deps.clock.now();
  const mine = ctx.actor.kind === 'user' ? await findSubmissionOf(deps.db, ctx.site.id, call.id, ctx.actor.userId) : null;
  const status = computeCallStatus(call, now);
  const editable = mine ? submissionActionsFor(mine.status, 'submitter').includes('edit') : true;
  const open = status === 'open' || mine?.status === 'changes_requested';
  const fallback = ctx.site.defaultLocale;
  return {
    countries: countryOptions(ctx.locale),
    slug: call.slug,
    title: pickText(call.title, ctx.locale, fallback).text,
    descriptionHtml: renderMarkdown(pickText(call.description, ctx.locale, fallback).text),
    status,
    opensAt: call.opensAt.toISOString(),
    deadline: call.deadline.toISOString(),
    signedIn: ctx.actor.kind === 'user',
    submission: mine ? { status: mine.status } : null,
    canAnswer: open && editable,
    locale: ctx.locale,
    fallback,
    items: call.questions,
    questions: presentQuestions(call.questions, ctx.locale, fallback),
    values: formValuesOf(call.questions, mine?.answers ?? {}),
    files: filesOf(mine?.answers ?? {}),
    saved: new URL(request.url).searchParams.has('saved'),
    signInHref: `/sign-in?next=${encodeURIComponent(`/library/calls/${call.slug}`)}`,
    signUpHref: `/sign-up?next=${encodeURIComponent(`/library/calls/${call.slug}`)}`,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const call = await loadCallOr404(deps, ctx.site.id, params.slug ?? '', isAllowed(deps.permissions, ctx.actor, 'library.call.manage'));
  if (ctx.actor.kind !== 'user') return redirect(`/sign-in?next=${encodeURIComponent(`/library/calls/${call.slug}`)}`);
  const submitter = { userId: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name };
  const form = await request.formData();
  const values = formValues(form);
  const previous = (await findSubmissionOf(deps.db, ctx.site.id, call.id, submitter.userId))?.answers ?? {};
  const { answers, uploadErrors, uploadReasons, kept } = await answersFromForm(deps, ctx.site.id, submitter.userId, call.questions, form, previous);
  // Errors and their coded reasons are keyed by question id.
  const fail = (message: string, fields: FieldErrors, reasons: FieldReasons, status: number, reason?: Reason) =>
    data({ ok: false as const, message, fields, reasons, ...(reason ? { reason } : {}), values, files: kept }, { status });
  const intent = form.get('intent') === 'submit' ? 'submit' : 'draft';
  if (Object.keys(uploadErrors).length) {
    // Report the other answers' problems with the refused files, not one after the other.
    const others = validateAnswers(call.questions, answers, intent);
    return fail(INVALID_INPUT_MESSAGE, { ...others.errors, ...uploadErrors }, { ...others.reasons, ...uploadReasons }, 400);
  }
  try {
    if (intent === 'submit') {
      await submitSubmission(deps, ctx.site.id, {
        call,
        submitter,
        answers,
        locale: ctx.locale,
        origin: ctx.origin,
        siteLocale: ctx.site.defaultLocale,
      });
      return redirect(`/library/calls/${call.slug}/submission?sent=1`);
    }
    await saveSubmissionDraft(deps, ctx.site.id, { call, submitter, answers, locale: ctx.locale });
    return redirect(`/library/calls/${call.slug}?saved=1#questionnaire`);
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'internal') throw e;
    return fail(e.message, questionErrors(e.fields), questionErrors(e.reasons), httpStatusOf(e.code), e.reason);
  }
}

export default function CallPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  // Each question's error in the reader's language (keyed by question id, as the fields are).
  const errorOf = useAnswerErrors(failed);
  const errors = Object.fromEntries(
    Object.keys({ ...failed?.fields, ...failed?.reasons }).flatMap((id) => (errorOf(id) ? [[id, errorOf(id) ?? '']] : [])),
  );
  const values = failure && !failure.ok ? failure.values : d.values;
  const files = failure && !failure.ok ? failure.files : d.files;
  return (
    <>
      <p>
        <a href="/library/calls">{t('library.calls.backToCalls')}</a>
      </p>
      <h1>{d.title}</h1>
      <p className="lead">
        <span className="badge">{t(`library.calls.status.${d.status}`)}</span> {t('library.calls.deadline', { date: formatDate(d.deadline, locale) })}
      </p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.descriptionHtml }} />
      <section id="questionnaire" aria-labelledby="questionnaire-title">
        <h2 id="questionnaire-title">{t('library.calls.questionnaire')}</h2>
        {d.submission && (
          <p className="notice">
            {t('library.calls.yourSubmission', { status: t(`library.calls.submissionStatus.${d.submission.status}`) })}{' '}
            <a href={`/library/calls/${d.slug}/submission`}>{t('library.calls.seeSubmission')}</a>
          </p>
        )}
        {d.saved && !failure && (
          <p className="notice" role="status">
            {t('library.calls.draftSaved')}
          </p>
        )}
        {!d.signedIn ? (
          <>
            <p>{t('library.calls.preview.intro')}</p>
            <p className="actions">
              <a href={d.signInHref}>{t('library.calls.signInToAnswer')}</a> <a href={d.signUpHref}>{t('library.calls.createAccount')}</a>
            </p>
            <QuestionnairePreview questions={d.questions} />
          </>
        ) : !d.canAnswer ? (
          <p>
            {d.status === 'closed'
              ? t('library.calls.closedNotice')
              : d.status === 'upcoming'
                ? t('library.calls.upcomingNotice')
                : t('library.calls.lockedNotice')}
          </p>
        ) : (
          <form method="post" encType="multipart/form-data" noValidate>
            <CsrfField />
            {failed && (
              <ErrorSummary
                message={failed.message}
                reason={'reason' in failed ? failed.reason : undefined}
                fields={byField(errors)}
                labels={Object.fromEntries(d.questions.map((q) => [answerName(q.id), q.label]))}
              />
            )}
            <p className="hint">{t('library.calls.form.intro')}</p>
            <QuestionnaireFields
              items={d.items}
              locale={d.locale}
              fallback={d.fallback}
              countries={d.countries}
              values={values}
              files={files}
              errors={errors}
            />
            <div className="actions">
              <button type="submit" name="intent" value="save" className="button">
                {t('library.calls.form.saveDraft')}
              </button>
              <button type="submit" name="intent" value="submit" className="button">
                {d.submission?.status === 'changes_requested' ? t('library.calls.form.resubmit') : t('library.calls.form.submit')}
              </button>
            </div>
          </form>
        )}
      </section>
    </>
  );
}
