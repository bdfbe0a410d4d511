import type { Db } from '../../../db/connection.js';
import { boundingBox, haversineMeters } from '../core/geo.js';
import { listOpenInBox } from '../store/requests.js';
import type { RequestRow } from '../store/tables.js';

/** How far around a new report to look for open reports of the same service. */
export const NEARBY_METERS = 250;

/**
 * Open reports of the same service within `meters` of a point, nearest first: the box narrows
 * the rows through the index, haversine keeps the ones really inside the circle.
 */
export async function findNearbyOpen(
  db: Db,
  siteId: string,
  serviceCode: string,
  lat: number,
  lon: number,
  meters = NEARBY_METERS,
): Promise<(RequestRow & { distance: number })[]> {
  const rows = await listOpenInBox(db, siteId, serviceCode, boundingBox(lat, lon, meters));
  return rows
    .filter((r) => r.lat !== null && r.lon !== null)
    .map((r) => ({ ...r, distance: haversineMeters(lat, lon, r.lat as number, r.lon as number) }))
    .filter((r) => r.distance <= meters)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 10);
}
