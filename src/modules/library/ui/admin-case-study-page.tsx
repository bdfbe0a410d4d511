import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { requirePagePermission } from '../../../web/kit/actions.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { countryOptions } from '../../../kernel/countries.js';
import { AppError, type FieldReasons, httpStatusOf } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { saveCaseStudy } from '../commands/save-case-study.js';
import { saveUpload } from '../commands/save-upload.js';
import { caseStudyFromForm, caseStudyToForm, formErrors, formReasons, formValuesOf, type FormValues } from '../core/forms.js';
import { CASE_STUDY_STATUSES, LEVELS, SECTORS, STAGES } from '../core/vocabulary.js';
import { findCaseStudyById } from '../store/case-studies.js';
import { formValue, MultilingualTextFields, useEditorLabels } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { id: string } }) {
  return pageTitle(args, { id: args.data?.id === 'new' ? 'library.admin.newCaseTitle' : 'library.admin.editCaseTitle' });
}

function requireEditor(context: LoaderArgs['context'], request: Request) {
  requirePagePermission(context, request, 'library.case.edit');
}

export async function loader({ context, params, request }: LoaderArgs) {
  requireEditor(context, request);
  const { deps, ctx } = context;
  const id = params.id ?? 'new';
  let values: FormValues = { originalLocale: ctx.locale, status: 'draft' };
  let slug: string | null = null;
  if (id !== 'new') {
    const row = isUuid(id) ? await findCaseStudyById(deps.db, ctx.site.id, id) : null;
    if (!row) throw data('not found', { status: 404 });
    values = caseStudyToForm(row);
    slug = row.slug;
  }
  const locales = [...new Set([...ctx.site.locales, ...Object.keys(values).flatMap((k) => (k.startsWith('title.') ? [k.slice(6)] : []))])];
  return { id, slug, values, locales, countries: countryOptions(ctx.locale) };
}

export async function action({ context, params, request }: ActionArgs) {
  requireEditor(context, request);
  const { deps, ctx } = context;
  const id = params.id ?? 'new';
  if (id !== 'new' && !isUuid(id)) throw data('not found', { status: 404 });
  const form = await request.formData();
  const values = formValuesOf(form);
  const locales = [...new Set([...ctx.site.locales, ...Object.keys(values).flatMap((k) => (k.startsWith('title.') ? [k.slice(6)] : []))])];
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const file = form.get('newImage');
  if (file && typeof file !== 'string' && file.size > 0) {
    const alt = String(form.get('newImageAlt') ?? '').trim();
    if (!alt)
      return data({ fields: { newImageAlt: 'describe the image' }, reasons: { newImageAlt: { reason: 'required' } }, values }, { status: 400 });
    try {
      const saved = await saveUpload(deps, ctx.site.id, { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, userId });
      values.images = [String(values.images ?? '').trim(), `${saved.id} | ${alt.replace(/\|/g, '/')}`].filter(Boolean).join('\n');
      delete values.newImageAlt;
    } catch (err) {
      if (err instanceof AppError)
        return data(
          {
            fields: { newImage: err.fields.file ?? err.message },
            reasons: (err.reasons.file ? { newImage: err.reasons.file } : {}) as FieldReasons,
            values,
          },
          { status: httpStatusOf(err.code) },
        );
      throw err;
    }
  }
  try {
    const saved = await saveCaseStudy(deps, ctx.site.id, caseStudyFromForm(values, locales), {
      id: id === 'new' ? undefined : id,
      authorId: userId ?? undefined,
    });
    return redirect(`/library/admin?saved=${encodeURIComponent(saved.slug)}`);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'invalid_input' || err.code === 'conflict')) {
      const original = String(values.originalLocale ?? '');
      return data(
        { fields: formErrors(err.fields, original), reasons: formReasons(err.reasons, original), values },
        { status: httpStatusOf(err.code) },
      );
    }
    throw err;
  }
}

