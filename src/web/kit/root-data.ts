import type { NavEntry } from '../../kernel/module.js';

/** Data the root route gives every page. */
export interface RootData {
  site: { id: string; name: string; locales: string[]; defaultLocale: string; logoUrl: string | null; colors: { primary: string; accent: string } };
  user: { id: string; name: string; email: string } | null;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** Messages whose id matches `TITLE_ID` (page-title.ts), for `meta` functions (all others come from useT). */
  titles: Record<string, string>;
  /** The script that gives the browser this locale's messages before hydration. */
  messagesScript: string;
  /** The islands script (src/web/islands), loaded on every page; null when not built. */
  islandsScript: string | null;
  nav: NavEntry[];
  adminNav: NavEntry[];
  csrfToken: string;
  nonce: string;
}

/**
 * What a page route may declare in its `handle` export. `hydrate: true` loads React and the router
 * in the browser for that page (only pages that need them: the rest are plain HTML whose forms work
 * without scripts, enhanced where useful by islands, which keeps public pages light on phones);
 * `bare: true` drops the site's header and footer (pages embedded in another site's iframe).
 */
export interface PageHandle {
  hydrate?: boolean;
  bare?: boolean;
}
