import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { enqueueJobs } from '../../../db/jobs.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId, newToken } from '../../../kernel/ids.js';
import { httpUrl, parseInput } from '../../../kernel/validation.js';
import { validateAttributes, type RawAnswers } from '../core/attributes.js';
import { Refusals } from '../core/refusals.js';
import { unknownService } from './catalogue.js';
import { isValidPosition } from '../core/geo.js';
import { MAX_PHOTOS } from '../core/photo.js';
import { routeRequest } from '../core/routing.js';
import { expectedAt } from '../core/stats.js';
import { findFallbackAgency, findServiceByCode, listAreas } from '../store/catalogue.js';
import { findRequestByIdempotencyKey } from '../store/requests.js';
import { nearestPlace } from '../core/places.js';
import { queueAreaAlerts } from './area-alerts.js';
import { geocodeAddress, loadGazetteerIndex, type GeocodeResult } from './geocode.js';
import { photoProblems, storePhotos, type PhotoInput } from './photos.js';
import { srPhotos, srRequests, srSubscriptions, srUpdates, type RequestRow, type ServiceRow } from '../store/tables.js';

/** Job kinds of this module. */
export const NOTIFY_AGENCY_JOB = 'service-requests.notify-agency';
export const CHECK_OVERDUE_JOB = 'service-requests.check-overdue';

export { MAX_PHOTOS };

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .transform((s) => s.trim())
    .optional()
    .transform((s) => (s ? s : undefined));

/** A new report as every channel (web form, Open311 POST) hands it over, already flattened. */
export const requestInput = z.object({
  serviceCode: z.string().min(1, 'choose a service').max(64, 'at most 64 characters'),
  lat: z.number().optional(),
  lon: z.number().optional(),
  address: optionalText(500),
  addressId: optionalText(100),
  description: z.string().max(4000, 'at most 4,000 characters').default(''),
  email: z.string().max(200, 'at most 200 characters').email('not an email address').optional(),
  firstName: optionalText(100),
  lastName: optionalText(100),
  phone: optionalText(40),
  deviceId: optionalText(100),
  mediaUrl: httpUrl(1000).optional(),
  anonymous: z.boolean().default(false),
  notify: z.enum(['email', 'none']).default('none'),
  idempotencyKey: z
    .string()
    .regex(/^[\w.:-]{8,128}$/, '8 to 128 letters, digits, _ . : or -')
    .optional(),
  /** The person confirmed a location outside every area (the web form asks first). */
  outsideConfirmed: z.boolean().default(false),
});

export type RequestInput = z.input<typeof requestInput>;

/** Where a report came from and who made it. */
export interface RequestOrigin {
  source: 'web' | 'open311';
  userId?: string | null;
  apiKeyId?: string | null;
  /** scheme://host of the request, for absolute links in the agency's mail. */
  origin?: string;
  /** Web forms refuse a place outside every area until the person confirms it. */
  requireInsideArea?: boolean;
  /** Past reports loaded as history (the demo): no mail to the agency and no escalation. */
  quiet?: boolean;
  /**
   * Place an address given without a position through the gazetteer and the geocoder (default
   * true). The web form does it itself first, to let the person choose, and passes false.
   */
  geocode?: boolean;
  /** The reader's language, for the external geocoder's place names. */
  locale?: string;
}

/** The report made, and whether it already existed (same idempotency key). */
export interface CreatedRequest {
  request: RequestRow;
  replayed: boolean;
  /** The service the report was filed under; null when an idempotent replay returned an earlier report. */
  service: ServiceRow | null;
  /** What the address came to when it was placed here (only when it had no position). */
  located?: GeocodeResult;
}

/**
 * Files a report: checks the service, location, answers and photos, routes it to an agency,
 * and stores it with its first timeline entry in one transaction, queueing the agency's
 * notification and the overdue check for the due time. A repeated idempotency key returns the
 * first report instead of making a second.
 */
