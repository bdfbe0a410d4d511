import { translate } from './i18n.js';
import type { RootData } from './root-data.js';

/** What a `meta` function receives that page titles need: the matched routes with their data. */
export interface TitleArgs {
  matches: readonly ({ id: string; data?: unknown } | undefined)[];
}

/** One part of a page title: a catalogue message (id ending in `.title`, `Title`, `.heading` or `.nav`) or a text from content (a case study's title). */
export type TitlePart = { id: string; values?: Record<string, string | number> } | { text: string };

/**
 * The `<title>` of a page in the reader's language: its parts, then the site's name ("Library ·
 * City of Lisbon"); with no parts, the site's name alone (the home page). Parts that are empty
 * (content not loaded) are left out.
 */
export function pageTitle(args: TitleArgs, ...parts: (TitlePart | null | undefined)[]): { title: string }[] {
  const root = args.matches.find((m) => m?.id === 'root')?.data as RootData | undefined;
  const words = parts.flatMap((p) => {
    if (!p) return [];
    if ('text' in p) return p.text ? [p.text] : [];
    return [root ? translate(root.titles, root.locale, p.id, p.values) : p.id];
  });
  return [{ title: [...words, root?.site.name ?? 'Polity'].join(' · ') }];
}
