import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError, type Reason } from '../../../kernel/errors.js';
import { formFailure, formText, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import {
  editorFieldOf,
  editorValuesOf,
  ITEM_TYPES,
  isQuestionType,
  ItemEditorFields,
  useEditorLabels,
  withLanguage,
  itemFromEditorForm,
  useAnswerErrors,
  type ItemType,
} from '../../questionnaires/index.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { saveCall } from '../commands/call-save.js';
import { CASE_STUDY_TARGETS, questionSchema, type Question, type QuestionInput } from '../core/questionnaire.js';
import { findCallBySlug } from '../store/calls.js';
import type { CallRow } from '../store/calls-tables.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { isNew: boolean; call: { title: string; slug: string } } }) {
  const d = args.data;
  return pageTitle(
    args,
    !d || d.isNew ? { id: 'library.calls.admin.newTitle' } : { id: 'library.calls.admin.editTitle', values: { title: d.call.title || d.call.slug } },
  );
}

const DAY = 86_400_000;

/** A date as a datetime-local value in UTC. */
function toLocalInput(d: Date): string {
  return d.toISOString().slice(0, 16);
}

function fromLocalInput(v: FormDataEntryValue | null): string {
  const s = typeof v === 'string' ? v.trim() : '';
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? `${s}:00Z` : s;
}

function callFields(call: CallRow) {
  return {
    slug: call.slug,
    title: call.title,
    description: call.description,
    opensAt: call.opensAt.toISOString(),
    deadline: call.deadline.toISOString(),
    published: call.published,
  };
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'library.call.manage');
  const { deps, ctx } = context;
  const lang = ctx.locale;
  const isNew = params.slug === 'new';
  const call = isNew ? null : await findCallBySlug(deps.db, ctx.site.id, params.slug ?? '');
  if (!isNew && !call) throw data('not found', { status: 404 });
  const now = deps.clock.now();
  const url = new URL(request.url);
  const editId = url.searchParams.get('q');
  const editing = call?.questions.find((q) => q.id === editId) ?? null;
  const added = url.searchParams.get('add');
  const newType = !editing && added && (ITEM_TYPES as readonly string[]).includes(added) ? (added as ItemType) : null;
  const questions = call?.questions ?? [];
  const position = editing ? questions.indexOf(editing) : questions.length;
  return {
    isNew,
    lang,
    call: {
      slug: call?.slug ?? '',
      title: call?.title[lang] ?? '',
      description: call?.description[lang] ?? '',
      opensAt: toLocalInput(call?.opensAt ?? now),
      deadline: toLocalInput(call?.deadline ?? new Date(now.getTime() + 90 * DAY)),
      published: call?.published ?? false,
    },
    questions: (call?.questions ?? []).map((q) => ({
      id: q.id,
      type: q.type,
      label: q.label?.[lang] ?? Object.values(q.label ?? {})[0] ?? '',
      required: q.required,
      mapsTo: q.mapsTo ?? '',
    })),
    // The question being edited, or a new one of the type asked for, in the questionnaire engine's editor.
    editing:
      editing || newType
        ? {
            originalId: editing?.id ?? '',
            type: editing?.type ?? (newType as ItemType),
            values: { ...editorValuesOf(editing, editing?.type ?? (newType as ItemType), lang), mapsTo: editing?.mapsTo ?? '' },
            earlier: questions
              .slice(0, position)
              .filter((q) => isQuestionType(q.type))
              .map((q) => ({ id: q.id, label: q.label?.[lang] ?? Object.values(q.label ?? {})[0] ?? q.id, options: q.options.map((o) => o.value) })),
          }
        : null,
  };
}

/** Builds a question from the engine's one-item form and the call's own setting (the case-study field it fills). */
function questionFromForm(form: FormData, lang: string, before: Question | undefined): QuestionInput {
  const mapsTo = formText(form, 'mapsTo');
  return { ...itemFromEditorForm(form, lang, before), mapsTo: mapsTo ? (mapsTo as QuestionInput['mapsTo']) : undefined };
}

