import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { formFailure, formValues, requirePagePermission, type FormFailure, withFormFields } from '../../../web/kit/actions.js';
import { pickText } from '../../../kernel/i18n.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { listOrganisations } from '../../sites/index.js';
import { rotateWebhookSecret, saveAgencyContact, saveGroup, saveService } from '../commands/catalogue.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOLERANCE_SECONDS } from '../core/webhooks.js';
import { ATTRIBUTE_DATATYPES } from '../core/attributes.js';
import { Refusals } from '../core/refusals.js';

import { findServiceByCode, listAgencyContacts, listGroups, listServices } from '../store/catalogue.js';
import type { ServiceRow } from '../store/tables.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.catalogue.title' });

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
  const [groups, services, agencies, contacts] = await Promise.all([
    listGroups(deps.db, ctx.site.id),
    listServices(deps.db, ctx.site.id, { all: true }),
    listOrganisations(deps.db, ctx.site.id, 'agency'),
    listAgencyContacts(deps.db, ctx.site.id),
  ]);
  const text = (t: Record<string, string>) => pickText(t, ctx.locale, ctx.site.defaultLocale).text;
  const groupCodes = new Map(groups.map((g) => [g.id, g.code]));
  const groupNames = new Map(groups.map((g) => [g.id, text(g.name)]));
  const agencyNames = new Map(agencies.map((a) => [a.id, text(a.name)]));
  const editCode = url.searchParams.get('edit');
  const editing = editCode ? await findServiceByCode(deps.db, ctx.site.id, editCode) : null;
  if (editCode && !editing) throw data('not found', { status: 404 });
  const groupCode = url.searchParams.get('group');
  const editingGroup = groupCode ? groups.find((g) => g.code === groupCode) : undefined;
  if (groupCode && !editingGroup) throw data('not found', { status: 404 });
  const contactParam = url.searchParams.get('contact');
  if (contactParam && !agencies.some((a) => a.id === contactParam)) throw data('not found', { status: 404 });
  const contactOf = new Map(contacts.map((c) => [c.agencyId, c]));
  const contact = contactParam ? contactOf.get(contactParam) : undefined;
  return {
    locale: ctx.locale,
    saved: url.searchParams.get('saved'),
    savedGroup: url.searchParams.get('savedGroup'),
    savedContact: url.searchParams.get('savedContact'),
    rotated: url.searchParams.get('rotated') === '1',
    groupForm: {
      g_editing: editingGroup?.code ?? '',
      g_code: editingGroup?.code ?? '',
      g_name: editingGroup?.name[ctx.locale] ?? '',
      g_position: String(editingGroup?.position ?? groups.length + 1),
    },
    contacts: agencies.map((a) => {
      const c = contactOf.get(a.id);
      return {
        agencyId: a.id,
        name: text(a.name),
        notifyEmail: c?.notifyEmail ?? '',
        escalationEmail: c?.escalationEmail ?? '',
        webhookUrl: c?.webhookUrl ?? '',
        webhookSecret: c?.webhookSecret ?? '',
      };
    }),
    contactForm: contactParam
      ? {
          c_agency: contactParam,
          c_notifyEmail: contact?.notifyEmail ?? '',
          c_escalationEmail: contact?.escalationEmail ?? '',
          c_webhookUrl: contact?.webhookUrl ?? '',
        }
      : null,
    groups: groups.map((g) => ({ code: g.code, name: text(g.name), position: g.position, count: services.filter((s) => s.groupId === g.id).length })),
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
function parseValues(textValue: string, field: string, refused: Refusals) {
  const out: { key: string; name: string }[] = [];
  textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, n) => {
      const at = line.indexOf('=');
      const key = (at < 0 ? line : line.slice(0, at)).trim();
      const name = (at < 0 ? line : line.slice(at + 1)).trim() || key;
      if (!key) refused.add(field, `line ${n + 1} has no key before "="`, 'option_no_key', { line: n + 1 });
      out.push({ key, name });
    });
  return out.length ? out : undefined;
}

/** The service form's field of a command's field name (a localized name's `name.en` is the `name` field). */
function serviceFieldOf(k: string): string {
  return /^(name|description|keywords)\./.test(k) ? k.split('.')[0] : /^attributes\.\d+\.values\./.test(k) ? k.split('.').slice(0, 3).join('.') : k;
}

