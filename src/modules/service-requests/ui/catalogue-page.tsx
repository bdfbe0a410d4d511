import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { pickText } from '../../../kernel/i18n.js';
import { invalidInput } from '../../../kernel/errors.js';
import { listOrganisations } from '../../sites/index.js';
import { saveService } from '../commands/catalogue.js';
import { ATTRIBUTE_DATATYPES } from '../core/attributes.js';
import { findServiceByCode, listGroups, listServices } from '../store/catalogue.js';
import type { ServiceRow } from '../store/tables.js';
import { titleOf } from './shared.js';

export const meta = ({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) => titleOf(matches, 'sr.catalogue.title');

const PERMISSION = 'service-requests.catalogue.manage';
const MAX_ROWS = 50;

/** A service as the edit form's plain field values (the same shape a submitted form has). */
function formOf(s: ServiceRow | null, locale: string, groupCodes: Map<string, string>): Record<string, string> {
  const attrs = s?.attributes ?? [];
  const out: Record<string, string> = {
    editing: s?.code ?? '',
    code: s?.code ?? '',
    name: s?.name[locale] ?? '',
    description: s?.description[locale] ?? '',
    keywords: s?.keywords.join(', ') ?? '',
    groupCode: s?.groupId ? (groupCodes.get(s.groupId) ?? '') : '',
    agencyId: s?.agencyId ?? '',
    targetHours: s?.targetHours === null || s?.targetHours === undefined ? '' : String(s.targetHours),
    locationRequired: s && !s.locationRequired ? '' : 'on',
    active: s && !s.active ? '' : 'on',
    attributeRows: String(attrs.length + 1),
  };
  attrs.forEach((a, i) => {
    out[`attributes.${i}.code`] = a.code;
    out[`attributes.${i}.datatype`] = a.datatype;
    out[`attributes.${i}.required`] = a.required ? 'on' : '';
    out[`attributes.${i}.description`] = a.description;
    out[`attributes.${i}.values`] = (a.values ?? []).map((v) => (v.name === v.key ? v.key : `${v.key} = ${v.name}`)).join('\n');
  });
  return out;
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, PERMISSION);
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const [groups, services, agencies] = await Promise.all([
    listGroups(deps.db, ctx.site.id),
    listServices(deps.db, ctx.site.id, { all: true }),
    listOrganisations(deps.db, ctx.site.id, 'agency'),
  ]);
  const text = (t: Record<string, string>) => pickText(t, ctx.locale, ctx.site.defaultLocale).text;
  const groupCodes = new Map(groups.map((g) => [g.id, g.code]));
  const groupNames = new Map(groups.map((g) => [g.id, text(g.name)]));
  const agencyNames = new Map(agencies.map((a) => [a.id, text(a.name)]));
  const editCode = url.searchParams.get('edit');
  const editing = editCode ? await findServiceByCode(deps.db, ctx.site.id, editCode) : null;
  if (editCode && !editing) throw data('not found', { status: 404 });
  return {
    locale: ctx.locale,
    saved: url.searchParams.get('saved'),
    groups: groups.map((g) => ({ code: g.code, name: text(g.name), count: services.filter((s) => s.groupId === g.id).length })),
    agencies: agencies.map((a) => ({ id: a.id, name: text(a.name) })),
    services: services.map((s) => ({
      code: s.code,
      name: text(s.name),
      group: s.groupId ? (groupNames.get(s.groupId) ?? '') : '',
      agency: s.agencyId ? (agencyNames.get(s.agencyId) ?? '') : '',
      targetHours: s.targetHours,
      attributes: s.attributes.length,
      active: s.active,
    })),
    form: formOf(editing, ctx.locale, groupCodes),
  };
}

/** Reads `key = name` lines (or a bare key) into list options; names the line that has no key. */
function parseValues(textValue: string, field: string, fields: Record<string, string>) {
  const out: { key: string; name: string }[] = [];
  textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, n) => {
      const at = line.indexOf('=');
      const key = (at < 0 ? line : line.slice(0, at)).trim();
      const name = (at < 0 ? line : line.slice(at + 1)).trim() || key;
      if (!key) fields[field] = `line ${n + 1} has no key before "="`;
      out.push({ key, name });
    });
  return out.length ? out : undefined;
}

