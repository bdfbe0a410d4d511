import { useEffect, useState } from 'react';
import { redirect, useActionData, useLoaderData } from 'react-router';
import { invalidInput } from '../../../kernel/errors.js';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { ingestReleaseStream, readIngestProgress } from '../commands/ingest-releases.js';
import { SOURCE_MANAGE_PERMISSION } from '../routes/ingest-api.js';
import { listIngests } from '../store/release-writes.js';
import { findSource, listSources } from '../store/sources.js';
import type { PageHandle } from '../../../web/kit/root-data.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

/** Seconds between reloads of the page while an ingest runs (without JavaScript). */
const REFRESH_SECONDS = 5;

/** Staff watch imports progress live: this page runs React in the browser. */
export const handle: PageHandle = { hydrate: true };

export function meta(args: TitleArgs & { data?: { running?: boolean } }) {
  const tags: Record<string, string>[] = pageTitle(args, { id: 'procurement.ingests.title' });
  if (args.data?.running) tags.push({ httpEquiv: 'refresh', content: String(REFRESH_SECONDS) });
  return tags;
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, SOURCE_MANAGE_PERMISSION);
  const { deps, ctx } = context;
  const [rows, sources] = await Promise.all([listIngests(deps.db, ctx.site.id), listSources(deps.db, ctx.site.id)]);
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const ingests = rows.map((r) => ({
    id: r.id,
    label: r.label,
    source: r.sourceId ? (names.get(r.sourceId) ?? null) : null,
    status: r.status,
    bytes: r.bytes,
    summary: r.summary ?? null,
    error: r.error,
    progress: r.status === 'running' ? (readIngestProgress(deps, r.id) ?? null) : null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  }));
  const done = new URL(request.url).searchParams.get('done');
  return {
    ingests,
    sources: sources.map((s) => ({ id: s.id, name: s.name })),
    running: ingests.some((i) => i.status === 'running'),
    done: ingests.find((i) => i.id === done) ?? null,
  };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, SOURCE_MANAGE_PERMISSION);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  try {
    const sourceId = String(form.get('source') ?? '').trim();
    const source = sourceId ? await findSource(deps.db, ctx.site.id, sourceId).catch(() => null) : null;
    if (sourceId && !source)
      throw invalidInput({ source: 'no source with this id on this site' }, undefined, { source: { reason: 'invalid_choice' } });
    const file = form.get('file');
    if (!file || typeof file === 'string' || file.size === 0)
      throw invalidInput({ file: 'a file is required' }, undefined, { file: { reason: 'required' } });
    const r = await ingestReleaseStream(deps, ctx.site.id, file.stream() as unknown as AsyncIterable<Uint8Array>, {
      sourceId: source?.id ?? null,
      settings: source?.settings ?? '',
      label: (file.name || 'upload').slice(0, 200),
      keepGoing: form.get('keepGoing') === 'on',
    });
    if (r.summary.releases === 0 && r.summary.items === 0)
      throw invalidInput({ file: 'no OCDS release, record or package found' }, undefined, { file: { reason: 'no_releases' } });
    return redirect(`/procurement/admin/ingests?done=${r.ingestId}`);
  } catch (e) {
    return formFailure(e, values);
  }
}

type Ingest = ReturnType<typeof useLoaderData<typeof loader>>['ingests'][number];

/** Reads the progress of running ingests from the API every few seconds, when JavaScript runs (the page also refreshes itself without it). */
function useLiveIngests(initial: Ingest[]): Ingest[] {
  const [items, setItems] = useState(initial);
  useEffect(() => setItems(initial), [initial]);
  const running = items.some((i) => i.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      fetch('/api/v1/procurement/ingests', { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ items: Ingest[] }>) : null))
        .then((body) => {
          if (!body) return;
          const names = new Map(items.map((i) => [i.id, i.source]));
          setItems(body.items.map((i) => ({ ...i, source: names.get(i.id) ?? null })));
        })
        .catch(() => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [running, items]);
  return items;
}

