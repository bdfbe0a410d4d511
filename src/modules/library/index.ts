import type { ModuleManifest } from '../../db/context.js';
import { deleteLibraryData, exportLibraryData } from './commands/personal-data.js';
import { registerLibraryApi } from './routes/api.js';
import { callPermissions, registerCallsApi } from './routes/calls-api.js';
import { callMessages } from './commands/submission-mail.js';
import { seedCalls } from './seed/calls.js';
import { registerLibraryRoutes } from './routes/public.js';
import { seedLibrary } from './seed/seed.js';
import { listPublishedCaseStudies } from './store/case-studies.js';
import { listPublishedPosts } from './store/posts.js';
import { countSubmissionsToReview } from './store/calls.js';
import { OPEN_DATA_LICENCE } from './formats/open-data.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

export { saveCaseStudy } from './commands/save-case-study.js';
export { savePost } from './commands/save-post.js';
export { saveUpload, type SavedUpload } from './commands/save-upload.js';
export { searchCaseStudies, searchPosts, type SearchParams, type SearchResult } from './commands/search.js';
export { setCaseStudyStatus, setPostStatus } from './commands/set-status.js';
export { getCaseStudy, getPost } from './commands/get.js';
export { renderMarkdown } from './core/markdown.js';
export { seedLibrary } from './seed/seed.js';
export type { CaseStudyRow, PostRow } from './store/tables.js';

const page = (path: string, file: string) => ({ path, file: `../modules/library/ui/${file}` });

/** The innovation library: case studies, posts, search, feeds and open data. */
export const libraryModule: ModuleManifest = {
  id: 'library',
  permissions: {
    'library.case.edit': { roles: ['editor'] },
    'library.post.edit': { roles: ['editor'] },
    'library.case.read_drafts': { roles: ['editor'] },
    'library.upload.create': { roles: ['editor'], signedIn: true },
    ...callPermissions,
  },
  nav: [
    { id: 'library', label: 'library.nav.library', href: '/library', area: 'main', order: 60, description: 'library.intro' },
    { id: 'library-admin', label: 'library.nav.admin', href: '/library/admin', area: 'admin', permission: 'library.case.edit', order: 60 },
    { id: 'library-calls', label: 'library.calls.nav', href: '/library/calls', area: 'main', order: 61, description: 'library.calls.intro' },
    {
      id: 'library-calls-admin',
      label: 'library.calls.admin.title',
      href: '/library/admin/calls',
      area: 'admin',
      permission: 'library.call.manage',
      order: 61,
    },
    {
      id: 'library-submissions',
      label: 'library.calls.review.title',
      href: '/library/admin/submissions',
      area: 'admin',
      permission: 'library.submission.review',
      order: 62,
    },
  ],
  api: (app) => {
    registerLibraryApi(app);
    registerCallsApi(app);
  },
  routes: registerLibraryRoutes,
  waiting: async (deps, siteId) => [
    {
      id: 'library-submissions',
      label: 'library.waits.submissions',
      count: await countSubmissionsToReview(deps.db, siteId),
      href: '/library/admin/submissions',
      permission: 'library.submission.review',
    },
  ],
  bodyRoutes: [
    { path: '/api/v1/library/uploads', kind: 'upload' },
    { path: '/library/admin/case-studies/:id', kind: 'upload' },
    // A call's questionnaire may ask for several files.
    { path: '/library/calls/:slug', kind: 'upload', files: 10 },
  ],
  pages: [
    page('library', 'library-page.tsx'),
    page('library/countries', 'countries-page.tsx'),
    page('library/case-studies/:slug', 'case-study-page.tsx'),
    page('library/posts', 'posts-page.tsx'),
    page('library/posts/:slug', 'post-page.tsx'),
    page('library/admin', 'admin-page.tsx'),
    page('library/admin/case-studies/:id', 'admin-case-study-page.tsx'),
    page('library/admin/posts/:id', 'admin-post-page.tsx'),
    page('library/calls', 'calls-page.tsx'),
    page('library/calls/:slug', 'call-page.tsx'),
    page('library/calls/:slug/submission', 'call-submission-page.tsx'),
    page('library/admin/calls', 'call-admin-page.tsx'),
    page('library/admin/calls/:slug', 'call-edit-page.tsx'),
    page('library/admin/submissions', 'submissions-admin-page.tsx'),
    page('library/admin/submissions/:id', 'submission-review-page.tsx'),
  ],
  exportUserData: exportLibraryData,
  deleteUserData: deleteLibraryData,
  seed: async (deps, siteId) => {
    await seedLibrary(deps, siteId);
    await seedCalls(deps, siteId);
  },
  openData: [
    {
      id: 'library-case-studies-csv',
      title: 'Innovation case studies (CSV)',
      href: '/library/open-data/case-studies.csv',
      format: 'CSV',
      licence: OPEN_DATA_LICENCE,
    },
    {
      id: 'library-case-studies-json',
      title: 'Innovation case studies (JSON)',
      href: '/library/open-data/case-studies.json',
      format: 'JSON',
      licence: OPEN_DATA_LICENCE,
    },
    { id: 'library-feed', title: 'Innovation case studies (Atom feed)', href: '/library/feed.atom', format: 'Atom', licence: OPEN_DATA_LICENCE },
  ],
  sitemap: async (deps, siteId) => {
    const [cases, posts] = await Promise.all([listPublishedCaseStudies(deps.db, siteId), listPublishedPosts(deps.db, siteId)]);
    const latest = (rows: { updatedAt: Date }[]) => rows.reduce<Date | undefined>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), undefined);
    return [
      { path: '/library', lastmod: latest(cases) },
      { path: '/library/countries', lastmod: latest(cases) },
      { path: '/library/posts', lastmod: latest(posts) },
      ...cases.map((r) => ({ path: `/library/case-studies/${r.slug}`, lastmod: r.updatedAt })),
      ...posts.map((r) => ({ path: `/library/posts/${r.slug}`, lastmod: r.updatedAt })),
    ];
  },
  messages: Object.fromEntries(Object.entries({ en, es, fr, pt, uk }).map(([locale, m]) => [locale, { ...m, ...callMessages[locale] }])),
};
