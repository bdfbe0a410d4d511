import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { importPabulib } from '../commands/results.js';
import { computePhase } from '../core/phases.js';
import { listProcesses } from '../store/queries.js';

export function meta() {
  return [{ title: 'Budgeting processes · Polity' }];
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
    return formFailure(e, values);
  }
}

export default function ProcessesAdminPage() {
  const { processes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const fields = failure && !failure.ok ? failure.fields : {};
  return (
    <>
      <h1>{t('budgeting.manage.title')}</h1>
      <p>
        <a className="button" href="/budgeting/admin/processes/new">
          {t('budgeting.manage.new')}
        </a>
      </p>
      <table>
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
      </table>
      <form method="post" encType="multipart/form-data">
        <h2>{t('budgeting.manage.import')}</h2>
        <p>{t('budgeting.manage.importIntro')}</p>
        <CsrfField />
        <ErrorSummary fields={fields} message={failure && !failure.ok ? failure.message : undefined} />
        <Field name="file" label={t('budgeting.manage.file')} error={fields.file} required>
          {(p) => <input {...p} type="file" accept=".pb,text/plain" />}
        </Field>
        <Field name="slug" label={t('budgeting.manage.slug')} hint={t('budgeting.manage.slugHint')} error={fields.slug} required>
          {(p) => <input {...p} defaultValue={failure && !failure.ok ? String(failure.values.slug ?? '') : ''} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.manage.importButton')}
        </button>
      </form>
    </>
  );
}
