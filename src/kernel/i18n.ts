/** The locales whose UI is complete. */
export const LOCALES = ['en', 'es', 'fr', 'pt', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];

/** Human names of the locales, in their own language, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  pt: 'Português',
  uk: 'Українська',
};

/** Right-to-left scripts; the layout sets `dir` from this. */
export const RTL_LOCALES = new Set(['ar', 'he', 'fa', 'ur']);

/** Whether a string is one of the UI locales. */
export function isLocale(v: string | null | undefined): v is Locale {
  return !!v && (LOCALES as readonly string[]).includes(v);
}

/** User content in several languages: locale -> text. */
export type LocalizedText = Record<string, string>;

/**
 * Picks the text for `locale`, falling back to the site's default locale and then to any
 * language present, so content written in one language is never hidden.
 */
export function pickText(text: LocalizedText | null | undefined, locale: string, fallback: string): { text: string; locale: string } {
  if (!text) return { text: '', locale: fallback };
  if (text[locale]) return { text: text[locale], locale };
  if (text[fallback]) return { text: text[fallback], locale: fallback };
  const first = Object.entries(text).find(([, v]) => v);
  return first ? { text: first[1], locale: first[0] } : { text: '', locale: fallback };
}

/** Chooses a UI locale from an Accept-Language header among `available`. */
export function negotiateLocale(header: string | null | undefined, available: readonly string[], fallback: string): string {
  if (!header) return fallback;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (available.includes(tag)) return tag;
    const base = tag.split('-')[0];
    if (available.includes(base)) return base;
  }
  return fallback;
}
