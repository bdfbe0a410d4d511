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
  nav: NavEntry[];
  adminNav: NavEntry[];
  csrfToken: string;
  nonce: string;
}