export default function IngestsAdminPage() {
  const loaded = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const fieldError = useFieldErrors(failed);
  const items = useLiveIngests(loaded.ingests);
  const typedSource = typeof failed?.values.source === 'string' ? failed.values.source : '';
  const done = loaded.done;
  return (
    <>
      <h1>{t('procurement.ingests.title')}</h1>
      <p>{t('procurement.ingests.intro')}</p>
      <p>
        <a href="/procurement/admin/sources">{t('procurement.sources.title')}</a>
      </p>
      {done && done.summary && (
        <div role="status" className="notice">
          <p>
            {t('procurement.ingests.done', {
              label: done.label,
              releases: done.summary.releases,
              inserted: done.summary.inserted,
              duplicates: done.summary.duplicates,
            })}
          </p>
          {done.summary.issues.length > 0 && (
            <>
              <p>{t('procurement.ingests.issues', { count: done.summary.issues.length })}</p>
              <ul className="issues">
                {done.summary.issues.slice(0, 50).map((i, n) => (
                  <li key={n}>{t('procurement.ingests.issue', { line: i.line, path: i.path ?? '/', error: i.error })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {failed && <ErrorSummary {...failed} labels={{ file: t('procurement.ingests.file'), source: t('procurement.ingests.source') }} />}
      <h2>{t('procurement.ingests.upload')}</h2>
      <form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <Field name="file" label={t('procurement.ingests.file')} hint={t('procurement.ingests.fileHint')} error={fieldError('file')} required>
          {(p) => <input {...p} type="file" accept=".json,.jsonl,.ndjson,application/json,application/x-ndjson" />}
        </Field>
        <Field name="source" label={t('procurement.ingests.source')} hint={t('procurement.ingests.sourceHint')} error={fieldError('source')}>
          {(p) => (
            <select {...p} defaultValue={typedSource}>
              <option value="">{t('procurement.ingests.noSource')}</option>
              {loaded.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" name="keepGoing" aria-describedby="keep-going-hint" defaultChecked={failed?.values.keepGoing === 'on'} />{' '}
            {t('procurement.ingests.keepGoing')}
          </label>
          <p className="hint" id="keep-going-hint">
            {t('procurement.ingests.keepGoingHint')}
          </p>
        </div>
        <button type="submit">{t('procurement.ingests.send')}</button>
      </form>
      <h2>{t('procurement.ingests.past')}</h2>
      {items.length === 0 ? (
        <p>{t('procurement.ingests.none')}</p>
      ) : (
        <Table label={t('procurement.ingests.past')} className="ingests">
          <caption>{t('procurement.ingests.past')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.ingests.file')}</th>
              <th scope="col">{t('procurement.ingests.source')}</th>
              <th scope="col">{t('procurement.ingests.started')}</th>
              <th scope="col">{t('procurement.ingests.status')}</th>
              <th scope="col">{t('procurement.ingests.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const counts = i.summary ?? i.progress;
              return (
                <tr key={i.id} data-status={i.status}>
                  <th scope="row">{i.label}</th>
                  <td>{i.source ?? '—'}</td>
                  <td>{formatDate(i.startedAt, locale, 'datetime')}</td>
                  <td>
                    {t(`procurement.ingests.status.${i.status}`)}
                    {i.status === 'running' && i.progress && (
                      <>
                        {' '}
                        <span aria-live="polite">
                          {t('procurement.ingests.progress', { bytes: i.progress.bytes, releases: i.progress.releases })}
                        </span>
                      </>
                    )}
                    {i.status === 'failed' && i.error && <p className="error">{i.error}</p>}
                  </td>
                  <td>
                    {counts
                      ? t('procurement.ingests.countsValue', {
                          releases: counts.releases,
                          inserted: counts.inserted,
                          duplicates: counts.duplicates,
                          issues: typeof counts.issues === 'number' ? counts.issues : counts.issues.length,
                        })
                      : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
