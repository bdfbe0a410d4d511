import type { Command } from 'commander';
import type { ModuleManifest } from '../../db/context.js';
import { consultationPermissions } from './permissions.js';
import { EVENT_BODY_ROUTES, EVENT_PAGES, registerEventsApi } from './routes/events-api.js';
import { deleteEventsData, exportEventsData } from './commands/events-personal-data.js';
import { seedConsultations } from './seed/seed.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

export { findConsultationBySlug, findConsultationById, listConsultations } from './store/consultations.js';
export { seedConsultations, DEMO_CONSULTATION } from './seed/seed.js';
export type { ConsultationRow } from './store/tables.js';
export { listEventOutcomesByTheme, type ThemeOutcomes } from './commands/event-outcomes.js';

/**
 * Consultations (the European Citizens' Consultations): multilingual surveys on the platform's
 * questionnaire engine, paper and imported responses, consultation events with their outcomes,
 * and results weighted to the population's margins.
 */
export const consultationsModule: ModuleManifest = {
  id: 'consultations',
  permissions: consultationPermissions,
  messages: { en, es, fr, pt, uk },
  api: (app) => {
    registerEventsApi(app);
  },
  pages: [...EVENT_PAGES],
  bodyRoutes: [...EVENT_BODY_ROUTES],
  exportUserData: exportEventsData,
  deleteUserData: deleteEventsData,
  seed: async (deps, siteId) => {
    await seedConsultations(deps, siteId);
  },
};

/**
 * Adds `polity consultations ...`: the survey tools that work on files (weighting to population
 * margins, LimeSurvey structure import). Each subcommand loads its code only when it runs, so
 * `polity --help` stays instant.
 */
export function registerConsultationsCommands(program: Command): Command {
  const consultations = program.command('consultations').description('consultations and surveys: weighting, LimeSurvey import');
  return consultations;
}
