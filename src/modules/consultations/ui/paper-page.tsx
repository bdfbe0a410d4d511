import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, useReasonText } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import {
  answerName,
  answersFromForm,
  formValuesOf,
  isQuestionType,
  QuestionnaireFields,
  useAnswerErrors,
  type Item,
} from '../../questionnaires/index.js';
import { importResponses } from '../commands/import-responses.js';
import { confirmPaperResponse, enterPaperResponse, returnPaperResponse } from '../commands/paper.js';
import { questionnaireOf } from '../commands/take-part.js';
import { questionLabels } from '../core/survey.js';
import { listResponses } from '../store/responses.js';
import { answerText } from './answer-text.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.paper.title' }, args.data ? { text: args.data.title } : null);
}

/** Every question drawn, whatever the answers: a clerk copies what the paper says (answers to skipped questions are dropped on saving). */
function allShown(items: Item[]): Item[] {
  return items.map(({ showIf: _hidden, ...rest }) => rest as Item);
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  requirePagePermission(context, request, 'consultations.paper.enter');
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const items = await questionnaireOf(deps, c);
  const fallback = ctx.site.defaultLocale;
  const pending = await listResponses(deps.db, c.siteId, c.id, { status: 'pending', channel: 'paper' });
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  // Paper responses a colleague sent back to this person, to correct.
  const returned = (await listResponses(deps.db, c.siteId, c.id, { status: 'draft', channel: 'paper' })).filter((r) => r.enteredBy === me);
  const editing = returned.find((r) => r.id === new URL(request.url).searchParams.get('edit')) ?? null;
  const questions = items.filter((i) => isQuestionType(i.type));
  const url = new URL(request.url);
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, fallback).text,
    locale: ctx.locale,
    fallback,
    items: allShown(items),
    labels: questionLabels(items, ctx.locale, fallback),
    pending: pending.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      mine: r.enteredBy === me,
      answers: questions
        .filter((q) => r.answers[q.id] !== undefined)
        .map((q) => ({ id: q.id, text: answerText(q, r.answers[q.id], ctx.locale, fallback) })),
    })),
    returned: returned.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString() })),
    editing: editing ? { id: editing.id, values: formValuesOf(items, editing.answers) } : null,
    canImport: isAllowed(deps.permissions, ctx.actor, 'consultations.manage'),
    done: url.searchParams.get('done'),
    imported: url.searchParams.get('imported'),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  requirePagePermission(context, request, 'consultations.paper.enter');
  if (ctx.actor.kind !== 'user') throw data('forbidden', { status: 403 });
  const staff = ctx.actor.userId;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? 'enter');
  const here = `/consultations/${c.slug}/paper`;
  try {
    if (intent === 'import') {
      if (!isAllowed(deps.permissions, ctx.actor, 'consultations.manage')) throw data('forbidden', { status: 403 });
      const file = form.get('csv');
      const csv = file && typeof file === 'object' ? await file.text() : '';
      const outcome = await importResponses(deps, c, csv, { actorId: staff, locale: ctx.locale });
      if (outcome.problems.length > 0) return data({ ok: false as const, intent, problems: outcome.problems, values: {} }, { status: 400 });
      return redirect(`${here}?imported=${outcome.imported}#import`);
    }
    if (intent === 'confirm' || intent === 'return') {
      const id = String(form.get('id') ?? '');
      if (intent === 'confirm') await confirmPaperResponse(deps, c, staff, id);
      else await returnPaperResponse(deps, c, staff, id);
      return redirect(`${here}?done=${intent === 'confirm' ? 'confirmed' : 'returned'}#pending`);
    }
    const items = await questionnaireOf(deps, c);
    const correcting = typeof values.id === 'string' && values.id ? { id: values.id } : {};
    await enterPaperResponse(
      deps,
      c,
      staff,
      { answers: answersFromForm(items, form), locale: ctx.locale, fallback: ctx.site.defaultLocale },
      correcting,
    );
    return redirect(`${here}?done=entered`);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return formFailure(e, values, { intent, problems: [] as { row: number; column: string; message: string; reason: { reason: string } }[] });
  }
}