/** Field errors keyed by the form's field names (a localized name's `name.en` is the `name` field). */
function formFieldsOf(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, reason] of Object.entries(fields)) {
    const key = /^(name|description|keywords)\./.test(k)
      ? k.split('.')[0]
      : /^attributes\.\d+\.values\./.test(k)
        ? k.split('.').slice(0, 3).join('.')
        : k;
    if (!out[key]) out[key] = reason;
  }
  return out;
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, PERMISSION);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const get = (k: string) => String(form.get(k) ?? '').trim();
  const rows = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(get('attributeRows'), 10) || 0));
  if (form.get('intent') === 'addRow') {
    return data<FormFailure>({ ok: false, message: '', fields: {}, values: { ...values, attributeRows: String(Math.min(MAX_ROWS, rows + 1)) } });
  }
  try {
    const local: Record<string, string> = {};
    const target = get('targetHours');
    if (target && !/^\d+$/.test(target)) local.targetHours = 'give a whole number of hours';
    const attributes = [];
    for (let i = 0; i < rows; i++) {
      const p = `attributes.${i}`;
      const codeValue = get(`${p}.code`);
      if (!codeValue) continue;
      attributes.push({
        code: codeValue,
        datatype: get(`${p}.datatype`),
        required: form.get(`${p}.required`) === 'on',
        description: get(`${p}.description`),
        order: i + 1,
        values: parseValues(get(`${p}.values`), `${p}.values`, local),
      });
    }
    if (Object.keys(local).length) throw invalidInput(local);
    const editing = get('editing');
    const existing = editing ? await findServiceByCode(deps.db, ctx.site.id, editing) : null;
    const code = existing ? existing.code : get('code');
    const merge = (old: Record<string, string> | undefined, v: string) => {
      const next = { ...(old ?? {}) };
      if (v) next[ctx.locale] = v;
      else delete next[ctx.locale];
      return next;
    };
    await saveService(deps, ctx.site.id, {
      code,
      groupCode: get('groupCode') || null,
      name: merge(existing?.name, get('name')),
      description: merge(existing?.description, get('description')),
      keywords: get('keywords')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      type: existing?.type ?? 'realtime',
      attributes,
      agencyId: get('agencyId') || null,
      targetHours: target ? Number(target) : null,
      locationRequired: form.get('locationRequired') === 'on',
      active: form.get('active') === 'on',
    });
    return redirect(`/service-requests/admin/catalogue?saved=${encodeURIComponent(code)}`);
  } catch (err) {
    const res = formFailure(err, values);
    return data<FormFailure>({ ...res.data, fields: formFieldsOf(res.data.fields) }, res.init ?? undefined);
  }
}

