import { useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { createApiKey, revokeApiKey } from '../commands/api-keys.js';
import { listApiKeys } from '../store/api-keys.js';
import { Table } from '../../../web/kit/table.js';
import { useDate } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.keys.title' });

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'service-requests.api-keys.manage');
  const rows = await listApiKeys(context.deps.db, context.ctx.site.id);
  return {
    keys: rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'service-requests.api-keys.manage');
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  try {
    if (form.get('intent') === 'revoke') {
      await revokeApiKey(deps, ctx.site.id, String(form.get('id') ?? ''));
      return { ok: true as const, key: null };
    }
    const created = await createApiKey(deps, ctx.site.id, {
      name: String(form.get('name') ?? ''),
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    return { ok: true as const, key: created.key };
  } catch (err) {
    return formFailure(err, values);
  }
}

export default function ApiKeysPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: true; key: string | null } | FormFailure | undefined;
  const t = useT();
  const failed = result && !result.ok ? result : undefined;
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = { name: t('sr.keys.name') };
  const date = useDate();
  return (
    <>
      <h1>{t('sr.keys.title')}</h1>
      <p>{t('sr.keys.intro')}</p>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      {result?.ok && result.key && (
        <div role="status" className="notice">
          <p>{t('sr.keys.created')}</p>
          <p>
            <code>{result.key}</code>
          </p>
        </div>
      )}
      <form method="post">
        <CsrfField />
        <Field name="name" label={labels.name} error={err('name')}>
          {(p) => <input {...p} type="text" maxLength={200} />}
        </Field>
        <button type="submit" name="intent" value="create">
          {t('sr.keys.create')}
        </button>
      </form>
      {d.keys.length > 0 && (
        <Table label={t('sr.keys.list')}>
          <caption>{t('sr.keys.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.keys.name')}</th>
              <th scope="col">{t('sr.keys.prefix')}</th>
              <th scope="col">{t('sr.keys.createdAt')}</th>
              <th scope="col">{t('sr.keys.state')}</th>
            </tr>
          </thead>
          <tbody>
            {d.keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{date(k.createdAt)}</td>
                <td>
                  {k.revokedAt ? (
                    t('sr.keys.revokedOn', { date: date(k.revokedAt) })
                  ) : (
                    <form method="post">
                      <CsrfField />
                      <input type="hidden" name="id" value={k.id} />
                      <button type="submit" name="intent" value="revoke" aria-label={t('sr.keys.revokeNamed', { name: k.name })}>
                        {t('sr.keys.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
