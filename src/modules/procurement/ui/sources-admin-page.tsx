import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { createSource, removeSource, runSourceNow, updateSourceFields } from '../commands/source-commands.js';
import { SOURCE_MANAGE_PERMISSION } from '../routes/ingest-api.js';
import { listSources } from '../store/sources.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

const PATH = '/procurement/admin/sources';
const KINDS = ['url', 'prozorro', 'upload'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.sources.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, SOURCE_MANAGE_PERMISSION);
  const { deps, ctx } = context;
  const params = new URL(request.url).searchParams;
  const sources = (await listSources(deps.db, ctx.site.id)).map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    settings: s.settings,
    intervalSeconds: s.intervalSeconds,
    enabled: s.enabled,
    state: s.state,
    lastRunAt: s.lastRunAt ? s.lastRunAt.toISOString() : null,
    lastError: s.lastError,
  }));
  return { sources, edit: params.get('edit'), done: params.get('done') };
}

/** The fields of the create/edit form as the commands take them ('' for a URL means none). */
function readSourceForm(form: FormData, creating: boolean): Record<string, unknown> {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const url = text('url')?.trim();
  const out: Record<string, unknown> = {
    name: text('name') ?? '',
    url: url ? url : creating ? undefined : null,
    settings: text('settings') ?? '',
    intervalSeconds: text('intervalSeconds')?.trim() || undefined,
    enabled: form.get('enabled') === 'on',
  };
  if (creating) out.kind = text('kind') ?? '';
  return out;
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, SOURCE_MANAGE_PERMISSION);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? '');
  const id = String(form.get('id') ?? '');
  try {
    if (intent !== 'create' && !UUID.test(id)) throw new AppError('not_found', 'No such source.');
    if (intent === 'create') {
      await createSource(deps, ctx.site.id, readSourceForm(form, true));
      return redirect(`${PATH}?done=created`);
    }
    if (intent === 'update') {
      const patch = readSourceForm(form, false);
      await updateSourceFields(deps, ctx.site.id, id, patch);
      return redirect(`${PATH}?done=updated`);
    }
    if (intent === 'delete') {
      await removeSource(deps, ctx.site.id, id);
      return redirect(`${PATH}?done=deleted`);
    }
    if (intent === 'run') {
      await runSourceNow(deps, ctx.site.id, id);
      return redirect(`${PATH}?done=queued`);
    }
    throw new AppError('bad_request', 'Unknown action.');
  } catch (e) {
    return formFailure(e, values);
  }
}

type Source = ReturnType<typeof useLoaderData<typeof loader>>['sources'][number];

/** A source's saved position in words: ProZorro's feed offsets, a URL's validators, runs and failures. */
function describeState(s: Source, t: ReturnType<typeof useT>): string[] {
  const st = s.state;
  const out: string[] = [];
  if (st.forwardOffset) out.push(t('procurement.sources.state.forward', { offset: st.forwardOffset }));
  if (st.backwardDone) out.push(t('procurement.sources.state.backwardDone'));
  else if (st.backwardOffset) out.push(t('procurement.sources.state.backward', { offset: st.backwardOffset }));
  if (st.etag) out.push(t('procurement.sources.state.etag', { etag: st.etag }));
  if (st.lastModified) out.push(t('procurement.sources.state.lastModified', { date: st.lastModified }));
  if (st.runs) out.push(t('procurement.sources.state.runs', { count: st.runs }));
  if (st.failures) out.push(t('procurement.sources.state.failures', { count: st.failures }));
  return out;
}

