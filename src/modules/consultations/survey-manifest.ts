import type { BodyRoute } from '../../kernel/module.js';
export { registerSurveyApi } from './routes/survey-api.js';

const page = (path: string, file: string) => ({ path, file: `../modules/consultations/ui/${file}` });

/** The survey strand's pages: answering the survey, the paper desk, the printable form, the LimeSurvey import. */
export const SURVEY_PAGES = [
  page('consultations/:slug/survey', 'survey-page.tsx'),
  page('consultations/:slug/paper', 'paper-page.tsx'),
  page('consultations/:slug/print', 'print-page.tsx'),
  page('consultations/:slug/admin/import-lss', 'import-lss-page.tsx'),
];

/** Routes of the survey strand that take a CSV or LimeSurvey file (see BodyRoute). */
export const SURVEY_BODY_ROUTES: BodyRoute[] = [
  { path: '/api/v1/consultations/:slug/questionnaire/import-lss', kind: 'import' },
  { path: '/consultations/:slug/admin/import-lss', kind: 'import' },
  { path: '/api/v1/consultations/:slug/responses/import', kind: 'import' },
  { path: '/consultations/:slug/paper', kind: 'import' },
];
