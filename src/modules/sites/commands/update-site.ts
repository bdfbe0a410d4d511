import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import type { Site } from '../../../kernel/site.js';
import { parseInput } from '../../../kernel/validation.js';
import { siteSettingsSchema } from '../core/settings.js';
import { presentSite } from '../store/sites.js';
import { sites } from '../store/tables.js';
import { forgetSites } from './resolve-site.js';

/** Replaces a site's settings (name, locales, default locale, logo, colours, contact). */
export async function updateSiteSettings(deps: Deps, siteId: string, input: z.input<typeof siteSettingsSchema>): Promise<Site> {
  const data = parseInput(siteSettingsSchema, input);
  const [row] = await deps.db.update(sites).set(data).where(eq(sites.id, siteId)).returning();
  forgetSites(deps);
  return presentSite(row);
}