/** The create or edit form of a source; `failed` holds the refused input of this very form. */
function SourceForm({ source, failed }: { source: Source | null; failed: FormFailure | null }) {
  const t = useT();
  const v = (k: string, fallback: string) => {
    const typed = failed?.values[k];
    return typeof typed === 'string' ? typed : fallback;
  };
  const err = useFieldErrors(failed);
  const enabled = failed ? failed.values.enabled === 'on' : (source?.enabled ?? true);
  return (
    <form method="post" noValidate className="source-form">
      <CsrfField />
      <input type="hidden" name="intent" value={source ? 'update' : 'create'} />
      {source && <input type="hidden" name="id" value={source.id} />}
      <Field name="name" label={t('procurement.sources.name')} error={err('name')} required>
        {(p) => <input {...p} type="text" maxLength={100} defaultValue={v('name', source?.name ?? '')} />}
      </Field>
      {source ? (
        <p>
          {t('procurement.sources.kind')}: {t(`procurement.sources.kind.${source.kind}`)}
        </p>
      ) : (
        <Field name="kind" label={t('procurement.sources.kind')} error={err('kind')} required>
          {(p) => (
            <select {...p} defaultValue={v('kind', 'url')}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`procurement.sources.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="url" label={t('procurement.sources.url')} hint={t('procurement.sources.urlHint')} error={err('url')}>
        {(p) => <input {...p} type="url" defaultValue={v('url', source?.url ?? '')} />}
      </Field>
      <Field
        name="intervalSeconds"
        label={t('procurement.sources.interval')}
        hint={t('procurement.sources.intervalHint')}
        error={err('intervalSeconds')}
      >
        {(p) => (
          <input {...p} type="number" inputMode="numeric" min="1" defaultValue={v('intervalSeconds', String(source?.intervalSeconds ?? 3600))} />
        )}
      </Field>
      <div className={err('enabled') ? 'field field-error' : 'field'}>
        <label>
          <input type="checkbox" id="field-enabled" name="enabled" defaultChecked={enabled} /> {t('procurement.sources.enabled')}
        </label>
        {err('enabled') && <p className="error">{err('enabled')}</p>}
      </div>
      <Field name="settings" label={t('procurement.sources.settings')} hint={t('procurement.sources.settingsHint')} error={err('settings')}>
        {(p) => <textarea {...p} rows={6} defaultValue={v('settings', source?.settings ?? '')} />}
      </Field>
      <button type="submit">{source ? t('procurement.sources.save') : t('procurement.sources.create')}</button>
    </form>
  );
}

export default function SourcesAdminPage() {
  const { sources, edit, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const failedIntent = failed?.values.intent;
  const failedId = typeof failed?.values.id === 'string' ? failed.values.id : null;
  const editing = sources.find((s) => s.id === (failedIntent === 'update' ? failedId : edit)) ?? null;
  return (
    <>
      <h1>{t('procurement.sources.title')}</h1>
      <p>{t('procurement.sources.intro')}</p>
      <p>
        <a href="/procurement/admin/ingests">{t('procurement.ingests.title')}</a>
      </p>
      {done && ['created', 'updated', 'deleted', 'queued'].includes(done) && (
        <p role="status" className="notice">
          {t(`procurement.sources.done.${done}`)}
        </p>
      )}
      {failed && (
        <ErrorSummary
          {...failed}
          labels={{
            name: t('procurement.sources.name'),
            kind: t('procurement.sources.kind'),
            url: t('procurement.sources.url'),
            intervalSeconds: t('procurement.sources.interval'),
            enabled: t('procurement.sources.enabled'),
            settings: t('procurement.sources.settings'),
          }}
        />
      )}
      {sources.length === 0 ? (
        <p>{t('procurement.sources.none')}</p>
      ) : (
        <Table label={t('procurement.sources.title')} className="sources">
          <caption>{t('procurement.sources.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.sources.name')}</th>
              <th scope="col">{t('procurement.sources.kind')}</th>
              <th scope="col">{t('procurement.sources.schedule')}</th>
              <th scope="col">{t('procurement.sources.position')}</th>
              <th scope="col">{t('procurement.sources.lastOutcome')}</th>
              <th scope="col">{t('procurement.sources.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => {
              const position = describeState(s, t);
              return (
                <tr key={s.id} data-source={s.name}>
                  <th scope="row">
                    {s.name}
                    {s.url && (
                      <>
                        <br />
                        <code>{s.url}</code>
                      </>
                    )}
                  </th>
                  <td>{t(`procurement.sources.kind.${s.kind}`)}</td>
                  <td>
                    {s.kind === 'upload'
                      ? '—'
                      : s.enabled
                        ? t('procurement.sources.every', { seconds: s.intervalSeconds })
                        : t('procurement.sources.disabled')}
                  </td>
                  <td>{position.length ? position.join('; ') : t('procurement.sources.state.none')}</td>
                  <td>
                    {!s.lastRunAt
                      ? t('procurement.sources.neverRun')
                      : s.lastError
                        ? t('procurement.sources.failedAt', { date: formatDate(s.lastRunAt, locale, 'datetime'), error: s.lastError })
                        : t('procurement.sources.okAt', { date: formatDate(s.lastRunAt, locale, 'datetime') })}
                  </td>
                  <td>
                    <a href={`${PATH}?edit=${s.id}#edit`} aria-label={t('procurement.sources.editOf', { name: s.name })}>
                      {t('procurement.sources.edit')}
                    </a>
                    {s.kind !== 'upload' && s.enabled && (
                      <form method="post" className="inline">
                        <CsrfField />
                        <input type="hidden" name="id" value={s.id} />
                        <button type="submit" name="intent" value="run" aria-label={t('procurement.sources.runOf', { name: s.name })}>
                          {t('procurement.sources.run')}
                        </button>
                      </form>
                    )}
                    <form method="post" className="inline">
                      <CsrfField />
                      <input type="hidden" name="id" value={s.id} />
                      <button type="submit" name="intent" value="delete" aria-label={t('procurement.sources.deleteOf', { name: s.name })}>
                        {t('procurement.sources.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {editing && (
        <section id="edit" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('procurement.sources.editTitle', { name: editing.name })}</h2>
          <SourceForm key={editing.id} source={editing} failed={failedIntent === 'update' ? failed : null} />
        </section>
      )}
      {editing ? (
        <p>
          <a href={PATH}>{t('procurement.sources.new')}</a>
        </p>
      ) : (
        <section aria-labelledby="new-title">
          <h2 id="new-title">{t('procurement.sources.new')}</h2>
          <SourceForm source={null} failed={failedIntent === 'create' ? failed : null} />
        </section>
      )}
    </>
  );
}
