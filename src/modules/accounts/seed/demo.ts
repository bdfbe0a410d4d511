import type { Deps } from '../../../db/context.js';
import { createUser } from '../commands/create-user.js';
import { grantRole } from '../commands/manage-roles.js';
import { findUserByEmail } from '../store/users.js';

/** The demo accounts the README lists: an administrator, an editor and a moderator, all confirmed. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.polity.localhost', name: 'Demo Admin', password: 'polity-demo-admin', role: 'admin' },
  { email: 'editor@demo.polity.localhost', name: 'Demo Editor', password: 'polity-demo-editor', role: 'editor' },
  { email: 'moderator@demo.polity.localhost', name: 'Demo Moderator', password: 'polity-demo-moderator', role: 'moderator' },
] as const;

/** Creates the demo accounts on a site (skipping any that exist) and grants their roles. */
export async function seedAccounts(deps: Deps, siteId: string): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(deps.db, siteId, account.email);
    const user =
      existing ?? (await createUser(deps, siteId, { email: account.email, name: account.name, password: account.password, confirmed: true }));
    await grantRole(deps, siteId, { userId: user.id, role: account.role, agencyId: null });
  }
}
