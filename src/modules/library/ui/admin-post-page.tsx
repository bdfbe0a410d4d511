import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { isAllowed } from '../../../kernel/policy.js';
import { savePost } from '../commands/save-post.js';
import { formErrors, formValuesOf, postFromForm, postToForm, type FormValues } from '../core/forms.js';
import { POST_STATUSES, POST_TYPES } from '../core/vocabulary.js';
import { findPostById } from '../store/posts.js';
import { languageName } from './shared.js';

export function meta() {
  return [{ title: 'Edit post · Polity' }];
}

function requireEditor(context: LoaderArgs['context']) {
  const { deps, ctx } = context;
  if (!isAllowed(deps.permissions, ctx.actor, 'library.post.edit')) throw data('forbidden', { status: ctx.actor.kind === 'user' ? 403 : 401 });
}

const localesOf = (siteLocales: string[], values: FormValues) => [
  ...new Set([...siteLocales, ...Object.keys(values).flatMap((k) => (k.startsWith('title.') ? [k.slice(6)] : []))]),
];

export async function loader({ context, params }: LoaderArgs) {
  requireEditor(context);
  const { deps, ctx } = context;
  const id = params.id ?? 'new';
  let values: FormValues = { originalLocale: ctx.locale, status: 'draft', type: 'blog' };
  let slug: string | null = null;
  if (id !== 'new') {
    const row = isUuid(id) ? await findPostById(deps.db, ctx.site.id, id) : null;
    if (!row) throw data('not found', { status: 404 });
    values = postToForm(row);
    slug = row.slug;
  }
  return { id, slug, values, locales: localesOf(ctx.site.locales, values) };
}

export async function action({ context, params, request }: ActionArgs) {
  requireEditor(context);
  const { deps, ctx } = context;
  const id = params.id ?? 'new';
  if (id !== 'new' && !isUuid(id)) throw data('not found', { status: 404 });
  const values = formValuesOf(await request.formData());
  try {
    const saved = await savePost(deps, ctx.site.id, postFromForm(values, localesOf(ctx.site.locales, values)), {
      id: id === 'new' ? undefined : id,
      authorId: ctx.actor.kind === 'user' ? ctx.actor.userId : undefined,
    });
    return redirect(`/library/admin?saved=${encodeURIComponent(saved.slug)}`);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'invalid_input' || err.code === 'conflict')) {
      return data({ fields: formErrors(err.fields, String(values.originalLocale ?? '')), values }, { status: 400 });
    }
    throw err;
  }
}

const str = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};

export default function AdminPostPage() {
  const loaded = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const t = useT();
  const v: FormValues = sent?.values ?? loaded.values;
  const errors: Record<string, string> = sent?.fields ?? {};
  const original = str(v, 'originalLocale');
  return (
    <>
      <p>
        <a href="/library/admin">{t('library.admin.back')}</a>
      </p>
      <h1>{loaded.id === 'new' ? t('library.admin.newPost') : t('library.admin.editPost')}</h1>
      <ErrorSummary fields={errors} />
      <form method="post" noValidate>
        <CsrfField />
        <Field name="type" label={t('library.facet.type')} error={errors.type} required>
          {(p) => (
            <select {...p} defaultValue={str(v, 'type')}>
              {POST_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`library.postType.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="originalLocale" label={t('library.form.originalLocale')} error={errors.originalLocale} required>
          {(p) => (
            <select {...p} defaultValue={original}>
              {loaded.locales.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {loaded.locales.map((l) => (
          <fieldset key={l} lang={l}>
            <legend>{t('library.form.textIn', { language: languageName(l) })}</legend>
            <Field name={`title.${l}`} label={t('library.form.title')} error={errors[`title.${l}`]} required={l === original}>
              {(p) => <input {...p} defaultValue={str(v, `title.${l}`)} maxLength={200} />}
            </Field>
            <Field name={`summary.${l}`} label={t('library.form.summary')} error={errors[`summary.${l}`]} required={l === original}>
              {(p) => <textarea {...p} rows={3} defaultValue={str(v, `summary.${l}`)} maxLength={600} />}
            </Field>
            <Field
              name={`body.${l}`}
              label={t('library.form.body')}
              hint={t('library.form.bodyHint')}
              error={errors[`body.${l}`]}
              required={l === original}
            >
              {(p) => <textarea {...p} rows={10} defaultValue={str(v, `body.${l}`)} />}
            </Field>
          </fieldset>
        ))}
        <Field name="slug" label={t('library.form.slug')} hint={t('library.form.slugHint')} error={errors.slug}>
          {(p) => <input {...p} defaultValue={str(v, 'slug')} />}
        </Field>
        <Field name="tags" label={t('library.facet.tag')} hint={t('library.form.tagsHint')} error={errors.tags}>
          {(p) => <input {...p} defaultValue={str(v, 'tags')} />}
        </Field>
        <Field name="status" label={t('library.admin.status')} error={errors.status}>
          {(p) => (
            <select {...p} defaultValue={str(v, 'status') || 'draft'}>
              {POST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`library.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit">{t('library.form.save')}</button>
          {loaded.slug && <a href={`/library/posts/${loaded.slug}`}>{t('library.admin.view')}</a>}
        </div>
      </form>
    </>
  );
}
