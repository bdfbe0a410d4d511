import type { ModuleManifest } from '../../db/context.js';
import { CHECK_OVERDUE_JOB, NOTIFY_AGENCY_JOB } from './commands/create-request.js';
import { checkOverdue, notifyAgency } from './commands/jobs.js';
import { registerOpen311Routes } from './routes/open311.js';

export { createApiKey, revokeApiKey } from './commands/api-keys.js';
export { saveArea, saveGroup, saveService, setFallbackAgency, saveAgencyContact } from './commands/catalogue.js';
export { createRequest, addMeToo, subscribe } from './commands/create-request.js';
export { changeRequest, changeRequests, answerFix } from './commands/update-request.js';
export { escalateOverdue } from './commands/jobs.js';
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
  routes: (app) => {
    registerOpen311Routes(app);
  },
  jobs: {
    [NOTIFY_AGENCY_JOB]: notifyAgency,
    [CHECK_OVERDUE_JOB]: checkOverdue,
  },
};