type Values = Record<string, string | string[]>;

/** A failure re-keyed to the form's field names (`field` maps the command's names). */
function failWith(err: unknown, values: Values, field: (k: string) => string) {
  return formFailure(err instanceof AppError ? withFormFields(err, field) : err, values);
}

/** Creates or edits a group: code (fixed once made), name in the admin's language, position. */
async function saveGroupForm(context: ActionArgs['context'], form: FormData, values: Values) {
  const { deps, ctx } = context;
  const get = (k: string) => String(form.get(k) ?? '').trim();
  try {
    const editing = get('g_editing');
    const existing = editing ? (await listGroups(deps.db, ctx.site.id)).find((g) => g.code === editing) : undefined;
    if (editing && !existing) throw invalidInput({ code: 'this group no longer exists' }, undefined, { code: { reason: 'invalid' } });
    const position = get('g_position');
    if (position && !/^-?\d{1,6}$/.test(position))
      throw invalidInput({ position: 'give a whole number' }, undefined, { position: { reason: 'not_whole' } });
    const name = { ...(existing?.name ?? {}) };
    if (get('g_name')) name[ctx.locale] = get('g_name');
    else delete name[ctx.locale];
    const code = existing ? existing.code : get('g_code');
    await saveGroup(deps, ctx.site.id, { code, name, position: position ? Number(position) : 0 });
    return redirect(`/service-requests/admin/catalogue?savedGroup=${encodeURIComponent(code)}#sr-cat-groups`);
  } catch (err) {
    return failWith(err, values, (k) => `g_${k.split('.')[0]}`);
  }
}

/** Saves how an agency is told of reports, or gives its webhook a new signing secret. */
async function saveContactForm(context: ActionArgs['context'], form: FormData, values: Values, intent: 'contact' | 'rotate') {
  const { deps, ctx } = context;
  const get = (k: string) => String(form.get(k) ?? '').trim();
  const agencyId = get('c_agency');
  try {
    if (intent === 'rotate') {
      await rotateWebhookSecret(deps, ctx.site.id, agencyId);
      return redirect(`/service-requests/admin/catalogue?contact=${encodeURIComponent(agencyId)}&rotated=1#sr-cat-agencies`);
    }
    await saveAgencyContact(deps, ctx.site.id, {
      agencyId,
      notifyEmail: get('c_notifyEmail') || null,
      escalationEmail: get('c_escalationEmail') || null,
      webhookUrl: get('c_webhookUrl') || null,
    });
    return redirect(`/service-requests/admin/catalogue?savedContact=${encodeURIComponent(agencyId)}#sr-cat-agencies`);
  } catch (err) {
    return failWith(err, values, (k) => (k === 'agencyId' ? 'c_agency' : `c_${k}`));
  }
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, PERMISSION);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const get = (k: string) => String(form.get(k) ?? '').trim();
  const rows = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(get('attributeRows'), 10) || 0));
  const intent = form.get('intent');
  if (intent === 'group') return saveGroupForm(context, form, values);
  if (intent === 'contact' || intent === 'rotate') return saveContactForm(context, form, values, intent);
  if (intent === 'addRow') {
    return data<FormFailure>({ ok: false, message: '', fields: {}, values: { ...values, attributeRows: String(Math.min(MAX_ROWS, rows + 1)) } });
  }
  try {
    const local = new Refusals();
    const target = get('targetHours');
    if (target && !/^\d+$/.test(target)) local.add('targetHours', 'give a whole number of hours', 'not_whole');
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
    if (local.any) throw invalidInput(local.fields, undefined, local.reasons);
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
    return failWith(err, values, serviceFieldOf);
  }
}

