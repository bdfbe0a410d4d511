import type { LocalizedText } from './i18n.js';

/** A site (tenant): one government's deployment on the shared platform. */
export interface Site {
  id: string;
  slug: string;
  name: LocalizedText;
  hosts: string[];
  isDefault: boolean;
  locales: string[];
  defaultLocale: string;
  logoUrl: string | null;
  colors: { primary: string; accent: string };
  contact: { email: string | null; phone: string | null; address: string | null };
}