export default function CataloguePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const v: Record<string, string | string[]> = result?.values ?? d.form;
  const one = (k: string) => {
    const x = v[k];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const errors = result?.fields ?? {};
  const rows = Math.min(MAX_ROWS, Math.max(1, Number.parseInt(one('attributeRows'), 10) || 1));
  const editing = one('editing');
  return (
    <>
      <h1>{t('sr.catalogue.title')}</h1>
      <p>{t('sr.catalogue.intro')}</p>
      {d.saved && !result && (
        <p role="status" className="notice">
          {t('sr.catalogue.saved', { code: d.saved })}
        </p>
      )}
      <section aria-labelledby="sr-cat-groups">
        <h2 id="sr-cat-groups">{t('sr.catalogue.groups')}</h2>
        <table>
          <caption>{t('sr.catalogue.groups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.catalogue.code')}</th>
              <th scope="col">{t('sr.catalogue.name')}</th>
              <th scope="col">{t('sr.catalogue.serviceCount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.groups.map((g) => (
              <tr key={g.code}>
                <td>
                  <code>{g.code}</code>
                </td>
                <td>{g.name}</td>
                <td>{g.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sr-cat-services">
        <h2 id="sr-cat-services">{t('sr.catalogue.services')}</h2>
        <table>
          <caption>{t('sr.catalogue.services')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.catalogue.code')}</th>
              <th scope="col">{t('sr.catalogue.name')}</th>
              <th scope="col">{t('sr.catalogue.group')}</th>
              <th scope="col">{t('sr.catalogue.agency')}</th>
              <th scope="col">{t('sr.catalogue.target')}</th>
              <th scope="col">{t('sr.catalogue.questions')}</th>
              <th scope="col">{t('sr.catalogue.state')}</th>
            </tr>
          </thead>
          <tbody>
            {d.services.map((s) => (
              <tr key={s.code}>
                <td>
                  <a href={`/service-requests/admin/catalogue?edit=${encodeURIComponent(s.code)}#sr-cat-form`}>
                    <code>{s.code}</code>
                  </a>
                </td>
                <td>{s.name}</td>
                <td>{s.group}</td>
                <td>{s.agency}</td>
                <td>{s.targetHours === null ? '' : t('sr.service.targetShort', { hours: s.targetHours })}</td>
                <td>{s.attributes}</td>
                <td>{s.active ? t('sr.catalogue.active') : t('sr.catalogue.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sr-cat-form">
        <h2 id="sr-cat-form">{editing ? t('sr.catalogue.editTitle', { code: editing }) : t('sr.catalogue.newTitle')}</h2>
        {editing && (
          <p>
            <a href="/service-requests/admin/catalogue#sr-cat-form">{t('sr.catalogue.newInstead')}</a>
          </p>
        )}
        {result && (result.message || Object.keys(errors).length > 0) && <ErrorSummary fields={errors} message={result.message || undefined} />}
        <form method="post" key={editing + (result ? 'r' : '')}>
          <CsrfField />
          <input type="hidden" name="editing" value={editing} />
          <input type="hidden" name="attributeRows" value={String(rows)} />
          <Field name="code" label={t('sr.catalogue.code')} hint={t('sr.catalogue.codeHint')} error={errors.code} required>
            {(p) => <input {...p} type="text" maxLength={64} defaultValue={one('code')} readOnly={!!editing} />}
          </Field>
          <Field name="name" label={t('sr.catalogue.name')} hint={t('sr.catalogue.inLanguage', { locale: d.locale })} error={errors.name} required>
            {(p) => <input {...p} type="text" maxLength={2000} defaultValue={one('name')} />}
          </Field>
          <Field
            name="description"
            label={t('sr.catalogue.description')}
            hint={t('sr.catalogue.inLanguage', { locale: d.locale })}
            error={errors.description}
          >
            {(p) => <textarea {...p} rows={3} defaultValue={one('description')} />}
          </Field>
          <Field name="keywords" label={t('sr.catalogue.keywords')} hint={t('sr.catalogue.keywordsHint')} error={errors.keywords}>
            {(p) => <input {...p} type="text" defaultValue={one('keywords')} />}
          </Field>
          <Field name="groupCode" label={t('sr.catalogue.group')} error={errors.groupCode}>
            {(p) => (
              <select {...p} defaultValue={one('groupCode')}>
                <option value="">{t('sr.catalogue.noGroup')}</option>
                {d.groups.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="agencyId" label={t('sr.catalogue.agency')} hint={t('sr.catalogue.agencyHint')} error={errors.agencyId}>
            {(p) => (
              <select {...p} defaultValue={one('agencyId')}>
                <option value="">{t('sr.catalogue.byArea')}</option>
                {d.agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="targetHours" label={t('sr.catalogue.targetHours')} hint={t('sr.catalogue.targetHint')} error={errors.targetHours}>
            {(p) => <input {...p} type="text" inputMode="numeric" defaultValue={one('targetHours')} />}
          </Field>
          <div className="field">
            <input id="field-locationRequired" name="locationRequired" type="checkbox" defaultChecked={one('locationRequired') === 'on'} />{' '}
            <label htmlFor="field-locationRequired">{t('sr.catalogue.locationRequired')}</label>
          </div>
          <div className="field">
            <input id="field-active" name="active" type="checkbox" defaultChecked={one('active') === 'on'} />{' '}
            <label htmlFor="field-active">{t('sr.catalogue.activeLabel')}</label>
          </div>
          <h3>{t('sr.catalogue.questionsTitle')}</h3>
          <p className="hint">{t('sr.catalogue.questionsHint')}</p>
          {Array.from({ length: rows }, (_, i) => {
            const p = `attributes.${i}`;
            return (
              <fieldset key={p}>
                <legend>{t('sr.catalogue.question', { n: i + 1 })}</legend>
                <Field name={`${p}.code`} label={t('sr.catalogue.questionCode')} error={errors[`${p}.code`]}>
                  {(f) => <input {...f} type="text" maxLength={64} defaultValue={one(`${p}.code`)} />}
                </Field>
                <Field name={`${p}.datatype`} label={t('sr.catalogue.datatype')} error={errors[`${p}.datatype`]}>
                  {(f) => (
                    <select {...f} defaultValue={one(`${p}.datatype`) || 'string'}>
                      {ATTRIBUTE_DATATYPES.map((dt) => (
                        <option key={dt} value={dt}>
                          {t(`sr.catalogue.datatype.${dt}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="field">
                  <input id={`field-${p}.required`} name={`${p}.required`} type="checkbox" defaultChecked={one(`${p}.required`) === 'on'} />{' '}
                  <label htmlFor={`field-${p}.required`}>{t('sr.catalogue.required')}</label>
                </div>
                <Field name={`${p}.description`} label={t('sr.catalogue.questionText')} error={errors[`${p}.description`]}>
                  {(f) => <input {...f} type="text" maxLength={500} defaultValue={one(`${p}.description`)} />}
                </Field>
                <Field name={`${p}.values`} label={t('sr.catalogue.values')} hint={t('sr.catalogue.valuesHint')} error={errors[`${p}.values`]}>
                  {(f) => <textarea {...f} rows={3} defaultValue={one(`${p}.values`)} />}
                </Field>
              </fieldset>
            );
          })}
          <p className="actions">
            <button type="submit" name="intent" value="save">
              {t('sr.catalogue.save')}
            </button>{' '}
            <button type="submit" name="intent" value="addRow">
              {t('sr.catalogue.addRow')}
            </button>
          </p>
        </form>
      </section>
    </>
  );
}