export default function CataloguePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const failedIntent = result ? String(result.values?.intent ?? 'save') : '';
  const serviceResult = failedIntent === 'save' || failedIntent === 'addRow' ? result : undefined;
  const groupResult = failedIntent === 'group' ? result : undefined;
  const contactResult = failedIntent === 'contact' || failedIntent === 'rotate' ? result : undefined;
  const v: Record<string, string | string[]> = serviceResult?.values ?? d.form;
  const pick = (vals: Record<string, string | string[]> | undefined, fallback: Record<string, string> | null, k: string) => {
    const x = vals?.[k] ?? fallback?.[k] ?? '';
    return Array.isArray(x) ? (x[0] ?? '') : x;
  };
  const g = (k: string) => pick(groupResult?.values, d.groupForm, k);
  const c = (k: string) => pick(contactResult?.values, d.contactForm, k);
  const groupError = useFieldErrors(groupResult);
  const contactError = useFieldErrors(contactResult);
  const serviceError = useFieldErrors(serviceResult);
  const groupEditing = g('g_editing');
  const contactAgency = c('c_agency');
  const contactName = d.contacts.find((x) => x.agencyId === contactAgency)?.name ?? '';
  const one = (k: string) => {
    const x = v[k];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const errors = serviceResult?.fields ?? {};
  const rows = Math.min(MAX_ROWS, Math.max(1, Number.parseInt(one('attributeRows'), 10) || 1));
  // Each field the summaries may name, by its label on this page.
  const groupLabels: Record<string, string> = {
    g_code: t('sr.catalogue.code'),
    g_name: t('sr.catalogue.name'),
    g_position: t('sr.catalogue.group.position'),
  };
  const contactLabels: Record<string, string> = {
    c_agency: t('sr.catalogue.agency'),
    c_notifyEmail: t('sr.catalogue.agencies.notifyEmail'),
    c_escalationEmail: t('sr.catalogue.agencies.escalationEmail'),
    c_webhookUrl: t('sr.catalogue.agencies.webhookUrl'),
  };
  const serviceLabels: Record<string, string> = {
    code: t('sr.catalogue.code'),
    name: t('sr.catalogue.name'),
    description: t('sr.catalogue.description'),
    keywords: t('sr.catalogue.keywords'),
    groupCode: t('sr.catalogue.group'),
    agencyId: t('sr.catalogue.agency'),
    targetHours: t('sr.catalogue.targetHours'),
    attributes: t('sr.catalogue.questionsTitle'),
  };
  for (let i = 0; i < rows; i++) {
    const question = t('sr.catalogue.question', { n: i + 1 });
    const parts = {
      code: 'sr.catalogue.questionCode',
      datatype: 'sr.catalogue.datatype',
      description: 'sr.catalogue.questionText',
      values: 'sr.catalogue.values',
    };
    for (const [part, id] of Object.entries(parts))
      serviceLabels[`attributes.${i}.${part}`] = t('sr.catalogue.questionField', { question, field: t(id) });
  }
  const editing = one('editing');
  return (
    <>
      <h1>{t('sr.catalogue.title')}</h1>
      <p>{t('sr.catalogue.intro')}</p>
      {d.savedGroup && !result && (
        <p role="status" className="notice">
          {t('sr.catalogue.group.saved', { code: d.savedGroup })}
        </p>
      )}
      {d.savedContact && !result && (
        <p role="status" className="notice">
          {t('sr.catalogue.agencies.saved', { agency: d.contacts.find((x) => x.agencyId === d.savedContact)?.name ?? '' })}
        </p>
      )}
      {d.saved && !result && (
        <p role="status" className="notice">
          {t('sr.catalogue.saved', { code: d.saved })}
        </p>
      )}
      <section aria-labelledby="sr-cat-groups">
        <h2 id="sr-cat-groups">{t('sr.catalogue.groups')}</h2>
        <Table label={t('sr.catalogue.groups')}>
          <caption>{t('sr.catalogue.groups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.catalogue.code')}</th>
              <th scope="col">{t('sr.catalogue.name')}</th>
              <th scope="col">{t('sr.catalogue.group.position')}</th>
              <th scope="col">{t('sr.catalogue.serviceCount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.groups.map((x) => (
              <tr key={x.code}>
                <td>
                  <a href={`/service-requests/admin/catalogue?group=${encodeURIComponent(x.code)}#sr-cat-group-form`}>
                    <code>{x.code}</code>
                  </a>
                </td>
                <td>{x.name}</td>
                <td>{x.position}</td>
                <td>{x.count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <h3 id="sr-cat-group-form">{groupEditing ? t('sr.catalogue.group.editTitle', { code: groupEditing }) : t('sr.catalogue.group.newTitle')}</h3>
        {groupEditing && (
          <p>
            <a href="/service-requests/admin/catalogue#sr-cat-group-form">{t('sr.catalogue.group.newInstead')}</a>
          </p>
        )}
        {groupResult && <ErrorSummary {...groupResult} message={groupResult.message || undefined} labels={groupLabels} />}
        <form method="post" key={`group-${groupEditing}${groupResult ? 'r' : ''}`}>
          <CsrfField />
          <input type="hidden" name="g_editing" value={groupEditing} />
          <Field name="g_code" label={t('sr.catalogue.code')} hint={t('sr.catalogue.group.codeHint')} error={groupError('g_code')} required>
            {(p) => <input {...p} type="text" maxLength={64} defaultValue={g('g_code')} readOnly={!!groupEditing} />}
          </Field>
          <Field
            name="g_name"
            label={t('sr.catalogue.name')}
            hint={t('sr.catalogue.inLanguage', { locale: d.locale })}
            error={groupError('g_name')}
            required
          >
            {(p) => <input {...p} type="text" maxLength={2000} defaultValue={g('g_name')} />}
          </Field>
          <Field
            name="g_position"
            label={t('sr.catalogue.group.position')}
            hint={t('sr.catalogue.group.positionHint')}
            error={groupError('g_position')}
          >
            {(p) => <input {...p} type="text" inputMode="numeric" defaultValue={g('g_position')} />}
          </Field>
          <button type="submit" name="intent" value="group">
            {t('sr.catalogue.group.save')}
          </button>
        </form>
      </section>
      <section aria-labelledby="sr-cat-agencies">
        <h2 id="sr-cat-agencies">{t('sr.catalogue.agencies.title')}</h2>
        <p>{t('sr.catalogue.agencies.intro')}</p>
        <p className="hint" id="sr-cat-signature-help">
          {t('sr.catalogue.agencies.signatureHelp', {
            timestamp: WEBHOOK_TIMESTAMP_HEADER,
            signature: WEBHOOK_SIGNATURE_HEADER,
            minutes: WEBHOOK_TOLERANCE_SECONDS / 60,
          })}
        </p>
        <Table label={t('sr.catalogue.agencies.title')}>
          <caption>{t('sr.catalogue.agencies.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sr.catalogue.agency')}</th>
              <th scope="col">{t('sr.catalogue.agencies.notifyEmail')}</th>
              <th scope="col">{t('sr.catalogue.agencies.escalationEmail')}</th>
              <th scope="col">{t('sr.catalogue.agencies.webhookUrl')}</th>
              <th scope="col">{t('sr.catalogue.agencies.secret')}</th>
            </tr>
          </thead>
          <tbody>
            {d.contacts.map((x) => (
              <tr key={x.agencyId}>
                <th scope="row">
                  <a href={`/service-requests/admin/catalogue?contact=${x.agencyId}#sr-cat-contact-form`}>{x.name}</a>
                </th>
                <td>{x.notifyEmail}</td>
                <td>{x.escalationEmail}</td>
                <td>{x.webhookUrl}</td>
                <td>{x.webhookSecret ? <code>{x.webhookSecret}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        {contactAgency && (
          <>
            <h3 id="sr-cat-contact-form">{t('sr.catalogue.agencies.editTitle', { agency: contactName })}</h3>
            {d.rotated && !contactResult && (
              <p role="status" className="notice">
                {t('sr.catalogue.agencies.rotated')}
              </p>
            )}
            {contactResult && <ErrorSummary {...contactResult} message={contactResult.message || undefined} labels={contactLabels} />}
            <form method="post" key={`contact-${contactAgency}${contactResult ? 'r' : ''}`}>
              <CsrfField />
              <input type="hidden" name="c_agency" value={contactAgency} />
              <Field name="c_notifyEmail" label={t('sr.catalogue.agencies.notifyEmail')} error={contactError('c_notifyEmail')}>
                {(p) => <input {...p} type="email" maxLength={200} defaultValue={c('c_notifyEmail')} />}
              </Field>
              <Field name="c_escalationEmail" label={t('sr.catalogue.agencies.escalationEmail')} error={contactError('c_escalationEmail')}>
                {(p) => <input {...p} type="email" maxLength={200} defaultValue={c('c_escalationEmail')} />}
              </Field>
              <Field
                name="c_webhookUrl"
                label={t('sr.catalogue.agencies.webhookUrl')}
                hint={t('sr.catalogue.agencies.webhookHint')}
                error={contactError('c_webhookUrl')}
              >
                {(p) => <input {...p} type="url" maxLength={500} defaultValue={c('c_webhookUrl')} />}
              </Field>
              <p className="actions">
                <button type="submit" name="intent" value="contact">
                  {t('sr.catalogue.agencies.save')}
                </button>{' '}
                <button type="submit" name="intent" value="rotate">
                  {t('sr.catalogue.agencies.rotate')}
                </button>
              </p>
            </form>
          </>
        )}
      </section>
      <section aria-labelledby="sr-cat-services">
        <h2 id="sr-cat-services">{t('sr.catalogue.services')}</h2>
        <Table label={t('sr.catalogue.services')}>
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
        </Table>
      </section>
      <section aria-labelledby="sr-cat-form">
        <h2 id="sr-cat-form">{editing ? t('sr.catalogue.editTitle', { code: editing }) : t('sr.catalogue.newTitle')}</h2>
        {editing && (
          <p>
            <a href="/service-requests/admin/catalogue#sr-cat-form">{t('sr.catalogue.newInstead')}</a>
          </p>
        )}
        {serviceResult && (serviceResult.message || Object.keys(errors).length > 0) && (
          <ErrorSummary {...serviceResult} message={serviceResult.message || undefined} labels={serviceLabels} />
        )}
        <form method="post" key={editing + (serviceResult ? 'r' : '')}>
          <CsrfField />
          <input type="hidden" name="editing" value={editing} />
          <input type="hidden" name="attributeRows" value={String(rows)} />
          <Field name="code" label={t('sr.catalogue.code')} hint={t('sr.catalogue.codeHint')} error={serviceError('code')} required>
            {(p) => <input {...p} type="text" maxLength={64} defaultValue={one('code')} readOnly={!!editing} />}
          </Field>
          <Field
            name="name"
            label={t('sr.catalogue.name')}
            hint={t('sr.catalogue.inLanguage', { locale: d.locale })}
            error={serviceError('name')}
            required
          >
            {(p) => <input {...p} type="text" maxLength={2000} defaultValue={one('name')} />}
          </Field>
          <Field
            name="description"
            label={t('sr.catalogue.description')}
            hint={t('sr.catalogue.inLanguage', { locale: d.locale })}
            error={serviceError('description')}
          >
            {(p) => <textarea {...p} rows={3} defaultValue={one('description')} />}
          </Field>
          <Field name="keywords" label={t('sr.catalogue.keywords')} hint={t('sr.catalogue.keywordsHint')} error={serviceError('keywords')}>
            {(p) => <input {...p} type="text" defaultValue={one('keywords')} />}
          </Field>
          <Field name="groupCode" label={t('sr.catalogue.group')} error={serviceError('groupCode')}>
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
          <Field name="agencyId" label={t('sr.catalogue.agency')} hint={t('sr.catalogue.agencyHint')} error={serviceError('agencyId')}>
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
          <Field name="targetHours" label={t('sr.catalogue.targetHours')} hint={t('sr.catalogue.targetHint')} error={serviceError('targetHours')}>
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
                <Field name={`${p}.code`} label={t('sr.catalogue.questionCode')} error={serviceError(`${p}.code`)}>
                  {(f) => <input {...f} type="text" maxLength={64} defaultValue={one(`${p}.code`)} />}
                </Field>
                <Field name={`${p}.datatype`} label={t('sr.catalogue.datatype')} error={serviceError(`${p}.datatype`)}>
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
                <Field name={`${p}.description`} label={t('sr.catalogue.questionText')} error={serviceError(`${p}.description`)}>
                  {(f) => <input {...f} type="text" maxLength={500} defaultValue={one(`${p}.description`)} />}
                </Field>
                <Field name={`${p}.values`} label={t('sr.catalogue.values')} hint={t('sr.catalogue.valuesHint')} error={serviceError(`${p}.values`)}>
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
