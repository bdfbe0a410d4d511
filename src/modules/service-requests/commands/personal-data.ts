import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { srRequests, srSubscriptions, srUpdates } from '../store/tables.js';

/** What this module holds about a person: their reports (with the contact details they gave) and the reports they follow. */
export async function exportServiceRequestData(deps: Deps, siteId: string, userId: string): Promise<unknown> {
  const reports = await deps.db
    .select({
      id: srRequests.id,
      serviceCode: srRequests.serviceCode,
      status: srRequests.status,
      description: srRequests.description,
      address: srRequests.address,
      lat: srRequests.lat,
      long: srRequests.lon,
      email: srRequests.email,
      firstName: srRequests.firstName,
      lastName: srRequests.lastName,
      phone: srRequests.phone,
      requestedAt: srRequests.requestedAt,
    })
    .from(srRequests)
    .where(and(eq(srRequests.siteId, siteId), eq(srRequests.userId, userId)));
  const following = await deps.db
    .select({ requestId: srSubscriptions.requestId, email: srSubscriptions.email, since: srSubscriptions.createdAt })
    .from(srSubscriptions)
    .where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.userId, userId)));
  return { reports, following };
}

/**
 * When a person deletes their account their reports stay (the problem is still real) but lose
 * every link to them: contact details and the user id go, and so do their subscriptions.
 */
export async function deleteServiceRequestData(deps: Deps, siteId: string, userId: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await tx
      .update(srRequests)
      .set({ userId: null, email: null, firstName: null, lastName: null, phone: null, deviceId: null, anonymous: true, notify: 'none' })
      .where(and(eq(srRequests.siteId, siteId), eq(srRequests.userId, userId)));
    await tx.delete(srSubscriptions).where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.userId, userId)));
    await tx
      .update(srUpdates)
      .set({ authorId: null })
      .where(and(eq(srUpdates.siteId, siteId), eq(srUpdates.authorId, userId)));
  });
}
