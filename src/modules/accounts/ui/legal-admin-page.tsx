import { useActionData, useLoaderData } from 'react-router';
import { LOCALE_NAMES, type Locale } from '../../../kernel/i18n.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { readLegalText, saveLegalText } from '../commands/legal.js';
import { LEGAL_KINDS } from '../core/rules.js';
import type { LegalKind } from '../store/tables.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle } from '../../../web/kit/page-title.js';

export function meta({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) {
  return pageTitle({ matches }, { id: 'accounts.legal.admin.title' });
}

/** The site's terms and privacy notice in each of its languages, with their versions. */
export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'accounts.legal.manage');
  const { deps, ctx } = context;
  const texts = await Promise.all(LEGAL_KINDS.map((k) => readLegalText(deps, ctx.site.id, k)));
  return {
    locales: ctx.site.locales as Locale[],
    texts: texts.map((x) => ({ kind: x.kind, version: x.version, body: x.body ?? {} })),
  };
}

/** Saves one text (the form names its kind); an unchanged text keeps its version. */
export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'accounts.legal.manage');
  const { deps, ctx } = context;
  const form = await request.formData();
  const kind = (LEGAL_KINDS as readonly string[]).includes(field(form, 'kind')) ? (field(form, 'kind') as LegalKind) : 'terms';
  const body: Record<string, string> = {};
  for (const l of ctx.site.locales) body[l] = field(form, `${kind}.${l}`);
  try {
    await saveLegalText(deps, ctx.site.id, { kind, body }, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
    return { ok: true, form: kind } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, kind, typedValues(form), Object.fromEntries(Object.keys(body).map((l) => [`body.${l}`, `${kind}.${l}`])));
  }
}

function LegalForm({
  kind,
  version,
  body,
  locales,
  result,
}: {
  kind: LegalKind;
  version: number;
  body: Record<string, string>;
  locales: Locale[];
  result?: AccountFailure | AccountSuccess;
}) {
  const t = useT();
  const { message, fields, fieldError, value } = useFailure(result, kind);
  return (
    <section aria-labelledby={`legal-${kind}`}>
      <h2 id={`legal-${kind}`}>{t(`accounts.legal.${kind}.title`)}</h2>
      <p className="hint">
        {version === 0 ? t('accounts.legal.defaultVersion') : t('accounts.legal.admin.version', { version })}{' '}
        <a href={`/${kind}`}>{t('accounts.legal.admin.view')}</a>
      </p>
      {result?.ok && result.form === kind && (
        <p className="notice" role="status">
          {t('accounts.legal.admin.saved')}
        </p>
      )}
      <ErrorSummary
        fields={fields}
        message={message}
        labels={Object.fromEntries(locales.map((l) => [`${kind}.${l}`, t('accounts.legal.admin.textIn', { language: LOCALE_NAMES[l] })]))}
      />
      <form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="kind" value={kind} />
        {locales.map((l) => (
          <Field
            key={l}
            name={`${kind}.${l}`}
            label={t('accounts.legal.admin.textIn', { language: LOCALE_NAMES[l] })}
            hint={t('accounts.legal.admin.hint')}
            error={fieldError(`${kind}.${l}`)}
          >
            {(p) => <textarea rows={10} maxLength={50_000} lang={l} {...p} defaultValue={value(`${kind}.${l}`, body[l] ?? '')} />}
          </Field>
        ))}
        <div className="actions">
          <button type="submit">{t('accounts.legal.admin.save')}</button>
        </div>
      </form>
    </section>
  );
}

/** Where admins write the site's terms of use and privacy notice; each change is a new version. */
export default function LegalAdminPage() {
  const { locales, texts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  return (
    <>
      <h1>{t('accounts.legal.admin.title')}</h1>
      <p className="lead">{t('accounts.legal.admin.intro')}</p>
      {texts.map((x) => (
        <LegalForm key={x.kind} kind={x.kind} version={x.version} body={x.body as Record<string, string>} locales={locales} result={result} />
      ))}
    </>
  );
}
