import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { requirePagePermission } from '../../../web/kit/actions.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { AppError, httpStatusOf } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { savePost } from '../commands/save-post.js';
import { formErrors, formReasons, formValuesOf, postFromForm, postToForm, type FormValues } from '../core/forms.js';
import { POST_STATUSES, POST_TYPES } from '../core/vocabulary.js';
import { findPostById } from '../store/posts.js';
import { formValue, MultilingualTextFields, useEditorLabels } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { id: string } }) {
  return pageTitle(args, { id: args.data?.id === 'new' ? 'library.admin.newPostTitle' : 'library.admin.editPostTitle' });
}

function requireEditor(context: LoaderArgs['context'], request: Request) {
  requirePagePermission(context, request, 'library.post.edit');
}

const localesOf = (siteLocales: string[], values: FormValues) => [
  ...new Set([...siteLocales, ...Object.keys(values).flatMap((k) => (k.startsWith('title.') ? [k.slice(6)] : []))]),
];

export async function loader({ context, params, request }: LoaderArgs) {
  requireEditor(context, request);
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
  requireEditor(context, request);
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
      const original = String(values.originalLocale ?? '');
      return data(
        { fields: formErrors(err.fields, original), reasons: formReasons(err.reasons, original), values },
        { status: httpStatusOf(err.code) },
      );
    }
    throw err;
  }
}

export default function AdminPostPage() {
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
  const original = formValue(v, 'originalLocale');
  return (
    <>
      <p>
        <a href="/library/admin">{t('library.admin.back')}</a>
      </p>
      <h1>{loaded.id === 'new' ? t('library.admin.newPost') : t('library.admin.editPost')}</h1>
      <ErrorSummary fields={errors} labels={labels} />
      <form method="post" noValidate>
        <CsrfField />
        <Field name="type" label={t('library.facet.type')} error={errors.type} required>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'type')}>
              {POST_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`library.postType.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <MultilingualTextFields locales={loaded.locales} original={original} values={v} errors={errors} />
        <Field name="slug" label={t('library.form.slug')} hint={t('library.form.slugHint')} error={errors.slug}>
          {(p) => <input {...p} defaultValue={formValue(v, 'slug')} />}
        </Field>
        <Field name="tags" label={t('library.facet.tag')} hint={t('library.form.tagsHint')} error={errors.tags}>
          {(p) => <input {...p} defaultValue={formValue(v, 'tags')} />}
        </Field>
        <Field name="status" label={t('library.admin.status')} error={errors.status}>
          {(p) => (
            <select {...p} defaultValue={formValue(v, 'status') || 'draft'}>
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
