import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { inList, type Db } from '../../../db/connection.js';
import type { Status } from '../core/status.js';
import { srPhotos, srRequests, srSubscriptions, srUpdates, type RequestRow, type UpdateRow } from './tables.js';

/** One report by id. */
export async function findRequest(db: Db, siteId: string, id: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(srRequests)
    .where(and(eq(srRequests.siteId, siteId), eq(srRequests.id, id)))
    .limit(1);
  return row ?? null;
}

/** One report by its Open311 token. */
export async function findRequestByToken(db: Db, siteId: string, token: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(srRequests)
    .where(and(eq(srRequests.siteId, siteId), eq(srRequests.token, token)))
    .limit(1);
  return row ?? null;
}

/** The report already made with this idempotency key, if any. */
export async function findRequestByIdempotencyKey(db: Db, siteId: string, key: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(srRequests)
    .where(and(eq(srRequests.siteId, siteId), eq(srRequests.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

/** Filters of the report lists (Open311 GET requests, inbox, exports). */
export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Status[];
  agencyId?: string | null;
  from?: Date;
  to?: Date;
  updatedSince?: Date;
  bbox?: { minLat: number; maxLat: number; minLon: number; maxLon: number };
  assignedTo?: string;
  overdueAt?: Date;
}

function whereOf(siteId: string, f: RequestFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(srRequests.siteId, siteId)];
  if (f.ids) parts.push(inArray(srRequests.id, f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']));
  if (f.serviceCodes?.length) parts.push(inArray(srRequests.serviceCode, f.serviceCodes));
  if (f.statuses?.length) parts.push(inArray(srRequests.status, f.statuses));
  if (f.agencyId) parts.push(eq(srRequests.agencyId, f.agencyId));
  if (f.agencyId === null) parts.push(isNull(srRequests.agencyId));
  if (f.from) parts.push(gte(srRequests.requestedAt, f.from));
  if (f.to) parts.push(lte(srRequests.requestedAt, f.to));
  if (f.updatedSince) parts.push(gte(srRequests.updatedAt, f.updatedSince));
  if (f.assignedTo) parts.push(eq(srRequests.assignedTo, f.assignedTo));
  if (f.overdueAt) parts.push(lte(srRequests.expectedAt, f.overdueAt));
  if (f.bbox) {
    parts.push(
      gte(srRequests.lat, f.bbox.minLat),
      lte(srRequests.lat, f.bbox.maxLat),
      gte(srRequests.lon, f.bbox.minLon),
      lte(srRequests.lon, f.bbox.maxLon),
    );
  }
  return and(...parts) as SQL;
}

/**
 * Orders of report lists. `geo` follows the (site, lat, lon) index, so a bounding-box query
 * with a limit stops after the first matches instead of sorting every report in the box.
 */
export type RequestSort = 'newest' | 'oldest' | 'due' | 'geo';

/** A page of reports matching `filter`, newest first unless asked otherwise. */
export async function listRequests(
  db: Db,
  siteId: string,
  filter: RequestFilter,
  opts: { limit: number; offset?: number; sort?: RequestSort },
): Promise<RequestRow[]> {
  const order =
    opts.sort === 'oldest'
      ? [asc(srRequests.requestedAt), asc(srRequests.id)]
      : opts.sort === 'due'
        ? [sql`${srRequests.expectedAt} asc nulls last`, asc(srRequests.requestedAt)]
        : opts.sort === 'geo'
          ? [asc(srRequests.lat), asc(srRequests.lon)]
          : [desc(srRequests.requestedAt), desc(srRequests.id)];
  return db
    .select()
    .from(srRequests)
    .where(whereOf(siteId, filter))
    .orderBy(...order)
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
}

/** How many reports match. */
export async function countRequests(db: Db, siteId: string, filter: RequestFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(srRequests)
    .where(whereOf(siteId, filter));
  return Number(row?.n ?? 0);
}

/** Updates of one report, oldest first; internal notes only when `withInternal`. */
export async function listUpdates(db: Db, siteId: string, requestId: string, withInternal: boolean): Promise<UpdateRow[]> {
  const where = withInternal
    ? and(eq(srUpdates.siteId, siteId), eq(srUpdates.requestId, requestId))
    : and(eq(srUpdates.siteId, siteId), eq(srUpdates.requestId, requestId), eq(srUpdates.visibility, 'public'));
  return db.select().from(srUpdates).where(where).orderBy(asc(srUpdates.createdAt), asc(srUpdates.id));
}

/** Upload ids of a report's photos. */
export async function listPhotoUploadIds(db: Db, siteId: string, requestId: string): Promise<string[]> {
  const rows = await db
    .select({ uploadId: srPhotos.uploadId })
    .from(srPhotos)
    .where(and(eq(srPhotos.siteId, siteId), eq(srPhotos.requestId, requestId)))
    .orderBy(asc(srPhotos.createdAt));
  return rows.map((r) => r.uploadId);
}

/** First photo of each report (for Open311's media_url). */
export async function firstPhotos(db: Db, siteId: string, requestIds: string[]): Promise<Map<string, string>> {
  if (!requestIds.length) return new Map();
  const rows = await db
    .select({ requestId: srPhotos.requestId, uploadId: srPhotos.uploadId })
    .from(srPhotos)
    .where(and(eq(srPhotos.siteId, siteId), inList(srPhotos.requestId, requestIds, 'uuid')))
    .orderBy(asc(srPhotos.createdAt));
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.requestId)) out.set(r.requestId, r.uploadId);
  return out;
}

/** Emails following a report. */
export async function listSubscribers(db: Db, siteId: string, requestId: string): Promise<{ email: string; token: string }[]> {
  return db
    .select({ email: srSubscriptions.email, token: srSubscriptions.token })
    .from(srSubscriptions)
    .where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.requestId, requestId)));
}

