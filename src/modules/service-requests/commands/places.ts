import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { fieldErrorsOf, parseInput } from '../../../kernel/validation.js';
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
  return writePlace(deps, deps.db, siteId, parseInput(placeInput, raw));
}

async function writePlace(deps: Deps, db: Deps['db'], siteId: string, v: z.output<typeof placeInput>): Promise<PlaceRow> {
  const [row] = await db
    .insert(srPlaces)
    .values({ id: newId(), siteId, ...v, createdAt: deps.clock.now() })
    .onConflictDoUpdate({ target: [srPlaces.siteId, srPlaces.name], set: { kind: v.kind, aliases: v.aliases, lat: v.lat, lon: v.lon } })
    .returning();
  return row;
}

/**
 * Loads a gazetteer from GeoJSON: a FeatureCollection of Point features whose properties give
 * `name`, optionally `kind` (street, square, landmark or district; landmark when absent) and
 * `aliases` (a list, or names separated by ";"). All or nothing: every feature is checked first and
 * each error names the feature and the field (`features[3].properties.name`); places of the same
 * name are moved and renamed, as `savePlace` does.
 */
export async function importPlaces(deps: Deps, siteId: string, geojson: unknown): Promise<{ saved: number }> {
  const collection = geojson as { type?: unknown; features?: unknown };
  if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw invalidInput({ type: 'expected a GeoJSON FeatureCollection with a "features" list' });
  const fields: Record<string, string> = {};
  const places: z.output<typeof placeInput>[] = [];
  collection.features.forEach((feature: unknown, i: number) => {
    const at = `features[${i}]`;
    const f = feature as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null } | null;
    const coords = f?.geometry?.coordinates;
    if (f?.geometry?.type !== 'Point' || !Array.isArray(coords) || coords.length < 2 || !coords.every((c) => typeof c === 'number')) {
      fields[`${at}.geometry`] = 'expected a Point with [longitude, latitude]';
      return;
    }
    const props = f.properties ?? {};
    const aliases =
      typeof props.aliases === 'string'
        ? props.aliases
            .split(';')
            .map((a) => a.trim())
            .filter(Boolean)
        : props.aliases;
    const parsed = placeInput.safeParse({ name: props.name, kind: props.kind ?? 'landmark', aliases: aliases ?? [], lon: coords[0], lat: coords[1] });
    if (!parsed.success) {
      for (const [key, reason] of Object.entries(fieldErrorsOf(parsed.error))) {
        const path = key === 'lat' || key === 'lon' ? `${at}.geometry` : `${at}.properties.${key}`;
        fields[path] ??= reason;
      }
      return;
    }
    places.push(parsed.data);
  });
  if (collection.features.length === 0) fields.features = 'no features to import';
  if (Object.keys(fields).length) throw invalidInput(fields, 'The gazetteer file has errors; nothing was imported.');
  await inTransaction(deps.db, async (tx) => {
    for (const p of places) await writePlace(deps, tx, siteId, p);
  });
  return { saved: places.length };
}
