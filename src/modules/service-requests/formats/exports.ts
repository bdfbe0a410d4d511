import { toOpen311Status } from '../core/status.js';
import { csvCell } from '../../../kernel/csv.js';
import type { RequestRow } from '../store/tables.js';

const CSV_COLUMNS = [
  'service_request_id',
  'service_code',
  'status',
  'open311_status',
  'agency_id',
  'lat',
  'long',
  'address',
  'requested_datetime',
  'expected_datetime',
  'resolved_datetime',
  'me_too_count',
  'reopened',
];

/** Reports as CSV (RFC 4180), without personal data. */
export function requestsToCsv(rows: RequestRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.serviceCode,
        r.status,
        toOpen311Status(r.status),
        r.agencyId,
        r.lat,
        r.lon,
        r.address,
        r.requestedAt.toISOString(),
        r.expectedAt?.toISOString(),
        r.resolvedAt?.toISOString(),
        r.meTooCount,
        r.reopened,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** Reports with a position as a GeoJSON FeatureCollection (RFC 7946), without personal data. */
export function requestsToGeoJson(rows: RequestRow[]): object {
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.lat !== null && r.lon !== null)
      .map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: {
          service_code: r.serviceCode,
          status: r.status,
          agency_id: r.agencyId,
          address: r.address,
          requested_datetime: r.requestedAt.toISOString(),
          resolved_datetime: r.resolvedAt?.toISOString() ?? null,
          me_too_count: r.meTooCount,
        },
      })),
  };
}

/** The dashboard's figures per service as CSV: reports made in the window, and time to resolve those resolved in it. */
export function figuresToCsv(
  byService: { key: string; n: number; stats: { count: number; medianHours: number | null; p90Hours: number | null; withinTarget: number | null } }[],
  overall: { count: number; medianHours: number | null; p90Hours: number | null; withinTarget: number | null },
  total: number,
): string {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const lines = ['service_code,reports,resolved,median_hours_to_resolve,p90_hours_to_resolve,share_within_target'];
  const line = (code: string, n: number, s: typeof overall) =>
    [code, n, s.count, round(s.medianHours), round(s.p90Hours), round(s.withinTarget)].map(csvCell).join(',');
  for (const r of byService) lines.push(line(r.key, r.n, r.stats));
  lines.push(line('ALL', total, overall));
  return `${lines.join('\r\n')}\r\n`;
}
