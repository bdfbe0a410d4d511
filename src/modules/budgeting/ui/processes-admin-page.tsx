import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { importPabulib } from '../commands/results.js';
import { PABULIB_REASONS, type PabulibProblem } from '../formats/pabulib.js';
import { computePhase } from '../core/phases.js';
import { listProcesses } from '../store/queries.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.manage.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const now = context.deps.clock.now();
  const rows = await listProcesses(context.deps.db, context.ctx.site.id);
  return { processes: rows.map((p) => ({ slug: p.slug, title: p.title, phase: computePhase(p.phases, now), locked: p.locked })) };
}

/** Imports a Pabulib file (uploaded) as a new process. */
export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const form = await request.formData();
  const values = formValues(form);
  try {
    const file = form.get('file');
    // The bytes, not file.text(): a Latin-1 file must be refused, not read with replacement characters.
    const bytes = file && typeof file !== 'string' && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
    const p = await importPabulib(context.deps, context.ctx.site.id, bytes, values.slug, file && typeof file !== 'string' ? file.name : undefined);
    return redirect(`/budgeting/${p.slug}/admin`);
  } catch (e) {
    // A problem in the file goes back as data, so the page says it in the reader's language.
    if (e instanceof AppError && e.code === 'invalid_input' && typeof e.details.reason === 'string' && e.details.reason in PABULIB_REASONS)
      return data<FormFailure & { pb: PabulibProblem }>(
        { ok: false, message: e.message, fields: e.fields, values, pb: e.details as unknown as PabulibProblem },
        { status: 400 },
      );
    return formFailure(e, values);
  }
}

/** Where and why the reader refused the file, in the reader's language (`budgeting.pb.*`). */
function usePabulibProblem(): (p: PabulibProblem) => string {
  const t = useT();
  return (p) => {
    const reason = t(`budgeting.pb.reason.${p.reason}`, p.params);
    if (p.section && p.line !== null) return t('budgeting.pb.whereLine', { file: p.file, section: p.section, line: p.line, reason });
    if (p.section) return t('budgeting.pb.whereSection', { file: p.file, section: p.section, reason });
    return t('budgeting.pb.whereFileLine', { file: p.file, line: p.line ?? 1, reason });
  };
}

export default function ProcessesAdminPage() {
  const { processes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const describe = usePabulibProblem();
  const pb = failure && !failure.ok && 'pb' in failure ? (failure.pb as PabulibProblem) : null;
  const failed = failure && !failure.ok ? failure : null;
  // A problem in the file is worded by the .pb reader's messages; any other refusal by its coded reasons.
  const shown = failed && (pb ? { fields: { file: describe(pb) }, message: t('budgeting.pb.title') } : failed);
  const errorOf = useFieldErrors(shown);
  const labels = { file: t('budgeting.manage.file'), slug: t('budgeting.manage.slug') };
  return (
    <>
      <h1>{t('budgeting.manage.title')}</h1>
      <p>
        <a className="button" href="/budgeting/admin/processes/new">
          {t('budgeting.manage.new')}
        </a>
      </p>
      <Table label={t('budgeting.manage.title')}>
        <thead>
          <tr>
            <th scope="col">{t('budgeting.manage.process')}</th>
            <th scope="col">{t('budgeting.manage.phase')}</th>
            <th scope="col">{t('budgeting.manage.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {processes.map((p) => (
            <tr key={p.slug}>
              <th scope="row">
                <a href={`/budgeting/${p.slug}`}>{p.title}</a>
              </th>
              <td>{t(`budgeting.phase.${p.phase}`)}</td>
              <td>
                <a href={`/budgeting/admin/processes/${p.slug}`}>{t('budgeting.manage.edit', { title: p.title })}</a> ·{' '}
                <a href={`/budgeting/${p.slug}/admin`}>{t('budgeting.manage.staff', { title: p.title })}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form method="post" encType="multipart/form-data">
        <h2>{t('budgeting.manage.import')}</h2>
        <p>{t('budgeting.manage.importIntro')}</p>
        <CsrfField />
        <ErrorSummary {...(pb ? { message: t('budgeting.pb.title') } : shown)} labels={labels} />
        <Field name="file" label={labels.file} error={errorOf('file')} required>
          {(p) => <input {...p} type="file" accept=".pb,text/plain" />}
        </Field>
        <Field name="slug" label={labels.slug} hint={t('budgeting.manage.slugHint')} error={errorOf('slug')} required>
          {(p) => <input {...p} defaultValue={failure && !failure.ok ? String(failure.values.slug ?? '') : ''} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.manage.importButton')}
        </button>
      </form>
    </>
  );
}
