import type { Deps } from '../../../db/context.js';
import { savePlace } from '../commands/places.js';

/**
 * The demo city's gazetteer: its streets (the ones the demo reports name), squares and
 * landmarks, each with a point, and names in other languages where a resident might use them.
 * The Old Quarry lies north of the city, outside every area, to show what happens there.
 */
export const DEMO_PLACES = [
  { name: 'Main Street', kind: 'street', lat: 40.0, lon: -3.725, aliases: ['Calle Mayor', 'Rue Principale', 'Rua Principal', 'Головна вулиця'] },
  { name: 'Station Road', kind: 'street', lat: 39.975, lon: -3.69, aliases: ['Calle de la Estación', 'Avenue de la Gare', 'Вокзальна вулиця'] },
  { name: 'Station Square', kind: 'square', lat: 39.9765, lon: -3.6875, aliases: ['Plaza de la Estación', 'Place de la Gare'] },
  {
    name: 'Market Square',
    kind: 'square',
    lat: 40.005,
    lon: -3.73,
    aliases: ['Plaza del Mercado', 'Place du Marché', 'Praça do Mercado', 'Ринкова площа'],
  },
  { name: 'River Walk', kind: 'street', lat: 39.96, lon: -3.7, aliases: ['Paseo del Río', 'Promenade de la Rivière'] },
  { name: 'Hill Lane', kind: 'street', lat: 40.03, lon: -3.74, aliases: ['Camino de la Colina'] },
  { name: 'Park Avenue', kind: 'street', lat: 39.985, lon: -3.7, aliases: ['Avenida del Parque', 'Avenue du Parc'] },
  { name: 'Church Street', kind: 'street', lat: 40.015, lon: -3.68, aliases: ['Calle de la Iglesia', "Rue de l'Église", 'Rua da Igreja'] },
  { name: 'Mill Road', kind: 'street', lat: 40.04, lon: -3.72, aliases: ['Camino del Molino', 'Chemin du Moulin'] },
  { name: 'Central Park', kind: 'landmark', lat: 40.0, lon: -3.7, aliases: ['Parque Central', 'Parc central', 'Центральний парк'] },
  { name: 'Town Hall', kind: 'landmark', lat: 40.0045, lon: -3.7275, aliases: ['Ayuntamiento', 'Hôtel de ville', 'Câmara Municipal', 'Ратуша'] },
  { name: 'Old Quarry', kind: 'landmark', lat: 40.08, lon: -3.7, aliases: ['Cantera Vieja', 'Ancienne carrière'] },
] as const;

/** Loads the demo gazetteer (idempotent: places are keyed by name). */
export async function seedPlaces(deps: Deps, siteId: string): Promise<void> {
  for (const p of DEMO_PLACES) await savePlace(deps, siteId, { ...p, aliases: [...p.aliases] });
}
