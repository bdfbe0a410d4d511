import type { ModuleManifest } from '../../db/context.js';
import { exportAccountData } from './commands/personal-data.js';
import { registerAccountsApi } from './routes/api.js';
import { seedAccounts } from './seed/demo.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

export {
  findActorBySession as resolveActorFromSession,
  findUserByEmail,
  findUserById,
  hashToken,
  listAgencyStaff,
  listPeopleWithRole,
  type UserRow,
} from './store/users.js';
export { SESSION_COOKIE } from './commands/support.js';
export { createUser } from './commands/create-user.js';
export { grantRole, revokeRole, setRoles } from './commands/manage-roles.js';
export { exportUserData, deleteAccount } from './commands/personal-data.js';
export { DEMO_ACCOUNTS } from './seed/demo.js';

const page = (path: string, file: string) => ({ path, file: `../modules/accounts/ui/${file}` });

/** Accounts: sign-up (with consent to the site's terms and privacy notice), sign-in, sessions, roles, personal data. */
export const accountsModule: ModuleManifest = {
  id: 'accounts',
  permissions: {
    'accounts.roles.manage': { roles: ['admin'] },
    /** Write the site's terms of use and privacy notice. */
    'accounts.legal.manage': { roles: ['admin'] },
  },
  nav: [
    { id: 'people', label: 'accounts.nav.people', href: '/admin/people', area: 'admin', permission: 'accounts.roles.manage', order: 15 },
    { id: 'legal', label: 'accounts.nav.legal', href: '/admin/legal', area: 'admin', permission: 'accounts.legal.manage', order: 11 },
  ],
  api: registerAccountsApi,
  pages: [
    page('sign-up', 'sign-up-page.tsx'),
    page('sign-in', 'sign-in-page.tsx'),
    page('sign-in/link', 'sign-in-link-page.tsx'),
    page('sign-out', 'sign-out-page.tsx'),
    page('confirm', 'confirm-page.tsx'),
    page('forgot-password', 'forgot-password-page.tsx'),
    page('reset-password', 'reset-password-page.tsx'),
    page('account', 'account-page.tsx'),
    page('account/data.json', 'account-data.ts'),
    page('admin/people', 'people-page.tsx'),
    page('terms', 'terms-page.tsx'),
    page('privacy', 'privacy-page.tsx'),
    page('admin/legal', 'legal-admin-page.tsx'),
  ],
  seed: seedAccounts,
  exportUserData: exportAccountData,
  messages: { en, es, fr, pt, uk },
};
