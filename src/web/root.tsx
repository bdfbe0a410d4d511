import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useMatches, useRouteError, useRouteLoaderData } from 'react-router';
import { LOCALE_NAMES, RTL_LOCALES, pickText } from '../kernel/i18n.js';
import { isAllowed } from '../kernel/policy.js';
import { useT } from './kit/i18n.js';
import type { PageHandle, RootData } from './kit/root-data.js';
import { messageBundle } from './messages.js';
import stylesHref from './styles.css?url';
import type { LoaderArgs } from './load-context.js';

export const links = () => [{ rel: 'stylesheet', href: stylesHref }];

export async function loader({ context }: LoaderArgs): Promise<RootData> {
  const { ctx, deps, manifests, islands } = context;
  const { site, actor, locale } = ctx;
  const bundle = messageBundle(deps, manifests, locale);
  const visible = (permission?: string) => !permission || isAllowed(deps.permissions, actor, permission);
  const entries = manifests.flatMap((m) => m.nav ?? []).filter((n) => visible(n.permission));
  const byOrder = (a: { order?: number }, b: { order?: number }) => (a.order ?? 50) - (b.order ?? 50);
  return {
    site: {
      id: site.id,
      name: pickText(site.name, locale, site.defaultLocale).text,
      locales: site.locales,
      defaultLocale: site.defaultLocale,
      logoUrl: site.logoUrl,
      colors: site.colors,
    },
    user: actor.kind === 'user' ? { id: actor.userId, name: actor.name, email: actor.email } : null,
    locale,
    dir: RTL_LOCALES.has(locale) ? 'rtl' : 'ltr',
    titles: bundle.titles,
    messagesScript: `/i18n/${locale}.js?v=${bundle.hash}`,
    islandsScript: islands ?? null,
    nav: entries.filter((n) => n.area === 'main').sort(byOrder),
    adminNav: entries.filter((n) => n.area === 'admin').sort(byOrder),
    csrfToken: ctx.csrfToken,
    nonce: ctx.nonce,
  };
}

/**
 * The site header. On phones the menu (navigation, language, account) folds behind a "Menu"
 * disclosure, a native <details> that works without JavaScript and by keyboard; from 48rem up
 * the stylesheet shows it open and hides the toggle.
 */
function Header({ data }: { data: RootData }) {
  const t = useT();
  return (
    <header className="site-header">
      <div className="wrap header-row">
        <a className="brand" href="/">
          {data.site.logoUrl && <img src={data.site.logoUrl} alt="" width={32} height={32} />}
          <span>{data.site.name}</span>
        </a>
        <details className="site-menu">
          <summary>
            <span className="menu-icon" aria-hidden="true" />
            {t('nav.menu')}
          </summary>
          <div className="site-menu-body">
            <nav aria-label={t('nav.main')} className="main-nav">
              <ul>
                {data.nav.map((n) => (
                  <li key={n.id}>
                    <a href={n.href}>{t(n.label)}</a>
                  </li>
                ))}
                {data.adminNav.length > 0 && (
                  <li>
                    <a href="/admin">{t('nav.admin')}</a>
                  </li>
                )}
              </ul>
            </nav>
            <div className="header-tools">
              <form method="get" action="/set-language" className="lang-form">
                <label htmlFor="lang-select">{t('nav.language')}</label>
                <select id="lang-select" name="lang" defaultValue={data.locale}>
                  {data.site.locales.map((l) => (
                    <option key={l} value={l} lang={l}>
                      {LOCALE_NAMES[l as keyof typeof LOCALE_NAMES] ?? l}
                    </option>
                  ))}
                </select>
                <button type="submit">{t('nav.changeLanguage')}</button>
              </form>
              {data.user ? (
                <>
                  <a href="/account">{t('nav.account')}</a>
                  <form method="post" action="/sign-out" className="inline">
                    <input type="hidden" name="_csrf" value={data.csrfToken} />
                    <button type="submit" className="link-button">
                      {t('nav.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/sign-in">{t('nav.signIn')}</a>
              )}
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined;
  const t = useT();
  const locale = data?.locale ?? 'en';
  // A page embedded in another site's iframe (route `handle.bare`) shows no site header or footer.
  const handles = useMatches().map((m) => (m.handle ?? {}) as PageHandle);
  const bare = handles.some((h) => h.bare === true);
  const hydrate = handles.some((h) => h.hydrate === true);
  const style = data ? ({ '--primary': data.site.colors.primary, '--accent': data.site.colors.accent } as React.CSSProperties) : undefined;
  return (
    <html lang={locale} dir={data?.dir ?? 'ltr'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data && hydrate && <script src={data.messagesScript} nonce={data.nonce} />}
        {data?.islandsScript && <script type="module" src={data.islandsScript} nonce={data.nonce} />}
      </head>
      <body style={style}>
        <a className="skip-link" href="#main">
          {data ? t('nav.skip') : 'Skip to content'}
        </a>
        {data && !bare && <Header data={data} />}
        <main id="main" tabIndex={-1} className="wrap">
          {children}
        </main>
        {data && !bare && (
          <footer className="site-footer">
            <div className="wrap">
              <a href="/developers/api">{t('footer.api')}</a> · <a href="/open-data">{t('footer.openData')}</a> · <span>{t('footer.poweredBy')}</span>
            </div>
          </footer>
        )}
        {hydrate && <ScrollRestoration nonce={data?.nonce} />}
        {hydrate && <Scripts nonce={data?.nonce} />}
      </body>
    </html>
  );
}

export default function Root() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useSafeT();
  let title = t('error.title');
  let detail = t('error.detail');
  let problems: string[] = [];
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t('error.notFound');
      detail = t('error.notFoundDetail');
    } else if (error.status === 400) {
      title = t('error.badRequest');
      detail = t('error.badRequestDetail');
      const fields = (error.data as { fields?: Record<string, string> } | null)?.fields;
      if (fields) problems = Object.entries(fields).map(([name, reason]) => `${name}: ${reason}`);
    } else if (error.status === 403) {
      title = t('error.forbidden');
      detail = typeof error.data === 'string' ? error.data : t('error.forbiddenDetail');
    }
  }
  return (
    <>
      <title>{title}</title>
      <h1>{title}</h1>
      <p>{detail}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p>
        <a href="/">{t('error.home')}</a>
      </p>
    </>
  );
}

function useSafeT() {
  try {
    return useT();
  } catch {
    return (id: string) => id;
  }
}