export async function createRequest(
  deps: Deps,
  siteId: string,
  raw: unknown,
  attributes: RawAnswers,
  origin: RequestOrigin,
  photos: PhotoInput[] = [],
): Promise<CreatedRequest> {
  const v = parseInput(requestInput, raw);
  if (v.idempotencyKey) {
    const existing = await findRequestByIdempotencyKey(deps.db, siteId, v.idempotencyKey);
    if (existing) return { request: existing, replayed: true, service: null };
  }
  // One round of reads: the service, the areas and the fallback agency are independent.
  const [service, areas, fallback] = await Promise.all([
    findServiceByCode(deps.db, siteId, v.serviceCode),
    listAreas(deps.db, siteId),
    findFallbackAgency(deps.db, siteId),
  ]);
  if (!service || !service.active) throw unknownService(v.serviceCode);

  const refused = new Refusals();
  const hasLat = v.lat !== undefined;
  const hasLon = v.lon !== undefined;
  if (hasLat !== hasLon) refused.add(hasLat ? 'long' : 'lat', 'give both lat and long', 'both_coordinates');
  else if (hasLat && !isValidPosition(v.lat as number, v.lon as number)) {
    // Each coordinate named on its own, so the client knows which one is off.
    if (!isValidPosition(v.lat as number, 0)) refused.add('lat', 'latitude must be a number from -90 to 90', 'latitude_range');
    if (!isValidPosition(0, v.lon as number)) refused.add('long', 'longitude must be a number from -180 to 180', 'longitude_range');
  }
  // An address alone is placed on the map when it names exactly one known place.
  let located: GeocodeResult | undefined;
  if (!hasLat && !hasLon && v.address && service.locationRequired && origin.geocode !== false) {
    located = await geocodeAddress(deps, siteId, v.address, { locale: origin.locale });
    if (located.status === 'one') {
      v.lat = located.places[0].lat;
      v.lon = located.places[0].lon;
    }
  }
  if (service.locationRequired && !hasLat && !v.address && !v.addressId)
    refused.add('location', 'give a location: lat and long, an address or a place name', 'location_missing');
  if (!v.description.trim() && service.attributes.every((a) => !a.variable)) refused.add('description', 'describe the problem', 'required');
  if (v.notify === 'email' && !v.email) refused.add('email', 'give an email address to be told of progress', 'email_for_updates');
  const answers = validateAttributes(service.attributes, attributes);
  if (!answers.ok) refused.addAll(answers);
  const photoProblem = photoProblems(deps, photos);
  if (photoProblem) refused.add('photo', photoProblem.text, photoProblem.reason.reason, photoProblem.reason.values);
  if (refused.any) throw invalidInput(refused.fields, undefined, refused.reasons);

  const routed = routeRequest(
    { serviceCode: service.code, lat: v.lat ?? null, lon: v.lon ?? null, serviceAgencyId: service.agencyId, fallbackAgencyId: fallback },
    areas.map((a) => ({
      id: a.id,
      agencyId: a.agencyId,
      geometry: a.geometry,
      serviceCodes: a.serviceCodes,
      priority: a.priority,
      areaM2: a.areaM2,
    })),
  );
  if (routed.outsideEveryArea && origin.requireInsideArea && !v.outsideConfirmed) {
    throw new AppError('invalid_input', 'This place is outside every area the city covers.', {
      fields: {
        location:
          'this place is outside every area we cover: check the position or address, choose a place from the list, or confirm to send the report anyway',
      },
      reasons: { location: { reason: 'outside_areas' } },
      reason: { reason: 'outside_areas' },
      details: { outsideEveryArea: true },
    });
  }

  // A report placed by its position alone is named by the nearest place people know (else by its
  // area), never by its coordinates.
  const nearPlace =
    !v.address && v.lat !== undefined && v.lon !== undefined
      ? (nearestPlace((await loadGazetteerIndex(deps.db, siteId)).places, v.lat, v.lon)?.place.name ??
        areas.find((a) => a.id === routed.areaId)?.name ??
        null)
      : null;

  // Photos are checked and re-encoded (metadata stripped) by the library before anything is stored.
  const uploads = await storePhotos(deps, siteId, photos, origin.userId ?? null);

  const now = deps.clock.now();
  const id = newId();
  const due = expectedAt(now, service.targetHours);
  try {
    const request = await inTransaction(deps.db, async (tx) => {
      const [row] = await tx
        .insert(srRequests)
        .values({
          id,
          siteId,
          serviceId: service.id,
          serviceCode: service.code,
          agencyId: routed.agencyId,
          areaId: routed.areaId,
          status: 'open',
          lat: v.lat ?? null,
          lon: v.lon ?? null,
          address: v.address ?? null,
          addressId: v.addressId ?? null,
          nearPlace,
          description: v.description.trim(),
          attributes: answers.ok ? answers.answers : {},
          email: v.email ?? null,
          firstName: v.firstName ?? null,
          lastName: v.lastName ?? null,
          phone: v.phone ?? null,
          deviceId: v.deviceId ?? null,
          userId: origin.userId ?? null,
          anonymous: v.anonymous,
          notify: v.notify,
          mediaUrl: v.mediaUrl ?? null,
          source: origin.source,
          token: newToken(12),
          idempotencyKey: v.idempotencyKey ?? null,
          apiKeyId: origin.apiKeyId ?? null,
          requestedAt: now,
          updatedAt: now,
          expectedAt: due,
        })
        .returning();
      await tx.insert(srUpdates).values({
        id: newId(),
        siteId,
        requestId: id,
        authorId: origin.userId ?? null,
        visibility: 'public',
        statusFrom: null,
        statusTo: 'open',
        text: '',
        createdAt: now,
      });
      if (uploads.length)
        await tx.insert(srPhotos).values(uploads.map((uploadId) => ({ id: newId(), siteId, requestId: id, uploadId, createdAt: now })));
      if (v.notify === 'email' && v.email) {
        await tx
          .insert(srSubscriptions)
          .values({ id: newId(), siteId, requestId: id, email: v.email, userId: origin.userId ?? null, token: newToken(16), createdAt: now });
      }
      if (!origin.quiet) {
        // The agency's notice and the overdue check go in one statement (one round trip fewer per report).
        const payload = { requestId: id, origin: origin.origin ?? '' };
        await enqueueJobs(tx, deps.clock, [
          ...(routed.agencyId ? [{ kind: NOTIFY_AGENCY_JOB, siteId, payload }] : []),
          ...(due ? [{ kind: CHECK_OVERDUE_JOB, siteId, payload, runAt: due }] : []),
        ]);
        // Residents following the place hear of it in the next batch of area alerts.
        if (v.lat !== undefined && v.lon !== undefined) await queueAreaAlerts(tx, deps.clock, siteId);
      }
      return row;
    });
    return { request, replayed: false, service, located };
  } catch (err) {
    // Two submissions with the same key raced: the first one won; hand it back.
    if (v.idempotencyKey && isUniqueViolation(err)) {
      const existing = await findRequestByIdempotencyKey(deps.db, siteId, v.idempotencyKey);
      if (existing) return { request: existing, replayed: true, service: null };
    }
    throw err;
  }
}

