import { useActionData, useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { formFailure, formValues, requirePagePermission, type FormFailure, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { saveOrganisation } from '../commands/save-organisation.js';
import { listOrganisations } from '../store/sites.js';
import { ORGANISATION_KINDS } from '../core/organisations.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'orgs.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'sites.organisations.manage');
  const { site, locale } = context.ctx;
  const rows = await listOrganisations(context.deps.db, site.id);
  const editId = new URL(request.url).searchParams.get('edit');
  return {
    organisations: rows.map((o) => ({ ...o, label: pickText(o.name, locale, site.defaultLocale).text })),
    editing: rows.find((o) => o.id === editId) ?? null,
    defaultLocale: site.defaultLocale,
  };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'sites.organisations.manage');
  const form = await request.formData();
  const values = formValues(form);
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const id = text('id') || undefined;
  try {
    await saveOrganisation(
      context.deps,
      context.ctx.site.id,
      {
        slug: text('slug'),
        name: text('name') ? { [context.ctx.site.defaultLocale]: text('name') } : {},
        kind: text('kind') as never,
        parentId: text('parentId') || null,
        contact: { email: text('contact.email') || null, phone: text('contact.phone') || null, url: text('contact.url') || null },
      },
      id,
    );
    return { ok: true as const };
  } catch (error) {
    // The name is written in the site's default language only: `name.<lang>` is the form's `name`.
    return formFailure(
      withFormFields(error, (k) => (k.startsWith('name.') ? 'name' : k)),
      values,
    );
  }
}

export default function OrganisationsPage() {
  const { organisations, editing, defaultLocale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true } | undefined;
  const t = useT();
  const failed = result && !result.ok ? result : null;
  const v = (key: string, fallback: string) => {
    const got = failed?.values[key];
    return typeof got === 'string' ? got : fallback;
  };
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = {
    name: t('orgs.name'),
    slug: t('orgs.slug'),
    kind: t('orgs.kind'),
    parentId: t('orgs.parent'),
    'contact.email': t('orgs.email'),
    'contact.phone': t('orgs.phone'),
    'contact.url': t('orgs.url'),
  };
  const formKey = failed ? 'failed' : (editing?.id ?? 'new') + (result?.ok ? String(organisations.length) : '');
  return (
    <>
      <h1>{t('orgs.title')}</h1>
      {result?.ok && (
        <p className="notice" role="status">
          {t('admin.saved')}
        </p>
      )}
      <Table label={t('orgs.count', { count: organisations.length })}>
        <caption>{t('orgs.count', { count: organisations.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orgs.name')}</th>
            <th scope="col">{t('orgs.kind')}</th>
            <th scope="col">{t('orgs.parent')}</th>
            <th scope="col">{t('orgs.email')}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <a href={`?edit=${o.id}`} aria-label={t('orgs.edit', { name: o.label })}>
                  {o.label}
                </a>
              </td>
              <td>{t(`orgs.kind.${o.kind}`)}</td>
              <td>{organisations.find((p) => p.id === o.parentId)?.label ?? ''}</td>
              <td>{o.contact.email ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2 id="org-form">{editing ? t('orgs.edit', { name: editing.name[defaultLocale] ?? editing.slug }) : t('orgs.add')}</h2>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <form method="post" aria-labelledby="org-form" key={formKey}>
        <CsrfField />
        {editing && <input type="hidden" name="id" value={editing.id} />}
        <Field name="name" label={t('orgs.name')} error={err('name')} required>
          {(p) => <input type="text" {...p} defaultValue={v('name', editing?.name[defaultLocale] ?? '')} />}
        </Field>
        <Field name="slug" label={t('orgs.slug')} hint={t('orgs.slugHint')} error={err('slug')} required>
          {(p) => <input type="text" {...p} defaultValue={v('slug', editing?.slug ?? '')} />}
        </Field>
        <Field name="kind" label={t('orgs.kind')} error={err('kind')} required>
          {(p) => (
            <select {...p} defaultValue={v('kind', editing?.kind ?? 'agency')}>
              {ORGANISATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`orgs.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="parentId" label={t('orgs.parent')} error={err('parentId')}>
          {(p) => (
            <select {...p} defaultValue={v('parentId', editing?.parentId ?? '')}>
              <option value="">{t('orgs.noParent')}</option>
              {organisations
                .filter((o) => o.id !== editing?.id)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field name="contact.email" label={t('orgs.email')} error={err('contact.email')}>
          {(p) => <input type="email" {...p} defaultValue={v('contact.email', editing?.contact.email ?? '')} />}
        </Field>
        <Field name="contact.phone" label={t('orgs.phone')} error={err('contact.phone')}>
          {(p) => <input type="text" {...p} defaultValue={v('contact.phone', editing?.contact.phone ?? '')} />}
        </Field>
        <Field name="contact.url" label={t('orgs.url')} error={err('contact.url')}>
          {(p) => <input type="url" {...p} defaultValue={v('contact.url', editing?.contact.url ?? '')} />}
        </Field>
        <div className="actions">
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
    </>
  );
}