export default function PaperPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const word = useReasonText();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const entering = failed && failed.intent === 'enter' ? failed : null;
  const errorOf = useAnswerErrors(entering && 'fields' in entering ? entering : null);
  const questionIds = entering && 'fields' in entering ? Object.keys({ ...entering.fields, ...entering.reasons }).filter((k) => k in d.labels) : [];
  const errors = Object.fromEntries(questionIds.map((id) => [id, errorOf(id) ?? '']));
  const decided = failed && (failed.intent === 'confirm' || failed.intent === 'return') && 'message' in failed ? failed : null;
  const problems = failed?.intent === 'import' ? failed.problems : [];
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}`}>{d.title}</a>
      </p>
      <h1>{t('consultations.paper.title')}</h1>
      <p>{t('consultations.paper.intro')}</p>
      <p>
        <a href={`/consultations/${d.slug}/print`}>{t('consultations.paper.printLink')}</a>
      </p>
      {d.done && !failed && (
        <p className="notice" role="status">
          {t(`consultations.paper.${d.done === 'entered' ? 'entered' : d.done === 'confirmed' ? 'confirmed' : 'returned'}`)}
        </p>
      )}
      <section id="pending" aria-labelledby="pending-title">
        <h2 id="pending-title">{t('consultations.paper.pendingTitle')}</h2>
        {decided && <ErrorSummary message={decided.message} reason={decided.reason} />}
        {d.pending.length === 0 ? (
          <p>{t('consultations.paper.none')}</p>
        ) : (
          <ul className="stack">
            {d.pending.map((r) => (
              <li key={r.id}>
                <h3>{t('consultations.paper.response', { date: formatDate(r.createdAt, locale, 'datetime') })}</h3>
                <dl>
                  {r.answers.map((a) => (
                    <div key={a.id}>
                      <dt>{d.labels[a.id]}</dt>
                      <dd>{a.text}</dd>
                    </div>
                  ))}
                </dl>
                {r.mine ? (
                  <p className="muted">{t('consultations.paper.yours')}</p>
                ) : (
                  <form method="post" className="actions">
                    <CsrfField />
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" name="intent" value="confirm" className="button">
                      {t('consultations.paper.confirm')}
                    </button>
                    <button type="submit" name="intent" value="return" className="button secondary">
                      {t('consultations.paper.return')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.returned.length > 0 && (
        <section aria-labelledby="returned-title">
          <h2 id="returned-title">{t('consultations.paper.returnedTitle')}</h2>
          <ul>
            {d.returned.map((r) => (
              <li key={r.id}>
                <a href={`/consultations/${d.slug}/paper?edit=${r.id}#enter-title`}>
                  {t('consultations.paper.correct', { date: formatDate(r.createdAt, locale, 'datetime') })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="enter-title">
        <h2 id="enter-title">{t(d.editing ? 'consultations.paper.correctTitle' : 'consultations.paper.enterTitle')}</h2>
        <form method="post" noValidate>
          <CsrfField />
          {d.editing && <input type="hidden" name="id" value={d.editing.id} />}
          {entering && 'message' in entering && (
            <ErrorSummary
              message={entering.message}
              reason={entering.reason}
              fields={Object.fromEntries(questionIds.map((id) => [answerName(id), errors[id]]))}
              labels={Object.fromEntries(questionIds.map((id) => [answerName(id), d.labels[id]]))}
            />
          )}
          <QuestionnaireFields
            items={d.items}
            locale={d.locale}
            fallback={d.fallback}
            values={entering ? entering.values : (d.editing?.values ?? {})}
            errors={errors}
          />
          <p>
            <button type="submit" name="intent" value="enter" className="button">
              {t('consultations.paper.saveForCheck')}
            </button>
          </p>
        </form>
      </section>
      {d.canImport && (
        <section id="import" aria-labelledby="import-title">
          <h2 id="import-title">{t('consultations.paper.importTitle')}</h2>
          {d.imported && !failed && (
            <p className="notice" role="status">
              {t('consultations.paper.imported', { count: Number(d.imported) })}
            </p>
          )}
          {problems.length > 0 && (
            <div className="error-summary" role="alert" tabIndex={-1}>
              <h3>{t('consultations.paper.problemsTitle')}</h3>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    {t('consultations.paper.problem', { row: p.row, column: p.column || '—', error: word(p.reason, 'questionnaires.error') })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <form method="post" encType="multipart/form-data">
            <CsrfField />
            <p className="hint" id="field-csv-hint">
              {t('consultations.paper.importHint')}
            </p>
            <p>
              <label htmlFor="field-csv">{t('consultations.paper.file')}</label>
            </p>
            <p>
              <input id="field-csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="field-csv-hint" />
            </p>
            <p>
              <button type="submit" name="intent" value="import" className="button">
                {t('consultations.paper.import')}
              </button>
            </p>
          </form>
        </section>
      )}
    </>
  );
}