/** The field of the question form that the call's own refusals of a question are about. */
const CALL_REASON_FIELDS: Record<string, string> = {
  maps_to_wrong_type: 'mapsTo',
  maps_to_taken: 'mapsTo',
  options_outside_vocabulary: 'options',
};

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'library.call.manage');
  const { deps, ctx } = context;
  const lang = ctx.locale;
  const form = await request.formData();
  const values = formValues(form);
  const intent = formText(form, 'intent');
  const existing = params.slug === 'new' ? null : await findCallBySlug(deps.db, ctx.site.id, params.slug ?? '');
  if (params.slug !== 'new' && !existing) throw data('not found', { status: 404 });
  // Problems with the question being edited land on the field of the engine's one-item form they
  // are about (see editorFieldOf); a text in one language (`title.<lang>`) on its field.
  let edited: { id: string; index: number; item?: Question } | null = null;
  const onForm = (k: string, reason?: Reason) =>
    edited
      ? (k === `questions.${edited.id}` && CALL_REASON_FIELDS[reason?.reason ?? '']) || editorFieldOf(k, reason, edited, edited.item)
      : (/^(title|description)\.[a-z-]+$/i.exec(k)?.[1] ?? k);
  const fail = (e: unknown) => formFailure(e instanceof AppError ? withFormFields(e, (k) => onForm(k, e.reasons[k])) : e, values, { intent });
  try {
    if (intent === 'call') {
      const base = existing ? callFields(existing) : { title: {}, description: {} };
      const saved = await saveCall(
        deps,
        ctx.site.id,
        {
          slug: formText(form, 'slug'),
          title: withLanguage(base.title, lang, formText(form, 'title')) ?? {},
          description: withLanguage(base.description, lang, formText(form, 'description')) ?? {},
          opensAt: fromLocalInput(form.get('opensAt')) as never,
          deadline: fromLocalInput(form.get('deadline')) as never,
          published: form.get('published') === 'on',
          questions: existing?.questions ?? [],
        },
        { id: existing?.id, actorId: ctx.actor.kind === 'user' ? ctx.actor.userId : undefined },
      );
      return redirect(`/library/admin/calls/${saved.slug}?saved=1`);
    }
    if (!existing) throw new AppError('invalid_state', 'Save the call before adding questions.');
    let questions: QuestionInput[] = existing.questions;
    if (intent === 'question') {
      const originalId = formText(form, 'originalId');
      const before = existing.questions.find((q) => q.id === originalId);
      const q = questionFromForm(form, lang, before);
      questions = before ? existing.questions.map((x) => (x.id === originalId ? q : x)) : [...existing.questions, q];
      const parsed = questionSchema.safeParse(q);
      edited = { id: q.id, index: questions.indexOf(q), item: parsed.success ? parsed.data : undefined };
    } else if (intent === 'remove') {
      questions = existing.questions.filter((q) => q.id !== formText(form, 'questionId'));
    } else if (intent === 'up' || intent === 'down') {
      const i = existing.questions.findIndex((q) => q.id === formText(form, 'questionId'));
      const j = intent === 'up' ? i - 1 : i + 1;
      if (i >= 0 && j >= 0 && j < existing.questions.length) {
        questions = [...existing.questions];
        [questions[i], questions[j]] = [questions[j], questions[i]];
      }
    }
    await saveCall(deps, ctx.site.id, { ...callFields(existing), questions }, { id: existing.id });
    return redirect(`/library/admin/calls/${existing.slug}?saved=1#questions`);
  } catch (e) {
    return fail(e);
  }
}

