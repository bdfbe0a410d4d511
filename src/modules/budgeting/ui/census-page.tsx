import { useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors, typedValue } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { countCensus, importCensus } from '../commands/eligibility.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.census.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  return { view, eligibility: row.eligibility, counts: await countCensus(context.deps, context.ctx.site.id, row.id) };
}

/** Imports the census from an uploaded CSV file (or pasted text) and reports rows read, duplicates and bad rows by line. */
export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  try {
    const file = form.get('file');
    const csv = file && typeof file !== 'string' && file.size > 0 ? await file.text() : values.csv;
    const report = await importCensus(context.deps, context.ctx.site.id, row, {
      csv,
      idColumn: values.idColumn,
      districtColumn: values.districtColumn,
    });
    return { ok: true as const, report, counts: await countCensus(context.deps, context.ctx.site.id, row.id) };
  } catch (e) {
    // `csv` (the file's text) is refused on the form's `file` field.
    return formFailure(withFormFields(e, { csv: 'file' }), values);
  }
}

export default function CensusPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const failure = result && !result.ok ? result : null;
  const report = result && result.ok ? result.report : null;
  const counts = result && result.ok ? result.counts : loaded.counts;
  const { view } = loaded;
  const errorOf = useFieldErrors(failure);
  const labels = {
    file: t('budgeting.census.file'),
    idColumn: t('budgeting.census.idColumn'),
    districtColumn: t('budgeting.census.districtColumn'),
  };
  const value = (k: string) => typedValue(failure, k);
  return (
    <>
      <p>
        <a href={`/budgeting/${view.slug}/admin`}>{t('budgeting.admin.heading', { title: view.title })}</a>
      </p>
      <h1>{t('budgeting.census.title')}</h1>
      <p>{t('budgeting.census.intro')}</p>
      {loaded.eligibility !== 'census' && <p className="notice">{t('budgeting.census.notUsed')}</p>}
      <p className="lead">{t('budgeting.census.counts', { listed: counts.listed, claimed: counts.claimed })}</p>
      {report && (
        <section aria-labelledby="census-report" className="card" role="status">
          <h2 id="census-report">{t('budgeting.census.reportHeading')}</h2>
          <p>{t('budgeting.census.report', { read: report.rowsRead, imported: report.imported })}</p>
          {report.duplicates.length > 0 && (
            <>
              <h3>{t('budgeting.census.duplicates', { count: report.duplicates.length })}</h3>
              <ul>
                {report.duplicates.map((d) => (
                  <li key={`d${d.line}`}>
                    {t(d.reason === 'in_file' ? 'budgeting.census.dupInFile' : 'budgeting.census.dupListed', { line: d.line })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.badRows.length > 0 && (
            <>
              <h3>{t('budgeting.census.badRows', { count: report.badRows.length })}</h3>
              <ul>
                {report.badRows.map((b) => (
                  <li key={`b${b.line}`}>{t(`budgeting.census.bad.${b.reason}`, { line: b.line, value: b.value ?? '' })}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <form method="post" encType="multipart/form-data">
        <CsrfField />
        <ErrorSummary {...failure} labels={labels} />
        <Field name="file" label={labels.file} hint={t('budgeting.census.fileHint')} error={errorOf('file')}>
          {(p) => <input {...p} type="file" accept=".csv,text/csv,text/plain" />}
        </Field>
        <Field name="idColumn" label={labels.idColumn} hint={t('budgeting.census.idColumnHint')} error={errorOf('idColumn')}>
          {(p) => <input {...p} defaultValue={value('idColumn') || 'id'} />}
        </Field>
        <Field name="districtColumn" label={labels.districtColumn} hint={t('budgeting.census.districtColumnHint')} error={errorOf('districtColumn')}>
          {(p) => <input {...p} defaultValue={value('districtColumn')} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.census.send')}
        </button>
      </form>
    </>
  );
}
