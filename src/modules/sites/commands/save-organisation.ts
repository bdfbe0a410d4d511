import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { httpUrl, parseInput } from '../../../kernel/validation.js';
import { findOrganisation, type OrganisationRow } from '../store/sites.js';
import { ORGANISATION_KINDS } from '../core/organisations.js';
import { organisations } from '../store/tables.js';

export const organisationInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'lowercase letters, digits and dashes'),
  name: z.record(z.string(), z.string().trim().min(1).max(200)).refine((v) => Object.keys(v).length > 0, 'give a name in at least one language'),
  kind: z.enum(ORGANISATION_KINDS),
  parentId: z.string().uuid().nullable().default(null),
  contact: z
    .object({
      email: z.string().email().nullable().default(null),
      phone: z.string().max(40).nullable().default(null),
      url: httpUrl(2000).nullable().default(null),
    })
    .default({ email: null, phone: null, url: null }),
});

/**
 * Creates an organisation or agency of a site (or updates it when `id` is given). The parent must
 * belong to the same site and may not be the organisation itself or one of its descendants.
 */
export async function saveOrganisation(deps: Deps, siteId: string, input: z.input<typeof organisationInput>, id?: string): Promise<OrganisationRow> {
  const data = parseInput(organisationInput, input);
  if (data.parentId) {
    let cursor: string | null = data.parentId;
    for (let depth = 0; cursor; depth++) {
      if (cursor === id || depth > 50)
        throw new AppError('invalid_input', 'That parent would make a loop.', {
          fields: { parentId: 'would make a loop' },
          reasons: { parentId: { reason: 'parent_loop' } },
          reason: { reason: 'parent_loop' },
        });
      const parent = await findOrganisation(deps.db, siteId, cursor);
      if (!parent)
        throw new AppError('invalid_input', 'Unknown parent.', {
          fields: { parentId: 'no such organisation on this site' },
          reasons: { parentId: { reason: 'invalid_choice' } },
          reason: { reason: 'invalid_choice' },
        });
      cursor = parent.parentId;
    }
  }
  const clash = await deps.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.siteId, siteId), eq(organisations.slug, data.slug)));
  if (clash.some((c) => c.id !== id))
    throw new AppError('conflict', 'Slug in use.', {
      fields: { slug: 'already used on this site' },
      reasons: { slug: { reason: 'in_use' } },
      reason: { reason: 'in_use' },
    });
  if (id) {
    const [row] = await deps.db
      .update(organisations)
      .set(data)
      .where(and(eq(organisations.siteId, siteId), eq(organisations.id, id)))
      .returning();
    if (!row) throw notFound('Organisation');
    return row;
  }
  const [row] = await deps.db
    .insert(organisations)
    .values({ id: newId(), siteId, createdAt: deps.clock.now(), ...data })
    .returning();
  return row;
}
