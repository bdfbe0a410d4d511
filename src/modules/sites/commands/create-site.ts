import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import type { Site } from '../../../kernel/site.js';
import { parseInput } from '../../../kernel/validation.js';
import { siteSettingsSchema } from '../core/settings.js';
import { findSiteBySlug, presentSite } from '../store/sites.js';
import { sites } from '../store/tables.js';
import { forgetSites } from './resolve-site.js';

export const createSiteInput = siteSettingsSchema.extend({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes, 2-41 characters'),
  hosts: z.array(z.string().min(1).max(253)).default([]),
  isDefault: z.boolean().default(false),
});

/** Creates a site (tenant) with its settings. */
export async function createSite(deps: Deps, input: z.input<typeof createSiteInput>): Promise<Site> {
  const data = parseInput(createSiteInput, input);
  if (await findSiteBySlug(deps.db, data.slug)) {
    throw new AppError('conflict', 'A site with this slug exists.', { fields: { slug: 'already taken' } });
  }
  const [row] = await deps.db
    .insert(sites)
    .values({ id: newId(), createdAt: deps.clock.now(), ...data, hosts: data.hosts.map((h) => h.toLowerCase()) })
    .returning();
  forgetSites(deps);
  return presentSite(row);
}
