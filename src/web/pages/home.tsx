import { useRoot, useT } from '../kit/i18n.js';
import { pageTitle, type TitleArgs } from '../kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args);
}

/** The front page: what the site offers, from the modules' navigation entries. */
export default function Home() {
  const t = useT();
  const { site, nav } = useRoot();
  return (
    <>
      <h1>{t('home.title', { site: site.name })}</h1>
      <p className="lead">{t('home.intro')}</p>
      <ul className="card-grid">
        {nav.map((n) => (
          <li key={n.id} className="card">
            <h2>
              <a href={n.href}>{t(n.label)}</a>
            </h2>
            {n.description && <p>{t(n.description)}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
