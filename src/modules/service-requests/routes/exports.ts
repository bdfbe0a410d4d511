import type { ApiApp } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { requestsToCsv, requestsToGeoJson } from '../formats/exports.js';
import { listRequests } from '../store/requests.js';

/** Most rows one export holds; older reports are in earlier windows (`days`). */
export const EXPORT_LIMIT = 50_000;

/** Open-data exports of reports: CSV and GeoJSON, for a window of days and optionally one agency. */
export function registerExportRoutes(app: ApiApp): void {
  app.get('/service-requests/open-data/:file{requests\\.(csv|geojson)}', async (c) => {
    const { site } = c.get('ctx');
    const days = Number(c.req.query('days') ?? '90');
    if (!Number.isInteger(days) || days < 1 || days > 3660)
      throw new AppError('invalid_input', 'Bad window.', { fields: { days: 'a whole number of days from 1 to 3660' } });
    const agency = c.req.query('agency');
    if (agency !== undefined && !isUuid(agency)) throw new AppError('invalid_input', 'Bad agency.', { fields: { agency: 'not an agency id' } });
    const from = new Date(c.get('deps').clock.now().getTime() - days * 86_400_000);
    const rows = await listRequests(c.get('deps').db, site.id, { from, agencyId: agency }, { limit: EXPORT_LIMIT, sort: 'oldest' });
    if (c.req.param('file').endsWith('.csv')) {
      return c.body(requestsToCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="service-requests.csv"',
      });
    }
    return c.body(JSON.stringify(requestsToGeoJson(rows)), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
  });
}
