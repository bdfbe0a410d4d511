import type { ModuleManifest } from '../../db/context.js';
import { OPEN_DATA_LICENCE } from '../../kernel/open-data.js';
import { CHECK_OVERDUE_JOB, NOTIFY_AGENCY_JOB } from './commands/create-request.js';
import { checkOverdue, notifyAgency } from './commands/jobs.js';
import { AREA_ALERTS_JOB, sendAreaAlerts } from './commands/area-alerts.js';
import { OPEN311_BASE, open311ErrorResponse, registerOpen311Routes } from './routes/open311.js';
import { registerExportRoutes } from './routes/exports.js';
import { registerServiceRequestsApi } from './routes/api.js';
import { deleteServiceRequestData, exportServiceRequestData } from './commands/personal-data.js';
import { seedServiceRequests } from './seed/seed.js';
import { listServices } from './store/catalogue.js';
import { countOverdue } from './store/requests.js';
import { staffAgencies } from './core/staff.js';
import { MAX_PHOTOS } from './core/photo.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

const page = (path: string, file: string) => ({ path, file: `../modules/service-requests/ui/${file}` });

export { createApiKey, revokeApiKey } from './commands/api-keys.js';
export { saveArea, saveGroup, saveService, setFallbackAgency, saveAgencyContact } from './commands/catalogue.js';
export { createRequest, addMeToo, subscribe } from './commands/create-request.js';
export { changeRequest, changeRequests, answerFix, unsubscribe } from './commands/update-request.js';
export { escalateOverdue } from './commands/jobs.js';
export { followArea, confirmAlert, stopAlert } from './commands/area-alerts.js';
export { registerServiceRequestsCommands, type DepsOpener } from './cli.js';

/** Citizen service requests routed to the right agency, with an Open311 GeoReport v2 server. */
export const serviceRequestsModule: ModuleManifest = {
  id: 'service-requests',
  permissions: {
    'service-requests.catalogue.manage': { roles: ['admin'] },
    'service-requests.api-keys.manage': { roles: ['admin'] },
    'service-requests.inbox.read': { roles: ['agency_staff'] },
    'service-requests.request.manage': { roles: ['agency_staff'], agencyScoped: true },
    'service-requests.dashboard.read': { roles: ['agency_staff', 'auditor', 'editor'] },
  },
  nav: [
    { id: 'service-requests', label: 'sr.nav.reports', href: '/service-requests', area: 'main', order: 30, description: 'sr.nav.description' },
    { id: 'service-requests-dashboard', label: 'sr.nav.dashboard', href: '/service-requests/dashboard', area: 'main', order: 31 },
    {
      id: 'service-requests-inbox',
      label: 'sr.nav.inbox',
      href: '/service-requests/inbox',
      area: 'admin',
      permission: 'service-requests.inbox.read',
      order: 30,
    },
    {
      id: 'service-requests-keys',
      label: 'sr.nav.keys',
      href: '/service-requests/admin/api-keys',
      area: 'admin',
      permission: 'service-requests.api-keys.manage',
      order: 31,
    },
    {
      id: 'service-requests-catalogue',
      label: 'sr.nav.catalogue',
      href: '/service-requests/admin/catalogue',
      area: 'admin',
      permission: 'service-requests.catalogue.manage',
      order: 32,
    },
  ],
  pages: [
    page('service-requests', 'home-page.tsx'),
    page('service-requests/new', 'new-report-page.tsx'),
    page('service-requests/reports/:id', 'report-page.tsx'),
    page('service-requests/services/:code', 'service-page.tsx'),
    page('service-requests/dashboard', 'dashboard-page.tsx'),
    page('service-requests/inbox', 'inbox-page.tsx'),
    page('service-requests/inbox/:id', 'inbox-report-page.tsx'),
    page('service-requests/admin/api-keys', 'api-keys-page.tsx'),
    page('service-requests/admin/catalogue', 'catalogue-page.tsx'),
    page('service-requests/unsubscribe', 'unsubscribe-page.tsx'),
    page('service-requests/alerts', 'alerts-page.tsx'),
    page('service-requests/alerts/:step', 'alert-link-page.tsx'),
  ],
  api: registerServiceRequestsApi,
  bodyRoutes: [{ path: '/service-requests/new', kind: 'upload', files: MAX_PHOTOS }],
  errorShapes: [{ prefix: `${OPEN311_BASE}/`, present: open311ErrorResponse }],
  routes: (app) => {
    registerOpen311Routes(app);
    registerExportRoutes(app);
  },
  seed: seedServiceRequests,
  waiting: async (deps, siteId, actor) => {
    // Counted over the agencies whose reports the person handles, as the inbox lists them.
    const agencyIds = staffAgencies(actor);
    if (agencyIds?.length === 0) return [];
    return [
      {
        id: 'service-requests-overdue',
        label: 'sr.waits.overdue',
        count: await countOverdue(deps.db, siteId, deps.clock.now(), agencyIds),
        href: '/service-requests/inbox?overdue=on',
        permission: 'service-requests.inbox.read',
      },
    ];
  },
  exportUserData: exportServiceRequestData,
  deleteUserData: deleteServiceRequestData,
  openData: [
    {
      id: 'service-requests-csv',
      title: 'Service requests (CSV)',
      href: '/service-requests/open-data/requests.csv',
      format: 'CSV',
      licence: OPEN_DATA_LICENCE,
    },
    {
      id: 'service-requests-geojson',
      title: 'Service requests (GeoJSON)',
      href: '/service-requests/open-data/requests.geojson',
      format: 'GeoJSON',
      licence: OPEN_DATA_LICENCE,
    },
    {
      id: 'service-requests-open311',
      title: 'Open311 GeoReport v2',
      href: '/open311/v2/discovery.json',
      format: 'Open311',
      licence: OPEN_DATA_LICENCE,
    },
  ],
  sitemap: async (deps, siteId) => [
    { path: '/service-requests' },
    { path: '/service-requests/new' },
    { path: '/service-requests/dashboard' },
    { path: '/service-requests/alerts' },
    ...(await listServices(deps.db, siteId)).map((s) => ({ path: `/service-requests/services/${encodeURIComponent(s.code)}` })),
  ],
  messages: { en, es, fr, pt, uk },
  jobs: {
    [NOTIFY_AGENCY_JOB]: notifyAgency,
    [CHECK_OVERDUE_JOB]: checkOverdue,
    [AREA_ALERTS_JOB]: sendAreaAlerts,
  },
};
