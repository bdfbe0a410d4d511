import type { ApiApp } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { computeDashboard } from '../commands/dashboard.js';
import { figuresToCsv, requestsToCsv, requestsToGeoJson } from '../formats/exports.js';
import { listRequests } from '../store/requests.js';

/** Most rows one export holds; older reports are in earlier windows (`days`). */
export const EXPORT_LIMIT = 50_000;
/** Most reports one map view (a `bbox` query) returns. */
export const MAP_LIMIT = 500;

/** `minLon,minLat,maxLon,maxLat` (the GeoJSON bbox order, RFC 7946 5) or undefined; refuses anything else. */
function parseBbox(raw: string | undefined) {
  if (raw === undefined) return undefined;
  const n = raw.split(',').map((x) => (/^-?\d+(\.\d+)?$/.test(x.trim()) ? Number(x) : NaN));
  const [minLon, minLat, maxLon, maxLat] = n;
  if (
    n.length !== 4 ||
    n.some((x) => !Number.isFinite(x)) ||
    minLon > maxLon ||
    minLat > maxLat ||
    minLat < -90 ||
    maxLat > 90 ||
    minLon < -180 ||
    maxLon > 180
  ) {
    throw new AppError('invalid_input', 'Bad bounding box.', { fields: { bbox: 'minLon,minLat,maxLon,maxLat with min below max' } });
  }
  return { minLon, minLat, maxLon, maxLat };
}

/** The export window in days (default 90) and the optional agency; names the bad parameter. */
function windowOf(daysParam: string | undefined, agency: string | undefined): { days: number; agency: string | undefined } {
  const days = Number(daysParam ?? '90');
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    throw new AppError('invalid_input', 'Bad window.', { fields: { days: 'a whole number of days from 1 to 3660' } });
  if (agency !== undefined && !isUuid(agency)) throw new AppError('invalid_input', 'Bad agency.', { fields: { agency: 'not an agency id' } });
  return { days, agency };
}

/**
 * Open-data exports of reports: CSV and GeoJSON, for a window of days and optionally one agency;
 * with `bbox` (and `status=open`) the GeoJSON is the map's query: the reports in view.
 */
export function registerExportRoutes(app: ApiApp): void {
  /** The dashboard's figures per service (the open-data page's numbers) for a window and optionally one agency. */
  app.get('/service-requests/open-data/figures.csv', async (c) => {
    const { days, agency } = windowOf(c.req.query('days'), c.req.query('agency'));
    const f = await computeDashboard(c.get('deps'), c.get('ctx').site.id, { days, agencyId: agency });
    return c.body(figuresToCsv(f.byService, f.overall, f.total), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="service-requests-figures.csv"',
    });
  });
  app.get('/service-requests/open-data/:file{requests\\.(csv|geojson)}', async (c) => {
    const { site } = c.get('ctx');
    const { days, agency } = windowOf(c.req.query('days'), c.req.query('agency'));
    const from = new Date(c.get('deps').clock.now().getTime() - days * 86_400_000);
    const bbox = parseBbox(c.req.query('bbox'));
    const status = c.req.query('status');
    if (status !== undefined && status !== 'open')
      throw new AppError('invalid_input', 'Bad status.', { fields: { status: 'only "open" may be asked for' } });
    const filter = {
      from: bbox ? undefined : from,
      agencyId: agency,
      bbox,
      statuses: status === 'open' ? (['open', 'acknowledged', 'in_progress'] as const).slice() : undefined,
    };
    const rows = await listRequests(
      c.get('deps').db,
      site.id,
      filter,
      bbox ? { limit: MAP_LIMIT, sort: 'geo' } : { limit: EXPORT_LIMIT, sort: 'oldest' },
    );
    if (c.req.param('file').endsWith('.csv')) {
      return c.body(requestsToCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="service-requests.csv"',
      });
    }
    return c.body(JSON.stringify(requestsToGeoJson(rows)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
  });
}
