import { count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { placeKey } from '../core/geocode.js';
import { PLACE_ALIASES_MAX, PLACE_KINDS, PLACE_NAME_MAX } from '../core/places.js';
import { MAX_PLACES, type GazetteerEntry } from '../formats/geojson-places.js';
import { bumpCatalogueRevision } from '../store/catalogue.js';
import { srPlaces, type PlaceRow } from '../store/tables.js';

const placeInput = z.object({
  name: z.string().trim().min(1, 'give the name').max(PLACE_NAME_MAX, `at most ${PLACE_NAME_MAX} characters`),
  kind: z.enum(PLACE_KINDS),
  aliases: z.array(z.string().trim().min(1).max(PLACE_NAME_MAX)).max(PLACE_ALIASES_MAX, `at most ${PLACE_ALIASES_MAX} other names`).default([]),
  lat: z.number().min(-90, 'latitude must be -90..90').max(90, 'latitude must be -90..90'),
  lon: z.number().min(-180, 'longitude must be -180..180').max(180, 'longitude must be -180..180'),
});

/** Rows written per statement: well under PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

async function countPlaces(db: Db, siteId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(srPlaces).where(eq(srPlaces.siteId, siteId));
  return Number(row?.n ?? 0);
}

const tooMany = (total: number, max: number) =>
  new AppError('invalid_input', `The gazetteer would hold ${total} places; a site holds at most ${max}. Nothing was imported.`, {
    fields: {
      features: `the gazetteer would hold ${total} places; at most ${max} per site (a whole country's addresses belong in a geocoder: GEOCODER_URL)`,
    },
  });

/** Adds a named place to the site's gazetteer, or moves and renames the one of the same name. */
export async function savePlace(deps: Deps, siteId: string, raw: z.input<typeof placeInput>, opts: { maxPlaces?: number } = {}): Promise<PlaceRow> {
  const v = parseInput(placeInput, raw);
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(srPlaces)
      .values({ id: newId(), siteId, ...v, createdAt: deps.clock.now() })
      .onConflictDoUpdate({ target: [srPlaces.siteId, srPlaces.name], set: { kind: v.kind, aliases: v.aliases, lat: v.lat, lon: v.lon } })
      .returning();
    const max = opts.maxPlaces ?? MAX_PLACES;
    const total = await countPlaces(tx, siteId);
    if (total > max) throw tooMany(total, max);
    // The geocoder keeps each site's gazetteer indexed per catalogue revision.
    await bumpCatalogueRevision(tx, siteId, deps.clock.now());
    return row;
  });
}

/** What an import did: places added, and stored places replaced by a feature of the same name. */
export interface PlacesImported {
  added: number;
  replaced: { feature: number; name: string; was: string }[];
}

/**
 * Stores a gazetteer file's places (checked by `readGazetteer`) in one transaction, in batches.
 * A feature whose name is the same to the gazetteer (`placeKey`) as a stored place's replaces it:
 * the place is moved, renamed to the file's spelling, and given the file's kind and other names;
 * each such replacement is reported. Refused whole when the site would hold more than
 * `maxPlaces` places.
 */
export async function importPlaces(
  deps: Deps,
  siteId: string,
  entries: readonly GazetteerEntry[],
  opts: { maxPlaces?: number } = {},
): Promise<PlacesImported> {
  const max = opts.maxPlaces ?? MAX_PLACES;
  return inTransaction(deps.db, async (tx) => {
    const stored = await tx.select({ id: srPlaces.id, name: srPlaces.name }).from(srPlaces).where(eq(srPlaces.siteId, siteId));
    const byKey = new Map<string, { id: string; name: string }>();
    for (const row of stored) {
      const key = placeKey(row.name);
      // Of stored places that are one name to the gazetteer, the file's exact spelling wins.
      if (!byKey.has(key)) byKey.set(key, row);
    }
    const exact = new Map(stored.map((r) => [r.name, r]));
    const now = deps.clock.now();
    const replaced: PlacesImported['replaced'] = [];
    const rows = entries.map((e) => {
      const same = exact.get(e.name) ?? byKey.get(e.key);
      if (same) replaced.push({ feature: e.feature, name: e.name, was: same.name });
      return { id: same?.id ?? newId(), siteId, name: e.name, kind: e.kind, aliases: e.aliases, lat: e.lat, lon: e.lon, createdAt: now };
    });
    const total = stored.length + rows.length - replaced.length;
    if (total > max) throw tooMany(total, max);
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx
        .insert(srPlaces)
        .values(rows.slice(i, i + BATCH))
        .onConflictDoUpdate({
          target: srPlaces.id,
          set: {
            name: sql`excluded.name`,
            kind: sql`excluded.kind`,
            aliases: sql`excluded.aliases`,
            lat: sql`excluded.lat`,
            lon: sql`excluded.lon`,
          },
        });
    }
    await bumpCatalogueRevision(tx, siteId, now);
    return { added: rows.length - replaced.length, replaced };
  });
}
