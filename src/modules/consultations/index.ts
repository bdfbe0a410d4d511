import type { Command } from 'commander';
import type { ModuleManifest } from '../../db/context.js';
import { registerWeightCommand } from './cli/weight-command.js';
import { consultationPermissions } from './permissions.js';
import { registerConsultationsApi } from './routes/api.js';
import { registerResultsApi, registerResultsExports } from './routes/results-api.js';
import { registerImportLssCommand } from './cli/import-lss-command.js';
import { EVENT_BODY_ROUTES, EVENT_PAGES, registerEventsApi } from './routes/events-api.js';
import { deleteEventsData, exportEventsData } from './commands/events-personal-data.js';
import { seedConsultations } from './seed/seed.js';
import { CONSULTATIONS_OPEN_DATA } from './formats/open-data.js';
import { registerOpenDataRoutes } from './routes/open-data.js';
import { seedDemoResponses } from './seed/responses.js';
import { registerSurveyApi, SURVEY_BODY_ROUTES, SURVEY_PAGES } from './survey-manifest.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

export { findConsultationBySlug, findConsultationById, listConsultations } from './store/consultations.js';
export { seedConsultations, DEMO_CONSULTATION } from './seed/seed.js';
export type { ConsultationRow } from './store/tables.js';
export { listEventOutcomesByTheme, type ThemeOutcomes } from './commands/event-outcomes.js';
export { followConsultationContributions, listConsultationContributions } from './commands/contributions.js';

const page = (path: string, file: string) => ({ path, file: `../modules/consultations/ui/${file}` });

/**
 * Consultations (the European Citizens' Consultations): multilingual surveys on the platform's
 * questionnaire engine, paper and imported responses, consultation events with their outcomes,
 * and results weighted to the population's margins.
 */
export const consultationsModule: ModuleManifest = {
  id: 'consultations',
  permissions: consultationPermissions,
  api: (app) => {
    registerConsultationsApi(app);
    registerSurveyApi(app);
    registerResultsApi(app);
    registerEventsApi(app);
  },
  routes: (app) => {
    registerResultsExports(app);
    registerOpenDataRoutes(app);
  },
  openData: CONSULTATIONS_OPEN_DATA,
  pages: [
    page('consultations', 'consultations-page.tsx'),
    page('consultations/admin', 'admin-page.tsx'),
    { ...page('consultations/admin/new', 'edit-page.tsx'), id: 'consultations-new' },
    page('consultations/:slug', 'consultation-page.tsx'),
    page('consultations/:slug/admin', 'edit-page.tsx'),
    page('consultations/:slug/results', 'results-page.tsx'),
    page('consultations/:slug/admin/results', 'admin-results-page.tsx'),
    page('consultations/:slug/admin/invitations', 'invitations-page.tsx'),
    page('consultations/:slug/admin/questionnaire', 'questionnaire-editor-page.tsx'),
    page('consultations/:slug/admin/questionnaire/preview', 'questionnaire-preview-page.tsx'),
    ...EVENT_PAGES,
    ...SURVEY_PAGES,
  ],
  nav: [
    { id: 'consultations', label: 'consultations.title', href: '/consultations', area: 'main', order: 55, description: 'consultations.intro' },
    {
      id: 'consultations-admin',
      label: 'consultations.admin.title',
      href: '/consultations/admin',
      area: 'admin',
      permission: 'consultations.manage',
      order: 55,
    },
  ],
  messages: { en, es, fr, pt, uk },
  bodyRoutes: [...EVENT_BODY_ROUTES, ...SURVEY_BODY_ROUTES],
  exportUserData: exportEventsData,
  deleteUserData: deleteEventsData,
  seed: async (deps, siteId) => {
    await seedConsultations(deps, siteId);
    await seedDemoResponses(deps, siteId);
  },
};

/**
 * Adds `polity consultations ...`: the survey tools that work on files (weighting to population
 * margins, LimeSurvey structure import). Each subcommand loads its code only when it runs, so
 * `polity --help` stays instant.
 */
export function registerConsultationsCommands(program: Command): Command {
  const consultations = program.command('consultations').description('consultations and surveys: weighting, LimeSurvey import');
  registerWeightCommand(consultations);
  registerImportLssCommand(consultations);
  return consultations;
}
