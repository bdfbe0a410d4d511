import { redirect, useActionData } from 'react-router';
import { AppError, limitInMegabytes } from '../../../kernel/errors.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { importPolisConversation } from '../commands/import-polis.js';
import { readPolisFiles } from '../formats/polis-csv.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'conversations.import.title' });
}

/** Largest export accepted through the page (the command line takes any size). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'conversations.create');
  return {};
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'conversations.create');
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  try {
    const files = new Map<string, Uint8Array>();
    let bytes = 0;
    for (const entry of form.getAll('files')) {
      if (typeof entry === 'string' || entry.size === 0) continue;
      bytes += entry.size;
      if (bytes > MAX_UPLOAD_BYTES)
        throw new AppError('invalid_input', 'The files are too large.', {
          fields: { files: `at most ${limitInMegabytes(MAX_UPLOAD_BYTES)} MB in all` },
          reasons: { files: { reason: 'file_too_large', values: { max: limitInMegabytes(MAX_UPLOAD_BYTES) } } },
          reason: { reason: 'file_too_large', values: { max: limitInMegabytes(MAX_UPLOAD_BYTES) } },
        });
      // Browsers send a folder's files with their relative path; the export's files are known by name.
      // The bytes, not entry.text(): the reader refuses what is not UTF-8 instead of storing replacement characters.
      files.set(entry.name.split(/[\\/]/).pop()!, new Uint8Array(await entry.arrayBuffer()));
    }
    if (files.size === 0)
      throw new AppError('invalid_input', 'Choose the export’s files.', {
        fields: { files: 'choose comments.csv and votes.csv (and participants-votes.csv, summary.csv when you have them)' },
        reasons: { files: { reason: 'required' } },
        reason: { reason: 'files_missing' },
      });
    const exported = readPolisFiles(files);
    const { conversation } = await importPolisConversation(
      deps,
      ctx.site.id,
      { slug: String(form.get('slug') ?? '').trim(), topic: String(form.get('topic') ?? ''), description: String(form.get('description') ?? '') },
      exported,
      ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    );
    return redirect(`/conversations/${conversation.slug}/report`);
  } catch (e) {
    // A problem in one of the files is shown next to the file input.
    if (e instanceof AppError && e.code === 'invalid_input') {
      const fileProblems = Object.entries(e.fields).filter(([k]) => k.endsWith('.csv'));
      if (fileProblems.length) {
        const fields = {
          ...Object.fromEntries(Object.entries(e.fields).filter(([k]) => !k.endsWith('.csv'))),
          files: fileProblems.map(([k, v]) => `${k}: ${v}`).join('; '),
        };
        const fileReason = fileProblems.map(([k]) => e.reasons[k]).find(Boolean);
        const reasons = {
          ...Object.fromEntries(Object.entries(e.reasons).filter(([k]) => !k.endsWith('.csv'))),
          ...(fileReason ? { files: fileReason } : {}),
        };
        return formFailure(new AppError('invalid_input', e.message, { fields, reasons, reason: e.reason }), values);
      }
    }
    return formFailure(e, values);
  }
}

export default function ImportPage() {
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const errorOf = useFieldErrors(failure);
  const labels = {
    topic: t('conversations.edit.topic'),
    slug: t('conversations.edit.slug'),
    description: t('conversations.edit.description'),
    files: t('conversations.import.files'),
  };
  const v = (failure?.values ?? {}) as Record<string, string>;
  return (
    <>
      <h1>{t('conversations.import.title')}</h1>
      <p className="lead">{t('conversations.import.lead')}</p>
      {failure && <ErrorSummary {...failure} labels={labels} />}
      <form method="post" encType="multipart/form-data">
        <CsrfField />
        <Field name="topic" label={t('conversations.edit.topic')} error={errorOf('topic')} required>
          {(p) => <input {...p} defaultValue={v.topic ?? ''} />}
        </Field>
        <Field name="slug" label={t('conversations.edit.slug')} hint={t('conversations.edit.slugHint')} error={errorOf('slug')} required>
          {(p) => <input {...p} defaultValue={v.slug ?? ''} />}
        </Field>
        <Field name="description" label={t('conversations.edit.description')} error={errorOf('description')}>
          {(p) => <textarea {...p} rows={2} defaultValue={v.description ?? ''} />}
        </Field>
        <Field name="files" label={t('conversations.import.files')} hint={t('conversations.import.filesHint')} error={errorOf('files')} required>
          {(p) => <input {...p} type="file" multiple accept=".csv,text/csv" />}
        </Field>
        <button type="submit">{t('conversations.import.submit')}</button>
      </form>
    </>
  );
}
