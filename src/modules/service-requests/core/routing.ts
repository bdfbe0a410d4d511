import { areaOf, containsPoint, type AreaGeometry } from './geo.js';

/** An agency's area as routing sees it. `serviceCodes` empty means every service. */
export interface RoutingArea {
  id: string;
  agencyId: string;
  geometry: AreaGeometry;
  serviceCodes: string[];
  /** Breaks ties between areas of equal size: higher wins. */
  priority: number;
  /** Precomputed square metres; computed from the geometry when absent. */
  areaM2?: number;
}

/** Why a report went where it went. */
export type RoutingReason = 'area' | 'service_default' | 'fallback' | 'none';

export interface RoutingResult {
  agencyId: string | null;
  reason: RoutingReason;
  /** The winning area, when an area decided. */
  areaId: string | null;
  /** True when the point lies in no area at all (whatever the service): the form asks the person to check. */
  outsideEveryArea: boolean;
}

/**
 * Routes a report of `serviceCode` at a point to the agency responsible (FixMyStreet routes by
 * area and category the same way). The rule, in order:
 * 1. Among the areas that contain the point and cover the service (an area with no service codes
 *    covers all), the most specific wins: the smallest area in square metres; equal areas (within
 *    one square metre) go to the higher `priority`, then to the lower area id, so the outcome never
 *    depends on the order areas were stored in.
 * 2. Otherwise the service's own responsible agency (`service_default`).
 * 3. Otherwise the site's fallback agency (`fallback`), else nobody (`none`).
 */
export function routeRequest(
  input: { serviceCode: string; lat: number | null; lon: number | null; serviceAgencyId: string | null; fallbackAgencyId: string | null },
  areas: readonly RoutingArea[],
): RoutingResult {
  const hasPoint = input.lat !== null && input.lon !== null;
  const containing = hasPoint ? areas.filter((a) => containsPoint(a.geometry, input.lat as number, input.lon as number)) : [];
  const outsideEveryArea = hasPoint && areas.length > 0 && containing.length === 0;
  const candidates = containing
    .filter((a) => a.serviceCodes.length === 0 || a.serviceCodes.includes(input.serviceCode))
    .map((a) => ({ a, size: a.areaM2 ?? areaOf(a.geometry) }))
    .sort((x, y) => {
      if (Math.abs(x.size - y.size) > 1) return x.size - y.size;
      if (x.a.priority !== y.a.priority) return y.a.priority - x.a.priority;
      return x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0;
    });
  if (candidates.length) return { agencyId: candidates[0].a.agencyId, reason: 'area', areaId: candidates[0].a.id, outsideEveryArea };
  if (input.serviceAgencyId) return { agencyId: input.serviceAgencyId, reason: 'service_default', areaId: null, outsideEveryArea };
  if (input.fallbackAgencyId) return { agencyId: input.fallbackAgencyId, reason: 'fallback', areaId: null, outsideEveryArea };
  return { agencyId: null, reason: 'none', areaId: null, outsideEveryArea };
}
