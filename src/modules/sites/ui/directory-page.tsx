import { useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listOrganisations } from '../store/sites.js';
import { ORGANISATION_KINDS } from '../core/organisations.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'orgs.directoryTitle' });
}

export async function loader({ context }: LoaderArgs) {
  const { site, locale } = context.ctx;
  const rows = await listOrganisations(context.deps.db, site.id);
  return {
    organisations: rows.map((o) => ({
      id: o.id,
      slug: o.slug,
      kind: o.kind,
      name: pickText(o.name, locale, site.defaultLocale),
      contact: o.contact,
    })),
  };
}

/** The public directory of a site's agencies and civic organisations, grouped by kind. */
export default function DirectoryPage() {
  const { organisations } = useLoaderData<typeof loader>();
  const t = useT();
  const { site } = useRoot();
  return (
    <>
      <h1>{t('orgs.directory')}</h1>
      <p className="lead">{t('orgs.directoryIntro', { site: site.name })}</p>
      {organisations.length === 0 && <p>{t('orgs.none')}</p>}
      {ORGANISATION_KINDS.filter((k) => organisations.some((o) => o.kind === k)).map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{t(`orgs.kind.${kind}`)}</h2>
          <ul className="card-grid">
            {organisations
              .filter((o) => o.kind === kind)
              .map((o) => (
                <li key={o.id} className="card" id={o.slug}>
                  <h3 lang={o.name.locale}>{o.name.text}</h3>
                  {o.contact.url && (
                    <p>
                      <a href={o.contact.url}>{o.contact.url}</a>
                    </p>
                  )}
                  {o.contact.email && (
                    <p>
                      <a href={`mailto:${o.contact.email}`}>{o.contact.email}</a>
                    </p>
                  )}
                  {o.contact.phone && <p>{o.contact.phone}</p>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
