import { useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors, typedValue } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { canonicalOrigin } from '../../sites/index.js';
import { generateCodes, importCodes } from '../commands/ballots.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.codes.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { view } = await loadProcessView(context, params.slug ?? '');
  // Printed on letters: the site's canonical address, whatever host this page was opened on.
  return { view, origin: canonicalOrigin(context.ctx.site, context.ctx.origin, { secure: context.deps.env.COOKIE_SECURE }) };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  try {
    if (values.intent === 'import')
      return {
        ok: true as const,
        imported: await importCodes(context.deps, context.ctx.site.id, row, values.csv, values.importBatch),
        codes: [] as string[],
      };
    return { ok: true as const, imported: 0, codes: await generateCodes(context.deps, context.ctx.site.id, row, values.count, values.batch) };
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function CodesPage() {
  const { view, origin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  useRoot();
  const failure = result && !result.ok ? result : null;
  const done = result && result.ok ? result : null;
  const errorOf = useFieldErrors(failure);
  // A refused form comes back with what was typed (a long pasted CSV is not lost).
  const typed = (name: string, fallback = '') => typedValue(failure, name, fallback);
  const labels = {
    count: t('budgeting.codes.count'),
    batch: t('budgeting.codes.batch'),
    csv: t('budgeting.codes.csv'),
    importBatch: t('budgeting.codes.batch'),
  };
  const voteUrl = `${origin}/budgeting/${view.slug}/vote`;
  return (
    <>
      <p>
        <a href={`/budgeting/${view.slug}/admin`}>{t('budgeting.admin.heading', { title: view.title })}</a>
      </p>
      <h1>{t('budgeting.codes.title')}</h1>
      <p>{t('budgeting.codes.intro')}</p>
      <ErrorSummary {...failure} labels={labels} />
      {done && done.codes.length > 0 && (
        <section aria-labelledby="sheet" className="code-sheet">
          <h2 id="sheet">{t('budgeting.codes.sheet', { count: done.codes.length })}</h2>
          <p className="notice" role="status">
            {t('budgeting.codes.once')}
          </p>
          <ul className="card-grid">
            {done.codes.map((c) => (
              <li key={c} className="card">
                <p>{t('budgeting.codes.letter', { title: view.title })}</p>
                <p>
                  <strong>{c}</strong>
                </p>
                <p className="muted">{voteUrl}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {done && done.imported > 0 && (
        <p className="notice" role="status">
          {t('budgeting.codes.imported', { count: done.imported })}
        </p>
      )}
      <form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="generate" />
        <h2>{t('budgeting.codes.generate')}</h2>
        <Field name="count" label={labels.count} error={errorOf('count')} required>
          {(p) => <input {...p} type="number" min={1} max={5000} defaultValue={typed('count', '50')} />}
        </Field>
        <Field name="batch" label={labels.batch} error={errorOf('batch')}>
          {(p) => <input {...p} defaultValue={typed('batch')} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.codes.generateButton')}
        </button>
      </form>
      <form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="import" />
        <h2>{t('budgeting.codes.import')}</h2>
        <Field name="csv" label={labels.csv} hint={t('budgeting.codes.csvHint')} error={errorOf('csv')} required>
          {(p) => <textarea {...p} rows={6} defaultValue={typed('csv')} />}
        </Field>
        <Field name="importBatch" label={labels.importBatch} error={errorOf('importBatch')}>
          {(p) => <input {...p} defaultValue={typed('importBatch')} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.codes.importButton')}
        </button>
      </form>
    </>
  );
}
