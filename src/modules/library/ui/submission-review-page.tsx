import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { pickText } from '../../../kernel/i18n.js';
import { formValues, requirePagePermission, formFailure, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors, typedValue } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs, PolityLoadContext } from '../../../web/kit/route-args.js';
import { acceptSubmission, commentOnSubmission, rejectSubmission, requestSubmissionChanges } from '../commands/submission-review.js';
import { submissionActionsFor } from '../core/submission-status.js';
import { findCallById, findSubmission, listSubmissionEvents } from '../store/calls.js';
import { findCaseStudyById } from '../store/case-studies.js';
import { presentQuestions } from './call-helpers.server.js';
import { useEditorLabels } from './shared.js';
import { AnswersList, EventsList } from './submission-view.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { submitter: { name: string }; call: { title: string } } }) {
  const d = args.data;
  return pageTitle(
    args,
    d ? { id: 'library.calls.review.heading', values: { name: d.submitter.name, call: d.call.title } } : { id: 'library.calls.review.title' },
  );
}

async function load(context: PolityLoadContext, request: Request, id: string) {
  requirePagePermission(context, request, 'library.submission.review');
  const { deps, ctx } = context;
  const submission = isUuid(id) ? await findSubmission(deps.db, ctx.site.id, id) : null;
  if (!submission || submission.status === 'draft') throw data('not found', { status: 404 });
  const call = await findCallById(deps.db, ctx.site.id, submission.callId);
  if (!call) throw data('not found', { status: 404 });
  return { submission, call };
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { submission, call } = await load(context, request, params.id ?? '');
  const events = await listSubmissionEvents(deps.db, ctx.site.id, submission.id);
  const caseStudy = submission.caseStudyId ? await findCaseStudyById(deps.db, ctx.site.id, submission.caseStudyId) : null;
  return {
    caseStudySlug: caseStudy?.slug ?? null,
    id: submission.id,
    call: { slug: call.slug, title: pickText(call.title, ctx.locale, ctx.site.defaultLocale).text },
    submitter: { name: submission.name, email: submission.email },
    status: submission.status,
    locale: submission.locale,
    caseStudyId: submission.caseStudyId,
    actions: submissionActionsFor(submission.status, 'reviewer'),
    questions: presentQuestions(call.questions, ctx.locale, ctx.site.defaultLocale),
    answers: submission.answers as Record<string, unknown>,
    events: events.map((e) => ({ kind: e.kind, authorName: e.authorName, message: e.message, createdAt: e.createdAt.toISOString() })),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const { submission } = await load(context, request, params.id ?? '');
  if (ctx.actor.kind !== 'user') throw data('forbidden', { status: 403 });
  const actor = { userId: ctx.actor.userId, name: ctx.actor.name };
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? '');
  const args = { submissionId: submission.id, actor, origin: ctx.origin };
  try {
    if (intent === 'comment') await commentOnSubmission(deps, ctx.site.id, { ...args, message: form.get('message') });
    else if (intent === 'request_changes') await requestSubmissionChanges(deps, ctx.site.id, { ...args, message: form.get('changes') });
    else if (intent === 'reject') await rejectSubmission(deps, ctx.site.id, { ...args, reason: form.get('reason') });
    else if (intent === 'accept') await acceptSubmission(deps, ctx.site.id, args);
    else throw new AppError('bad_request', 'Unknown action.');
  } catch (e) {
    // The commands name the message `message`; each form has its own field.
    return formFailure(withFormFields(e, intent === 'request_changes' ? { message: 'changes' } : {}), values, { intent });
  }
  return redirect(`/library/admin/submissions/${submission.id}?done=${intent}`);
}

export default function SubmissionReviewPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const editorLabels = useEditorLabels([]);
  // Answers are named by their question, the case study's fields by the editors' form labels.
  const labels: Record<string, string> = {
    message: t('library.calls.comment.label'),
    changes: t('library.calls.review.changesLabel'),
    reason: t('library.calls.review.reasonLabel'),
    ...Object.fromEntries(d.questions.map((q) => [`answers.${q.id}`, q.label])),
    ...Object.fromEntries(Object.entries(editorLabels).map(([k, v]) => [`caseStudy.${k}`, v])),
  };
  const value = (name: string) => typedValue(failed, name);
  return (
    <>
      <p>
        <a href="/library/admin/submissions">{t('library.calls.review.title')}</a>
      </p>
      <h1>{t('library.calls.review.heading', { name: d.submitter.name, call: d.call.title })}</h1>
      <p className="lead">
        <span className="badge">{t(`library.calls.submissionStatus.${d.status}`)}</span> · {d.submitter.email} ·{' '}
        {t('library.calls.review.language', { lang: d.locale })}
      </p>
      {d.caseStudySlug && (
        <p>
          <a href={`/library/case-studies/${d.caseStudySlug}`}>{t('library.calls.review.accepted')}</a>
        </p>
      )}
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <section aria-labelledby="answers">
        <h2 id="answers">{t('library.calls.answers')}</h2>
        <AnswersList questions={d.questions} answers={d.answers} />
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t('library.calls.history')}</h2>
        <EventsList events={d.events} />
      </section>
      {d.actions.includes('comment') && (
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="comment" />
          <Field name="message" label={t('library.calls.comment.label')} error={errorOf('message')} required>
            {(p) => <textarea {...p} rows={3} defaultValue={value('message')} />}
          </Field>
          <button type="submit" className="button">
            {t('library.calls.comment.send')}
          </button>
        </form>
      )}
      {d.actions.includes('request_changes') && (
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="request_changes" />
          <Field
            name="changes"
            label={t('library.calls.review.changesLabel')}
            hint={t('library.calls.review.changesHint')}
            error={errorOf('changes')}
            required
          >
            {(p) => <textarea {...p} rows={4} defaultValue={value('changes')} />}
          </Field>
          <button type="submit" className="button">
            {t('library.calls.review.requestChanges')}
          </button>
        </form>
      )}
      {d.actions.includes('accept') && (
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="accept" />
          <p className="hint">{t('library.calls.review.acceptHint')}</p>
          <button type="submit" className="button">
            {t('library.calls.review.accept')}
          </button>
        </form>
      )}
      {d.actions.includes('reject') && (
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="reject" />
          <Field
            name="reason"
            label={t('library.calls.review.reasonLabel')}
            hint={t('library.calls.review.reasonHint')}
            error={errorOf('reason')}
            required
          >
            {(p) => <textarea {...p} rows={3} defaultValue={value('reason')} />}
          </Field>
          <button type="submit" className="button">
            {t('library.calls.review.reject')}
          </button>
        </form>
      )}
    </>
  );
}
