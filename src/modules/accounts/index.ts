import type { ModuleManifest } from '../../db/context.js';

export { findActorBySession as resolveActorFromSession } from './store/users.js';

/** Name of the session cookie (HttpOnly, Secure, SameSite=Lax). */
export const SESSION_COOKIE = 'polity_session';

/** Accounts: sign-up, sign-in, sessions, roles, personal data. */
export const accountsModule: ModuleManifest = {
  id: 'accounts',
  permissions: {
    'accounts.roles.manage': { roles: ['admin'] },
  },
};
