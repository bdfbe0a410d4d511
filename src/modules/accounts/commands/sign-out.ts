import type { Deps } from '../../../db/context.js';
import { deleteSession } from '../store/users.js';

/** Ends the current session (a visitor without one has nothing to end). */
export async function signOut(deps: Deps, siteId: string, sessionId: string | null): Promise<void> {
  if (sessionId) await deleteSession(deps.db, siteId, sessionId);
}
