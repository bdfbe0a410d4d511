import type { ApiApp } from '../../../db/context.js';
import { listPublishedResults } from '../commands/open-data.js';
import { variableWords } from '../commands/results.js';
import { OPEN_DATA_LICENCE_URL, resultsCsv, resultsJson } from '../formats/open-data.js';

const licenceLink = { Link: `<${OPEN_DATA_LICENCE_URL}>; rel="license"`, 'Cache-Control': 'public, max-age=300' };

/** The open data of published consultation results at the site root: JSON and CSV (listed on /open-data). */
export function registerOpenDataRoutes(app: ApiApp): void {
  app.get('/consultations/open-data/results.json', async (c) => {
    const deps = c.get('deps');
    const { site, origin } = c.get('ctx');
    const published = await listPublishedResults(deps, site.id);
    return c.json(resultsJson(published, variableWords().other, origin, deps.clock.now()), 200, licenceLink);
  });
  app.get('/consultations/open-data/results.csv', async (c) => {
    const deps = c.get('deps');
    const { site } = c.get('ctx');
    const published = await listPublishedResults(deps, site.id);
    return c.body(resultsCsv(published, variableWords().other, site.locales), 200, {
      ...licenceLink,
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': 'attachment; filename="consultation-results.csv"',
    });
  });
}
