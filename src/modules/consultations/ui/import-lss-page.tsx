import { data, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { decodeUtf8Strict, describeUtf8Problem, Utf8DecodeError } from '../../../kernel/utf8.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import { Table } from '../../../web/kit/table.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { importLss } from '../commands/import-lss.js';
import { loadConsultationOr404 } from './shared.server.js';

/**
 * `/consultations/:slug/admin/import-lss`: an editor uploads a LimeSurvey structure (`.lss`)
 * that replaces the consultation's questionnaire (a new version once responses exist); the page
 * then lists the items made and, in the reader's language, what of the file was not carried over.
 * A plain multipart form: no script needed.
 */

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.lss.importTitle' }, args.data ? { text: args.data.title } : null);
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  return { slug: c.slug, title: pickText(c.title, ctx.locale, ctx.site.defaultLocale).text };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  if (ctx.actor.kind !== 'user') throw data('forbidden', { status: 403 });
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  try {
    const file = form.get('file');
    if (!file || typeof file === 'string' || file.size === 0)
      throw new AppError('invalid_input', 'Choose a LimeSurvey file (.lss).', {
        fields: { file: 'choose a LimeSurvey file (.lss)' },
        reasons: { file: { reason: 'required' } },
      });
    let text: string;
    try {
      text = decodeUtf8Strict(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      if (!(e instanceof Utf8DecodeError)) throw e;
      throw new AppError('invalid_input', describeUtf8Problem(e.problem), {
        fields: { file: describeUtf8Problem(e.problem) },
        reasons: { file: { reason: 'file_not_utf8', values: { file: file.name, line: e.problem.line } } },
      });
    }
    const imported = await importLss(deps, c, text, { actorId: ctx.actor.userId, siteLanguages: ctx.site.locales });
    const fallback = ctx.site.defaultLocale;
    return {
      ok: true as const,
      version: imported.version,
      outcome: imported.outcome,
      languages: Object.values(imported.languages),
      items: imported.items.map((i) => ({
        id: i.id,
        text: pickText(i.label ?? i.body, ctx.locale, fallback).text.split('\n')[0],
      })),
      unsupported: imported.unsupported,
    };
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function ImportLssPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const failed = result && !result.ok ? (result as FormFailure) : null;
  const done = result && result.ok ? result : null;
  const errorOf = useFieldErrors(failed);
  const labels = { file: t('consultations.lss.file') };
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}/admin`}>{d.title}</a>
      </p>
      <h1>{t('consultations.lss.importTitle')}</h1>
      <p>{t('consultations.lss.intro', { title: d.title })}</p>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      {done && (
        <>
          <p className="notice" role="status">
            {t(`consultations.lss.done.${done.outcome}`, { version: done.version, count: done.items.length })}
          </p>
          <p>{t('consultations.lss.languages', { languages: done.languages.join(', ') })}</p>
          <h2>{t('consultations.lss.unsupportedHeading')}</h2>
          {done.unsupported.length === 0 ? (
            <p>{t('consultations.lss.allCarried')}</p>
          ) : (
            <Table label={t('consultations.lss.unsupportedHeading')}>
              <thead>
                <tr>
                  <th scope="col">{t('consultations.lss.element')}</th>
                  <th scope="col">{t('consultations.lss.why')}</th>
                  <th scope="col">{t('consultations.lss.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {done.unsupported.map((u, i) => (
                  <tr key={i}>
                    <td>
                      <code>{u.element}</code>
                    </td>
                    <td>{t(`consultations.lss.reason.${u.reason}`)}</td>
                    <td>{u.detail ? <code>{u.detail}</code> : null}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <h2>{t('consultations.lss.itemsHeading')}</h2>
          <Table label={t('consultations.lss.itemsHeading')}>
            <thead>
              <tr>
                <th scope="col">{t('consultations.lss.itemId')}</th>
                <th scope="col">{t('consultations.lss.itemText')}</th>
              </tr>
            </thead>
            <tbody>
              {done.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <code>{i.id}</code>
                  </td>
                  <td>{i.text}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <form method="post" encType="multipart/form-data">
        <CsrfField />
        <Field name="file" label={labels.file} hint={t('consultations.lss.fileHint')} error={errorOf('file')} required>
          {(p) => <input {...p} type="file" accept=".lss,application/xml,text/xml" />}
        </Field>
        <button type="submit" className="button">
          {t('consultations.lss.submit')}
        </button>
      </form>
    </>
  );
}