/** Updates made since `since` across the site (the "updates since" extension). */
export async function listUpdatesSince(db: Db, siteId: string, since: Date, limit: number): Promise<UpdateRow[]> {
  return db
    .select()
    .from(srUpdates)
    .where(and(eq(srUpdates.siteId, siteId), eq(srUpdates.visibility, 'public'), gte(srUpdates.createdAt, since)))
    .orderBy(asc(srUpdates.createdAt), asc(srUpdates.id))
    .limit(limit);
}

/** Reports still open and past their due time that were not escalated yet. */
export async function listOverdueUnescalated(db: Db, siteId: string, now: Date): Promise<RequestRow[]> {
  return db
    .select()
    .from(srRequests)
    .where(
      and(
        eq(srRequests.siteId, siteId),
        inArray(srRequests.status, ['open', 'acknowledged', 'in_progress']),
        lte(srRequests.expectedAt, now),
        isNull(srRequests.escalatedAt),
      ),
    )
    .orderBy(asc(srRequests.expectedAt))
    .limit(500);
}

/** Open reports of a service within a box (the nearby-duplicates candidates). */
export async function listOpenInBox(
  db: Db,
  siteId: string,
  serviceCode: string,
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
): Promise<RequestRow[]> {
  return db
    .select()
    .from(srRequests)
    .where(whereOf(siteId, { serviceCodes: [serviceCode], statuses: ['open', 'acknowledged', 'in_progress'], bbox: box }))
    .orderBy(desc(srRequests.requestedAt))
    .limit(200);
}

/** A subscription found by the token of its unsubscribe link, with the report it follows. */
export async function findSubscriptionByToken(
  db: Db,
  siteId: string,
  token: string,
): Promise<{ id: string; requestId: string; email: string; serviceCode: string } | null> {
  const [row] = await db
    .select({ id: srSubscriptions.id, requestId: srSubscriptions.requestId, email: srSubscriptions.email, serviceCode: srRequests.serviceCode })
    .from(srSubscriptions)
    .innerJoin(srRequests, and(eq(srRequests.siteId, srSubscriptions.siteId), eq(srRequests.id, srSubscriptions.requestId)))
    .where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.token, token)))
    .limit(1);
  return row ?? null;
}

/** How many open reports are past their due time; only those of `agencyIds` unless it is null. */
export async function countOverdue(db: Db, siteId: string, now: Date, agencyIds: string[] | null): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(srRequests)
    .where(
      and(
        eq(srRequests.siteId, siteId),
        inArray(srRequests.status, ['open', 'acknowledged', 'in_progress']),
        lte(srRequests.expectedAt, now),
        agencyIds ? inArray(srRequests.agencyId, agencyIds) : undefined,
      ),
    );
  return row?.n ?? 0;
}
