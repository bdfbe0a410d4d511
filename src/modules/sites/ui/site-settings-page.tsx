import { useActionData, useLoaderData } from 'react-router';
import { LOCALES, LOCALE_NAMES } from '../../../kernel/i18n.js';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { updateSiteSettings } from '../commands/update-site.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'site.title' });
}

export function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'sites.settings.update');
  return { site: context.ctx.site };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'sites.settings.update');
  const form = await request.formData();
  const values = formValues(form);
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const name: Record<string, string> = {};
  for (const l of LOCALES) if (text(`name.${l}`)) name[l] = text(`name.${l}`);
  try {
    await updateSiteSettings(context.deps, context.ctx.site.id, {
      name,
      locales: form.getAll('locales').map(String) as never,
      defaultLocale: text('defaultLocale') as never,
      logoUrl: text('logoUrl') || null,
      colors: { primary: text('colors.primary'), accent: text('colors.accent') },
      contact: { email: text('contact.email') || null, phone: text('contact.phone') || null, address: text('contact.address') || null },
    });
    return { ok: true as const };
  } catch (error) {
    return formFailure(error, values);
  }
}

export default function SiteSettingsPage() {
  const { site } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormFailure | { ok: true } | undefined;
  const t = useT();
  const failed = result && !result.ok ? result : null;
  const v = (key: string, fallback: string) => {
    const got = failed?.values[key];
    return typeof got === 'string' ? got : fallback;
  };
  const chosenLocales = failed ? [failed.values.locales ?? []].flat() : site.locales;
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = {
    ...Object.fromEntries(LOCALES.map((l) => [`name.${l}`, t('site.name', { language: LOCALE_NAMES[l] })])),
    name: t('site.name', { language: LOCALE_NAMES.en }),
    defaultLocale: t('site.defaultLocale'),
    logoUrl: t('site.logoUrl'),
    'colors.primary': t('site.primary'),
    'colors.accent': t('site.accent'),
    'contact.email': t('site.contactEmail'),
    'contact.phone': t('site.contactPhone'),
    'contact.address': t('site.contactAddress'),
  };
  return (
    <>
      <h1>{t('site.title')}</h1>
      {result?.ok && (
        <p className="notice" role="status">
          {t('admin.saved')}
        </p>
      )}
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <form method="post">
        <CsrfField />
        <fieldset>
          <legend>{t('orgs.name')}</legend>
          {LOCALES.map((l) => (
            <Field
              key={l}
              name={`name.${l}`}
              label={t('site.name', { language: LOCALE_NAMES[l] })}
              error={err(`name.${l}`) ?? (l === 'en' ? err('name') : undefined)}
            >
              {(p) => <input type="text" {...p} lang={l} defaultValue={v(`name.${l}`, site.name[l] ?? '')} />}
            </Field>
          ))}
        </fieldset>
        <fieldset id="field-locales">
          <legend>{t('site.locales')}</legend>
          {err('locales') && <p className="error">{err('locales')}</p>}
          {LOCALES.map((l) => (
            <label key={l} className="choice">
              <input type="checkbox" name="locales" value={l} defaultChecked={chosenLocales.includes(l)} /> {LOCALE_NAMES[l]}
            </label>
          ))}
        </fieldset>
        <Field name="defaultLocale" label={t('site.defaultLocale')} error={err('defaultLocale')}>
          {(p) => (
            <select {...p} defaultValue={v('defaultLocale', site.defaultLocale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="logoUrl" label={t('site.logoUrl')} hint={t('site.logoHint')} error={err('logoUrl')}>
          {(p) => <input type="url" {...p} defaultValue={v('logoUrl', site.logoUrl ?? '')} />}
        </Field>
        <Field name="colors.primary" label={t('site.primary')} hint={t('site.colourHint')} error={err('colors.primary')}>
          {(p) => <input type="color" {...p} defaultValue={v('colors.primary', site.colors.primary)} />}
        </Field>
        <Field name="colors.accent" label={t('site.accent')} error={err('colors.accent')}>
          {(p) => <input type="color" {...p} defaultValue={v('colors.accent', site.colors.accent)} />}
        </Field>
        <Field name="contact.email" label={t('site.contactEmail')} error={err('contact.email')}>
          {(p) => <input type="email" autoComplete="email" {...p} defaultValue={v('contact.email', site.contact.email ?? '')} />}
        </Field>
        <Field name="contact.phone" label={t('site.contactPhone')} error={err('contact.phone')}>
          {(p) => <input type="text" autoComplete="tel" {...p} defaultValue={v('contact.phone', site.contact.phone ?? '')} />}
        </Field>
        <Field name="contact.address" label={t('site.contactAddress')} error={err('contact.address')}>
          {(p) => <textarea {...p} defaultValue={v('contact.address', site.contact.address ?? '')} />}
        </Field>
        <div className="actions">
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
    </>
  );
}
