import { useActionData, useLoaderData } from 'react-router';
import { ROLES } from '../../../kernel/auth.js';
import { pickText } from '../../../kernel/i18n.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { listOrganisations } from '../../sites/index.js';
import { grantRole, revokeRole } from '../commands/manage-roles.js';
import { listPeople } from '../store/users.js';
import { Table } from '../../../web/kit/table.js';
import { failure, field, typedValues, useFailure, type AccountFailure, type AccountSuccess } from './helpers.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'accounts.people.title' });
}

const PAGE = 50;

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'accounts.roles.manage');
  const { deps, ctx } = context;
  const params = new URL(request.url).searchParams;
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const cursor = params.get('cursor');
  let after: [string, string] | undefined;
  try {
    after = cursor ? (decodeCursor(cursor, 2).map(String) as [string, string]) : undefined;
  } catch {
    after = undefined;
  }
  const rows = await listPeople(deps.db, ctx.site.id, { limit: PAGE + 1, after, query: q || undefined });
  const people = rows.slice(0, PAGE);
  const agencies = (await listOrganisations(deps.db, ctx.site.id, 'agency')).map((a) => ({
    id: a.id,
    name: pickText(a.name, ctx.locale, ctx.site.defaultLocale).text,
  }));
  const last = people[people.length - 1];
  return {
    q,
    agencies,
    people: people.map((p) => ({ id: p.id, name: p.name, email: p.email, emailConfirmed: p.emailConfirmed, roles: p.roles })),
    next: rows.length > PAGE && last ? encodeCursor([last.email, last.id]) : null,
  };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, 'accounts.roles.manage');
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = typedValues(form);
  const input = { userId: field(form, 'userId'), role: field(form, 'role'), agencyId: field(form, 'agencyId') || null };
  const which = `person-${input.userId}`;
  try {
    if (field(form, 'intent') === 'revoke') await revokeRole(deps, ctx.site.id, input);
    else await grantRole(deps, ctx.site.id, input);
    return { ok: true, form: which } satisfies AccountSuccess;
  } catch (error) {
    return failure(error, which, values, { userId: 'role' });
  }
}

type Person = Awaited<ReturnType<typeof loader>>['people'][number];

function PersonRoles({
  person,
  agencies,
  result,
}: {
  person: Person;
  agencies: { id: string; name: string }[];
  result: AccountFailure | AccountSuccess | undefined;
}) {
  const t = useT();
  const form = `person-${person.id}`;
  const { message, fieldError, value } = useFailure(result, form);
  // The form's fields are named per person on the page; the summary links to them by those names.
  const errors = Object.fromEntries(
    [
      [`role-${person.id}`, fieldError('role')],
      [`agency-${person.id}`, fieldError('agencyId')],
    ].filter(([, e]) => e),
  ) as Record<string, string>;
  const labels = { [`role-${person.id}`]: t('accounts.people.role'), [`agency-${person.id}`]: t('accounts.people.agency') };
  const roleLabel = (role: string, agencyId: string | null) => {
    const agency = agencyId ? agencies.find((a) => a.id === agencyId)?.name : null;
    return agency ? t('accounts.role.ofAgency', { role: t(`accounts.role.${role}`), agency }) : t(`accounts.role.${role}`);
  };
  return (
    <>
      <ul className="plain">
        {person.roles.map((g) => (
          <li key={`${g.role}-${g.agencyId ?? ''}`}>
            {roleLabel(g.role, g.agencyId)}{' '}
            <form method="post" className="inline">
              <CsrfField />
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="userId" value={person.id} />
              <input type="hidden" name="role" value={g.role} />
              <input type="hidden" name="agencyId" value={g.agencyId ?? ''} />
              <button
                type="submit"
                className="link-button"
                aria-label={t('accounts.people.removeLabel', { role: roleLabel(g.role, g.agencyId), name: person.name })}
              >
                {t('accounts.people.remove')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {result?.ok && result.form === form && (
        <p className="notice" role="status">
          {t('accounts.people.saved')}
        </p>
      )}
      <details open={!!message}>
        <summary>{t('accounts.people.grantTo', { name: person.name })}</summary>
        {message && <ErrorSummary message={message} fields={errors} labels={labels} />}
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="grant" />
          <input type="hidden" name="userId" value={person.id} />
          <Field name={`role-${person.id}`} label={t('accounts.people.role')} error={fieldError('role')}>
            {(p) => (
              <select {...p} name="role" defaultValue={value('role', 'editor')}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`accounts.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name={`agency-${person.id}`} label={t('accounts.people.agency')} error={fieldError('agencyId')}>
            {(p) => (
              <select {...p} name="agencyId" defaultValue={value('agencyId', '')}>
                <option value="">{t('accounts.people.noAgency')}</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">{t('accounts.people.grant')}</button>
        </form>
      </details>
    </>
  );
}

export default function PeoplePage() {
  const { q, people, agencies, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as AccountFailure | AccountSuccess | undefined;
  const t = useT();
  return (
    <>
      <h1>{t('accounts.people.title')}</h1>
      <form method="get" role="search" className="search-form">
        <label htmlFor="people-q">{t('accounts.people.search')}</label>
        <input id="people-q" type="search" name="q" defaultValue={q} />
        <button type="submit">{t('accounts.people.searchSubmit')}</button>
      </form>
      {people.length === 0 ? (
        <p>{t('accounts.people.none')}</p>
      ) : (
        <Table label={t('accounts.people.count', { count: people.length })}>
          <caption>{t('accounts.people.count', { count: people.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.people.name')}</th>
              <th scope="col">{t('accounts.people.email')}</th>
              <th scope="col">{t('accounts.people.confirmed')}</th>
              <th scope="col">{t('accounts.people.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{p.email}</td>
                <td>{p.emailConfirmed ? t('accounts.people.yes') : t('accounts.people.no')}</td>
                <td>
                  <PersonRoles person={p} agencies={agencies} result={result} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {next && (
        <p className="pagination">
          <a href={`?${new URLSearchParams({ ...(q ? { q } : {}), cursor: next })}`}>{t('pagination.next')}</a>
        </p>
      )}
    </>
  );
}