/**
 * Adds one "me too" to an open report instead of filing a duplicate, and subscribes the person
 * when they give an email.
 */
export async function addMeToo(
  deps: Deps,
  siteId: string,
  requestId: string,
  input: { email?: string | null; userId?: string | null },
): Promise<RequestRow> {
  const email = input.email ? parseInput(z.object({ email: z.string().email('not an email address').max(200) }), { email: input.email }).email : null;
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .update(srRequests)
      .set({ meTooCount: sql`${srRequests.meTooCount} + 1`, updatedAt: deps.clock.now() })
      .where(and(eq(srRequests.siteId, siteId), eq(srRequests.id, requestId)))
      .returning();
    if (!row) throw new AppError('not_found', 'Report was not found.');
    if (email) {
      await tx
        .insert(srSubscriptions)
        .values({ id: newId(), siteId, requestId, email, userId: input.userId ?? null, token: newToken(16), createdAt: deps.clock.now() })
        .onConflictDoNothing();
    }
    return row;
  });
}

/** Follows a report by email (idempotent). */
export async function subscribe(deps: Deps, siteId: string, requestId: string, input: { email: string; userId?: string | null }): Promise<void> {
  const { email } = parseInput(z.object({ email: z.string().email('not an email address').max(200) }), { email: input.email });
  await deps.db
    .insert(srSubscriptions)
    .values({ id: newId(), siteId, requestId, email, userId: input.userId ?? null, token: newToken(16), createdAt: deps.clock.now() })
    .onConflictDoNothing();
}
