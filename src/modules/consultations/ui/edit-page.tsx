import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { formFailure, formText, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { saveConsultation } from '../commands/save-consultation.js';
import { CONSULTATION_STATUSES, PARTICIPATION_MODES } from '../core/consultation.js';
import { findConsultationBySlug } from '../store/consultations.js';
import type { ConsultationRow } from '../store/tables.js';

export function meta(args: TitleArgs & { data?: { isNew: boolean; consultation: { title: string; slug: string } } }) {
  const d = args.data;
  return pageTitle(
    args,
    !d || d.isNew
      ? { id: 'consultations.admin.newTitle' }
      : { id: 'consultations.admin.editTitle', values: { title: d.consultation.title || d.consultation.slug } },
  );
}

/** A date as a datetime-local value in UTC ('' when none). */
function toLocalInput(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16) : '';
}

/** A datetime-local value read as UTC; '' is no date. */
function fromLocalInput(v: FormDataEntryValue | null): string | null {
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? `${s}:00Z` : s;
}

/** Sets the text of one language, keeping the others (an empty text removes that language). */
function withText(text: LocalizedText | undefined, lang: string, value: string): LocalizedText {
  const out = { ...(text ?? {}) };
  if (value) out[lang] = value;
  else delete out[lang];
  return out;
}

/** Themes from `id | label` lines, the label in `lang`, keeping the labels of other languages. */
function themesFromText(text: string, lang: string, before: ConsultationRow['themes']) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id, ...rest] = line.split('|');
      const themeId = id.trim();
      const old = before.find((th) => th.id === themeId);
      return { id: themeId, label: withText(old?.label, lang, rest.join('|').trim() || themeId) };
    });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const lang = ctx.locale;
  const isNew = !params.slug;
  const c = isNew ? null : await findConsultationBySlug(deps.db, ctx.site.id, params.slug ?? '');
  if (!isNew && !c) throw data('not found', { status: 404 });
  return {
    isNew,
    lang,
    saved: new URL(request.url).searchParams.has('saved'),
    consultation: {
      slug: c?.slug ?? '',
      title: c?.title[lang] ?? '',
      description: c?.description[lang] ?? '',
      status: c?.status ?? 'draft',
      participation: c?.participation ?? 'anonymous',
      opensAt: toLocalInput(c?.opensAt ?? null),
      closesAt: toLocalInput(c?.closesAt ?? null),
      themes: (c?.themes ?? []).map((th) => `${th.id} | ${th.label[lang] ?? Object.values(th.label)[0] ?? ''}`).join('\n'),
    },
  };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const lang = ctx.locale;
  const form = await request.formData();
  const values = formValues(form);
  const existing = params.slug ? await findConsultationBySlug(deps.db, ctx.site.id, params.slug) : null;
  if (params.slug && !existing) throw data('not found', { status: 404 });
  try {
    const saved = await saveConsultation(
      deps,
      ctx.site.id,
      {
        slug: formText(form, 'slug'),
        title: withText(existing?.title, lang, formText(form, 'title')),
        description: withText(existing?.description, lang, formText(form, 'description')),
        status: formText(form, 'status') as never,
        participation: formText(form, 'participation') as never,
        opensAt: fromLocalInput(form.get('opensAt')) as never,
        closesAt: fromLocalInput(form.get('closesAt')) as never,
        themes: themesFromText(formText(form, 'themes'), lang, existing?.themes ?? []),
      },
      { id: existing?.id, actorId: ctx.actor.kind === 'user' ? ctx.actor.userId : undefined },
    );
    return redirect(`/consultations/${saved.slug}/admin?saved=1`);
  } catch (e) {
    // A text in one language (`title.en`) or a theme (`themes.2.id`) lands on its field.
    return formFailure(
      withFormFields(e, (k) => /^(title|description|themes)\b/.exec(k)?.[1] ?? k),
      values,
    );
  }
}

export default function ConsultationEditPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const v = (name: keyof typeof d.consultation) => (failed ? String(failed.values[name] ?? '') : String(d.consultation[name]));
  const labels: Record<string, string> = {
    slug: t('consultations.admin.slug'),
    title: t('consultations.admin.consultationTitle'),
    description: t('consultations.admin.description'),
    status: t('consultations.admin.status'),
    participation: t('consultations.admin.participation'),
    opensAt: t('consultations.admin.opensAt'),
    closesAt: t('consultations.admin.closesAt'),
    themes: t('consultations.themes'),
  };
  return (
    <>
      <p>
        <a href="/consultations/admin">{t('consultations.admin.title')}</a>
        {!d.isNew && (
          <>
            {' · '}
            <a href={`/consultations/${d.consultation.slug}`}>{t('consultations.admin.view')}</a>
            {' · '}
            <a href={`/consultations/${d.consultation.slug}/admin/questionnaire`}>{t('consultations.editor.open')}</a>
            {' · '}
            <a href={`/consultations/${d.consultation.slug}/admin/import-lss`}>{t('consultations.lss.link')}</a>
            {' · '}
            <a href={`/consultations/${d.consultation.slug}/admin/results`}>{t('consultations.results.staffTitle')}</a>
            {d.consultation.participation === 'invitation' && (
              <>
                {' · '}
                <a href={`/consultations/${d.consultation.slug}/admin/invitations`}>{t('consultations.invitations.nav')}</a>
              </>
            )}
          </>
        )}
      </p>
      <h1>{d.isNew ? t('consultations.admin.new') : t('consultations.admin.edit', { title: d.consultation.title || d.consultation.slug })}</h1>
      {d.saved && !failed && (
        <p className="notice" role="status">
          {t('consultations.admin.saved')}
        </p>
      )}
      <p className="hint">{t('consultations.admin.languageNote', { lang: d.lang })}</p>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <form method="post">
        <CsrfField />
        <Field name="slug" label={labels.slug} hint={t('consultations.admin.slugHint')} error={errorOf('slug')} required>
          {(p) => <input {...p} type="text" defaultValue={v('slug')} />}
        </Field>
        <Field name="title" label={labels.title} error={errorOf('title')} required>
          {(p) => <input {...p} type="text" defaultValue={v('title')} />}
        </Field>
        <Field name="description" label={labels.description} hint={t('consultations.admin.markdown')} error={errorOf('description')} required>
          {(p) => <textarea {...p} rows={6} defaultValue={v('description')} />}
        </Field>
        <Field name="status" label={labels.status} error={errorOf('status')}>
          {(p) => (
            <select {...p} defaultValue={v('status')}>
              {CONSULTATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`consultations.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="participation" label={labels.participation} error={errorOf('participation')}>
          {(p) => (
            <select {...p} defaultValue={v('participation')}>
              {PARTICIPATION_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`consultations.participation.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="opensAt" label={labels.opensAt} hint={t('consultations.admin.utcOptional')} error={errorOf('opensAt')}>
          {(p) => <input {...p} type="datetime-local" defaultValue={v('opensAt')} />}
        </Field>
        <Field name="closesAt" label={labels.closesAt} hint={t('consultations.admin.utcOptional')} error={errorOf('closesAt')}>
          {(p) => <input {...p} type="datetime-local" defaultValue={v('closesAt')} />}
        </Field>
        <Field name="themes" label={labels.themes} hint={t('consultations.admin.themesHint')} error={errorOf('themes')}>
          {(p) => <textarea {...p} rows={5} defaultValue={v('themes')} />}
        </Field>
        <button type="submit" className="button">
          {t('consultations.admin.save')}
        </button>
      </form>
    </>
  );
}