export default function AdminCaseStudyPage() {
  const loaded = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const t = useT();
  const v: FormValues = sent?.values ?? loaded.values;
  const errorOf = useFieldErrors(sent);
  // Each refused field's error in the reader's language (its coded reason, else the command's text).
  const errors: Record<string, string> = Object.fromEntries(
    Object.keys({ ...sent?.fields, ...sent?.reasons }).map((name) => [name, errorOf(name) ?? '']),
  );
  const labels = useEditorLabels(loaded.locales);
  const sectors = new Set(Array.isArray(v.sectors) ? v.sectors : v.sectors ? [v.sectors] : []);
  const original = formValue(v, 'originalLocale');
  const { countries } = loaded;
  return (
    <>
      <p>
        <a href="/library/admin">{t('library.admin.back')}</a>
      </p>
      <h1>{loaded.id === 'new' ? t('library.admin.newCase') : t('library.admin.editCase')}</h1>
      <ErrorSummary fields={errors} labels={labels} />
      <form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <MultilingualTextFields locales={loaded.locales} original={original} values={v} errors={errors} />
        <Field name="slug" label={t('library.form.slug')} hint={t('library.form.slugHint')} error={errors.slug}>
          {(p) => <input {...p} defaultValue={formValue(v, 'slug')} />}
        </Field>
        <Field name="country" label={t('library.facet.country')} error={errors.country} required>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'country')}>
              <option value="">{t('library.form.choose')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="level" label={t('library.facet.level')} error={errors.level} required>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'level')}>
              <option value="">{t('library.form.choose')}</option>
              {LEVELS.map((x) => (
                <option key={x} value={x}>
                  {t(`library.level.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="stage" label={t('library.facet.stage')} error={errors.stage} required>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'stage')}>
              <option value="">{t('library.form.choose')}</option>
              {STAGES.map((x) => (
                <option key={x} value={x}>
                  {t(`library.stage.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className={errors.sectors ? 'field field-error' : 'field'}>
          <fieldset id="field-sectors" aria-describedby={errors.sectors ? 'sectors-error' : undefined}>
            <legend>{t('library.facet.sector')} *</legend>
            {errors.sectors && (
              <p className="error" id="sectors-error">
                {errors.sectors}
              </p>
            )}
            {SECTORS.map((s) => (
              <label className="choice" key={s}>
                <input type="checkbox" name="sectors" value={s} defaultChecked={sectors.has(s)} />
                {t(`library.sector.${s}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <Field name="yearLaunched" label={t('library.yearLaunched')} error={errors.yearLaunched} required>
          {(p) => <input {...p} inputMode="numeric" defaultValue={formValue(v, 'yearLaunched')} />}
        </Field>
        <Field name="tags" label={t('library.facet.tag')} hint={t('library.form.tagsHint')} error={errors.tags}>
          {(p) => <input {...p} defaultValue={formValue(v, 'tags')} />}
        </Field>
        <Field name="organisations" label={t('library.organisations')} hint={t('library.form.organisationsHint')} error={errors.organisations}>
          {(p) => <textarea {...p} rows={3} defaultValue={formValue(v, 'organisations')} />}
        </Field>
        <Field name="links" label={t('library.links')} hint={t('library.form.linksHint')} error={errors.links}>
          {(p) => <textarea {...p} rows={3} defaultValue={formValue(v, 'links')} />}
        </Field>
        <Field name="recognitions" label={t('library.recognitions')} hint={t('library.form.recognitionsHint')} error={errors.recognitions}>
          {(p) => <textarea {...p} rows={3} defaultValue={formValue(v, 'recognitions')} />}
        </Field>
        <Field name="images" label={t('library.form.images')} hint={t('library.form.imagesHint')} error={errors.images}>
          {(p) => <textarea {...p} rows={3} defaultValue={formValue(v, 'images')} />}
        </Field>
        <Field name="newImage" label={t('library.form.newImage')} hint={t('library.form.newImageHint')} error={errors.newImage}>
          {(p) => <input {...p} type="file" accept="image/jpeg,image/png,image/webp,image/gif" />}
        </Field>
        <Field name="newImageAlt" label={t('library.form.newImageAlt')} error={errors.newImageAlt}>
          {(p) => <input {...p} defaultValue={formValue(v, 'newImageAlt')} maxLength={300} />}
        </Field>
        <Field name="status" label={t('library.admin.status')} error={errors.status}>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'status') || 'draft'}>
              {CASE_STUDY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`library.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit">{t('library.form.save')}</button>
          {loaded.slug && <a href={`/library/case-studies/${loaded.slug}`}>{t('library.admin.view')}</a>}
        </div>
      </form>
    </>
  );
}