export default function CallEditPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const callValues = failed?.intent === 'call' ? failed.values : null;
  const qValues = failed?.intent === 'question' ? failed.values : null;
  // The questionnaire engine's reasons have their words in its catalogue (the kit's as fallback).
  const errorOf = useAnswerErrors(failed);
  const cv = (name: keyof typeof d.call) => (callValues ? String(callValues[name] ?? '') : String(d.call[name]));
  const qv = (name: string, fallback: string) => (qValues ? String(qValues[name] ?? '') : fallback);
  // Errors on the question being edited come by the name of its field (see the action).
  const qError = (name: string) => (failed?.intent === 'question' ? errorOf(name) : undefined);
  const editorLabels = useEditorLabels();
  const labels: Record<string, string> = {
    slug: t('library.calls.admin.slug'),
    title: t('library.calls.admin.callTitle'),
    description: t('library.calls.admin.description'),
    opensAt: t('library.calls.admin.opensAt'),
    deadline: t('library.calls.admin.deadline'),
    ...editorLabels,
    mapsTo: t('library.calls.admin.mapsTo'),
    questions: t('library.calls.admin.questions'),
    // A whole question is named by its label (the one being written when it is new).
    ...Object.fromEntries(d.questions.map((x) => [`questions.${x.id}`, x.label || x.id])),
    ...(qValues?.id ? { [`questions.${String(qValues.id)}`]: String(qValues.label ?? '') || String(qValues.id) } : {}),
  };
  return (
    <>
      <p>
        <a href="/library/admin/calls">{t('library.calls.admin.title')}</a>
      </p>
      <h1>{d.isNew ? t('library.calls.admin.new') : t('library.calls.admin.edit', { title: d.call.title || d.call.slug })}</h1>
      <p className="hint">{t('library.calls.admin.languageNote', { lang: d.lang })}</p>
      {failed && (
        <ErrorSummary
          message={failed.message}
          reason={failed.reason}
          fields={Object.fromEntries(Object.keys({ ...failed.fields, ...failed.reasons }).map((k) => [k, errorOf(k) ?? '']))}
          labels={labels}
        />
      )}
      <form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="call" />
        <Field name="slug" label={t('library.calls.admin.slug')} hint={t('library.calls.admin.slugHint')} error={errorOf('slug')} required>
          {(p) => <input {...p} defaultValue={cv('slug')} />}
        </Field>
        <Field name="title" label={t('library.calls.admin.callTitle')} error={errorOf('title')} required>
          {(p) => <input {...p} defaultValue={cv('title')} />}
        </Field>
        <Field
          name="description"
          label={t('library.calls.admin.description')}
          hint={t('library.calls.admin.markdown')}
          error={errorOf('description')}
          required
        >
          {(p) => <textarea {...p} rows={8} defaultValue={cv('description')} />}
        </Field>
        <Field name="opensAt" label={t('library.calls.admin.opensAt')} hint={t('library.calls.admin.utc')} error={errorOf('opensAt')} required>
          {(p) => <input {...p} type="datetime-local" defaultValue={cv('opensAt')} />}
        </Field>
        <Field name="deadline" label={t('library.calls.admin.deadline')} hint={t('library.calls.admin.utc')} error={errorOf('deadline')} required>
          {(p) => <input {...p} type="datetime-local" defaultValue={cv('deadline')} />}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="field-published"
            name="published"
            defaultChecked={callValues ? callValues.published === 'on' : d.call.published}
          />
          <label htmlFor="field-published">{t('library.calls.admin.published')}</label>
        </div>
        {errorOf('questions') && <p className="error">{errorOf('questions')}</p>}
        <button type="submit" className="button">
          {t('library.calls.admin.saveCall')}
        </button>
      </form>

      {!d.isNew && (
        <section id="questions" aria-labelledby="questions-title">
          <h2 id="questions-title">{t('library.calls.admin.questionnaire')}</h2>
          {d.questions.length === 0 && <p>{t('library.calls.admin.noQuestions')}</p>}
          <ol>
            {d.questions.map((x, i) => (
              <li key={x.id} className="card">
                <p>
                  <strong>{x.label}</strong> <code>{x.id}</code> · {t(`questionnaires.type.${x.type}`)}
                  {x.required && ` · ${t('library.calls.admin.required')}`}
                  {x.mapsTo && ` · ${t('library.calls.admin.fills', { field: t(`library.calls.target.${x.mapsTo}`) })}`}
                </p>
                <div className="actions">
                  <a href={`?q=${encodeURIComponent(x.id)}#question-form`}>{t('library.calls.admin.editQuestion')}</a>
                  {(['up', 'down', 'remove'] as const).map((intent) =>
                    (intent === 'up' && i === 0) || (intent === 'down' && i === d.questions.length - 1) ? null : (
                      <form method="post" className="inline" key={intent}>
                        <CsrfField />
                        <input type="hidden" name="intent" value={intent} />
                        <input type="hidden" name="questionId" value={x.id} />
                        <button type="submit" className="link-button">
                          {t(`library.calls.admin.${intent}`, { label: x.label })}
                        </button>
                      </form>
                    ),
                  )}
                </div>
              </li>
            ))}
          </ol>
          {d.editing ? (
            <>
              <h3 id="question-form">
                {d.editing.originalId
                  ? t('library.calls.admin.editQuestionTitle', { id: d.editing.originalId })
                  : t('library.calls.admin.addQuestion')}
              </h3>
              <form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="question" />
                <input type="hidden" name="originalId" value={d.editing.originalId} />
                <ItemEditorFields values={qValues ?? d.editing.values} errorOf={qError} earlier={d.editing.earlier} reference={null} />
                <Field name="mapsTo" label={t('library.calls.admin.mapsTo')} hint={t('library.calls.admin.mapsToHint')} error={qError('mapsTo')}>
                  {(p) => (
                    <select {...p} defaultValue={qv('mapsTo', d.editing?.values.mapsTo ?? '')}>
                      <option value="">{t('library.calls.admin.noTarget')}</option>
                      {CASE_STUDY_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(`library.calls.target.${target}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="actions">
                  <button type="submit" className="button">
                    {d.editing.originalId ? t('library.calls.admin.saveQuestion') : t('library.calls.admin.addQuestion')}
                  </button>
                  <a href="?#questions">{t('questionnaires.editor.cancel')}</a>
                </div>
              </form>
            </>
          ) : (
            <>
              <h3 id="question-form">{t('library.calls.admin.addQuestion')}</h3>
              <form method="get" action="#question-form">
                <Field name="add" label={t('questionnaires.editor.type')}>
                  {(p) => (
                    <select {...p} defaultValue="short_text">
                      {ITEM_TYPES.filter((ty) => ty !== 'page_break').map((ty) => (
                        <option key={ty} value={ty}>
                          {t(`questionnaires.type.${ty}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="submit" className="button">
                  {t('library.calls.admin.addQuestion')}
                </button>
              </form>
            </>
          )}
        </section>
      )}
    </>
  );
}
