import { z } from 'zod';
import { LOCALES } from '../../../kernel/i18n.js';
import { httpUrl } from '../../../kernel/validation.js';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f4e79');

/** Settings an admin can change on a site; the same schema validates the API and the form. */
export const siteSettingsSchema = z
  .object({
    name: z.record(z.string(), z.string().trim().min(1).max(120)).refine((v) => Object.keys(v).length > 0, 'give a name in at least one language'),
    locales: z.array(z.enum(LOCALES)).min(1, 'choose at least one language'),
    defaultLocale: z.enum(LOCALES),
    logoUrl: httpUrl(2000).nullable().default(null),
    colors: z.object({ primary: hexColor, accent: hexColor }).default({ primary: '#1f4e79', accent: '#b5461b' }),
    contact: z
      .object({
        email: z.string().email().nullable().default(null),
        phone: z.string().max(40).nullable().default(null),
        address: z.string().max(300).nullable().default(null),
      })
      .default({ email: null, phone: null, address: null }),
  })
  .refine((s) => s.locales.includes(s.defaultLocale), { path: ['defaultLocale'], message: 'must be one of the site languages' })
  .refine((s) => contrastRatio(s.colors.primary, '#ffffff') >= 4.5, {
    path: ['colors', 'primary'],
    message: 'white text on this colour would be hard to read (contrast below 4.5:1); choose a darker colour',
  });

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/**
 * WCAG relative luminance contrast between two hex colours (WCAG 2.1, 1.4.3). Used to refuse
 * site colours that would make white text on them unreadable.
 */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
