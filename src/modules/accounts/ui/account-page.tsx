import { redirect, useActionData, useLoaderData } from 'react-router';
import { LOCALE_NAMES, LOCALES, pickText } from '../../../kernel/i18n.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs, PolityLoadContext } from '../../../web/kit/route-args.js';
import { listOrganisations } from '../../sites/index.js';
import { deleteAccount, updateProfile } from '../commands/personal-data.js';
import { clearSessionCookie } from '../commands/support.js';
import { findUserById, listRoleGrants } from '../store/users.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.account.title' });
}

function requireUserId(context: PolityLoadContext, request: Request): string {
  const { actor } = context.ctx;
  if (actor.kind !== 'user') {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname)}`);
  }
  return actor.userId;
}

export async function loader({ context, request }: LoaderArgs) {
  const userId = requireUserId(context, request);
  const { deps, ctx } = context;
  const user = await findUserById(deps.db, ctx.site.id, userId);
  if (!user) throw redirect('/sign-in');
  const grants = await listRoleGrants(deps.db, ctx.site.id, userId);
  const agencies = grants.some((g) => g.agencyId) ? await listOrganisations(deps.db, ctx.site.id, 'agency') : [];
  return {
    user: { email: user.email, name: user.name, locale: user.locale ?? '' },
    roles: grants.map((g) => ({
      role: g.role,
      agency: g.agencyId ? pickText(agencies.find((a) => a.id === g.agencyId)?.name, ctx.locale, ctx.site.defaultLocale).text : null,
    })),
    locales: LOCALES.filter((l) => ctx.site.locales.includes(l)),
    passwordReset: new URL(request.url).searchParams.has('reset'),
  };
}

export async function action({ context, request }: ActionArgs) {
  const userId = requireUserId(context, request);
  const { deps, ctx, manifests } = context;
  const form = await request.formData();
  const values = typedValues(form);
  if (field(form, 'intent') === 'delete') {
    try {
      await deleteAccount(deps, ctx.site.id, userId, { password: field(form, 'password') }, manifests);
      return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie(deps.env) } });
    } catch (error) {
      return failure(error, 'delete', values);
    }
  }
  try {
    await updateProfile(deps, ctx.site.id, userId, { name: field(form, 'name'), locale: (field(form, 'locale') || null) as never });
    return { ok: true, form: 'profile' } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, 'profile', values);
  }
}

export default function AccountPage() {
  const { user, roles, locales, passwordReset } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  const profile = useFailure(result, 'profile');
  const remove = useFailure(result, 'delete');
  return (
    <>
      <h1>{t('accounts.account.title')}</h1>
      <p className="lead">{t('accounts.account.signedInAs', { email: user.email })}</p>
      {passwordReset && (
        <p className="notice" role="status">
          {t('accounts.account.passwordChanged')}
        </p>
      )}
      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t('accounts.account.profile')}</h2>
        {result?.ok && (
          <p className="notice" role="status">
            {t('accounts.account.saved')}
          </p>
        )}
        <ErrorSummary
          fields={profile.fields}
          message={profile.message}
          labels={{ name: t('accounts.field.name'), locale: t('accounts.field.locale') }}
        />
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="profile" />
          <Field name="name" label={t('accounts.field.name')} hint={t('accounts.field.nameHint')} error={profile.fieldError('name')} required>
            {(p) => <input type="text" autoComplete="name" maxLength={100} {...p} defaultValue={profile.value('name', user.name)} />}
          </Field>
          <Field name="locale" label={t('accounts.field.locale')} error={profile.fieldError('locale')}>
            {(p) => (
              <select {...p} defaultValue={profile.value('locale', user.locale)}>
                <option value="">{t('accounts.field.localeSite')}</option>
                {locales.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="actions">
            <button type="submit">{t('form.save')}</button>
          </div>
        </form>
      </section>
      {roles.length > 0 && (
        <section aria-labelledby="account-roles">
          <h2 id="account-roles">{t('accounts.account.roles')}</h2>
          <ul>
            {roles.map((r) => (
              <li key={`${r.role}-${r.agency ?? ''}`}>
                {r.agency ? t('accounts.role.ofAgency', { role: t(`accounts.role.${r.role}`), agency: r.agency }) : t(`accounts.role.${r.role}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="account-data">
        <h2 id="account-data">{t('accounts.account.data')}</h2>
        <p>{t('accounts.account.dataIntro')}</p>
        <p>
          <a href="/account/data.json" download="my-data.json" className="button">
            {t('accounts.account.download')}
          </a>
        </p>
      </section>
      <section aria-labelledby="account-delete">
        <h2 id="account-delete">{t('accounts.account.delete')}</h2>
        <p>{t('accounts.account.deleteIntro')}</p>
        <ErrorSummary fields={remove.fields} message={remove.message} labels={{ password: t('accounts.field.currentPassword') }} />
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <Field name="password" label={t('accounts.field.currentPassword')} error={remove.fieldError('password')} required>
            {(p) => <input type="password" autoComplete="current-password" {...p} />}
          </Field>
          <div className="actions">
            <button type="submit" className="danger">
              {t('accounts.account.deleteSubmit')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
