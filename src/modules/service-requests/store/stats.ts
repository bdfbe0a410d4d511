import { and, eq, gte, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { srRequests, srServices } from './tables.js';

/** Filters of the dashboard figures. */
export interface StatsFilter {
  since: Date;
  serviceCode?: string;
  agencyId?: string;
}

function whereOf(siteId: string, f: StatsFilter, column: typeof srRequests.requestedAt | typeof srRequests.resolvedAt = srRequests.requestedAt): SQL {
  const parts: SQL[] = [eq(srRequests.siteId, siteId), gte(column, f.since)];
  if (f.serviceCode) parts.push(eq(srRequests.serviceCode, f.serviceCode));
  if (f.agencyId) parts.push(eq(srRequests.agencyId, f.agencyId));
  return and(...parts) as SQL;
}

/** Resolved reports (resolved since `since`) with their service's target, for time-to-resolve figures. */
export async function listResolved(
  db: Db,
  siteId: string,
  f: StatsFilter,
): Promise<{ serviceCode: string; areaId: string | null; requestedAt: Date; resolvedAt: Date; targetHours: number | null }[]> {
  const rows = await db
    .select({
      serviceCode: srRequests.serviceCode,
      areaId: srRequests.areaId,
      requestedAt: srRequests.requestedAt,
      resolvedAt: srRequests.resolvedAt,
      targetHours: srServices.targetHours,
    })
    .from(srRequests)
    .leftJoin(srServices, and(eq(srServices.siteId, srRequests.siteId), eq(srServices.id, srRequests.serviceId)))
    .where(and(whereOf(siteId, f, srRequests.resolvedAt), isNotNull(srRequests.resolvedAt)));
  return rows.map((r) => ({ ...r, resolvedAt: r.resolvedAt as Date }));
}

/** Reports made since `since`, counted by a grouping column. */
export async function countBy(db: Db, siteId: string, f: StatsFilter, by: 'service' | 'area' | 'week' | 'status') {
  const key =
    by === 'service'
      ? sql<string>`${srRequests.serviceCode}`
      : by === 'area'
        ? sql<string>`coalesce(${srRequests.areaId}::text, '')`
        : by === 'status'
          ? sql<string>`${srRequests.status}`
          : sql<string>`to_char(date_trunc('week', ${srRequests.requestedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ key, n: sql<number>`count(*)::int` })
    .from(srRequests)
    .where(whereOf(siteId, f))
    .groupBy(key)
    .orderBy(key);
  return rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
}
