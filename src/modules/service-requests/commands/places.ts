import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { srPlaces, type PlaceRow } from '../store/tables.js';

const placeInput = z.object({
  name: z.string().trim().min(1, 'give the name').max(200, 'at most 200 characters'),
  kind: z.enum(['street', 'square', 'landmark', 'district']),
  aliases: z.array(z.string().trim().min(1).max(200)).max(20, 'at most 20 other names').default([]),
  lat: z.number().min(-90, 'latitude must be -90..90').max(90, 'latitude must be -90..90'),
  lon: z.number().min(-180, 'longitude must be -180..180').max(180, 'longitude must be -180..180'),
});

/** Adds a named place to the site's gazetteer, or moves and renames the one of the same name. */
export async function savePlace(deps: Deps, siteId: string, raw: z.input<typeof placeInput>): Promise<PlaceRow> {
  const v = parseInput(placeInput, raw);
  const [row] = await deps.db
    .insert(srPlaces)
    .values({ id: newId(), siteId, ...v, createdAt: deps.clock.now() })
    .onConflictDoUpdate({ target: [srPlaces.siteId, srPlaces.name], set: { kind: v.kind, aliases: v.aliases, lat: v.lat, lon: v.lon } })
    .returning();
  return row;
}
