import type { ModuleManifest } from '../db/context.js';
import { accountsModule } from '../modules/accounts/index.js';
import { budgetingModule } from '../modules/budgeting/index.js';
import { consultationsModule } from '../modules/consultations/index.js';
import { conversationsModule } from '../modules/conversations/index.js';
import { libraryModule } from '../modules/library/index.js';
import { notificationsModule } from '../modules/notifications/index.js';
import { procurementModule } from '../modules/procurement/index.js';
import { questionnairesModule } from '../modules/questionnaires/index.js';
import { serviceRequestsModule } from '../modules/service-requests/index.js';
import { sitesModule } from '../modules/sites/index.js';

/** Every module the server mounts, in order. Nothing is discovered by globbing (DESIGN.md rule 2). */
export const manifests: ModuleManifest[] = [
  sitesModule,
  accountsModule,
  notificationsModule,
  questionnairesModule,
  libraryModule,
  conversationsModule,
  budgetingModule,
  procurementModule,
  serviceRequestsModule,
  consultationsModule,
];
