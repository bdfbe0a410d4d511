import { redirect, useActionData, useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs, PolityLoadContext } from '../../../web/kit/route-args.js';
import { commentOnSubmission } from '../commands/submission-review.js';
import { submissionActionsFor } from '../core/submission-status.js';
import { findSubmissionOf, listSubmissionEvents } from '../store/calls.js';
import { findCaseStudyById } from '../store/case-studies.js';
import { loadCallOr404, presentQuestions } from './call-helpers.server.js';
import { AnswersList, EventsList } from './submission-view.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, args.data ? { id: 'library.calls.mySubmission.title', values: { call: args.data.title } } : { id: 'library.calls.title' });
}

async function loadMine(context: PolityLoadContext, request: Request, slug: string) {
  const { deps, ctx } = context;
  if (ctx.actor.kind !== 'user') throw redirect(`/sign-in?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  const call = await loadCallOr404(deps, ctx.site.id, slug, isAllowed(deps.permissions, ctx.actor, 'library.call.manage'));
  const mine = await findSubmissionOf(deps.db, ctx.site.id, call.id, ctx.actor.userId);
  if (!mine) throw redirect(`/library/calls/${call.slug}#questionnaire`);
  return { call, mine, actor: ctx.actor };
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { call, mine } = await loadMine(context, request, params.slug ?? '');
  const events = await listSubmissionEvents(deps.db, ctx.site.id, mine.id);
  const actions = submissionActionsFor(mine.status, 'submitter');
  const caseStudy = mine.caseStudyId ? await findCaseStudyById(deps.db, ctx.site.id, mine.caseStudyId) : null;
  return {
    caseStudySlug: caseStudy?.slug ?? null,
    slug: call.slug,
    title: pickText(call.title, ctx.locale, ctx.site.defaultLocale).text,
    status: mine.status,
    caseStudyId: mine.caseStudyId,
    rejectReason: mine.rejectReason,
    canEdit: actions.includes('edit'),
    canComment: actions.includes('comment'),
    sent: new URL(request.url).searchParams.has('sent'),
    questions: presentQuestions(call.questions, ctx.locale, ctx.site.defaultLocale),
    answers: mine.answers as Record<string, unknown>,
    events: events.map((e) => ({ kind: e.kind, authorName: e.authorName, message: e.message, createdAt: e.createdAt.toISOString() })),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const { mine, actor } = await loadMine(context, request, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  try {
    await commentOnSubmission(deps, ctx.site.id, {
      submissionId: mine.id,
      actor: { userId: actor.userId, name: actor.name },
      message: form.get('message'),
      origin: ctx.origin,
    });
  } catch (e) {
    return formFailure(e, values);
  }
  return redirect(`/library/calls/${params.slug}/submission`);
}

export default function CallSubmissionPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  return (
    <>
      <p>
        <a href={`/library/calls/${d.slug}`}>{t('library.calls.backToCall')}</a>
      </p>
      <h1>{t('library.calls.mySubmission.title', { call: d.title })}</h1>
      {d.sent && (
        <p className="notice" role="status">
          {t('library.calls.mySubmission.sent')}
        </p>
      )}
      <p className="lead">
        {t('library.calls.mySubmission.status')} <span className="badge">{t(`library.calls.submissionStatus.${d.status}`)}</span>
      </p>
      {d.status === 'rejected' && d.rejectReason && <p>{t('library.calls.mySubmission.rejected', { reason: d.rejectReason })}</p>}
      {d.status === 'accepted' && d.caseStudySlug && (
        <p>
          <a href={`/library/case-studies/${d.caseStudySlug}`}>{t('library.calls.mySubmission.accepted')}</a>
        </p>
      )}
      {d.canEdit && (
        <p>
          <a className="button" href={`/library/calls/${d.slug}#questionnaire`}>
            {d.status === 'changes_requested' ? t('library.calls.mySubmission.editResubmit') : t('library.calls.mySubmission.edit')}
          </a>
        </p>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{t('library.calls.history')}</h2>
        <EventsList events={d.events} />
        {d.canComment && (
          <form method="post">
            <CsrfField />
            {failed && <ErrorSummary {...failed} labels={{ message: t('library.calls.comment.label') }} />}
            <Field name="message" label={t('library.calls.comment.label')} error={errorOf('message')} required>
              {(p) => <textarea {...p} rows={4} defaultValue={failed ? String(failed.values.message ?? '') : ''} />}
            </Field>
            <button type="submit" className="button">
              {t('library.calls.comment.send')}
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="answers">
        <h2 id="answers">{t('library.calls.answers')}</h2>
        <AnswersList questions={d.questions} answers={d.answers} />
      </section>
    </>
  );
}

/** A submission is personal: never cached by shared caches. */
export function headers() {
  return { 'Cache-Control': 'private, no-store' };
}
