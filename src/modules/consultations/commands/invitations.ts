import type { Deps } from '../../../db/context.js';
import { invalidInput } from '../../../kernel/errors.js';
import { deleteUnusedInvitations, listInvitationBatches, type InvitationBatch } from '../store/responses.js';
import type { ConsultationRow } from '../store/tables.js';

export { createInvitations } from './take-part.js';

/** A consultation's batches of invitation codes (label, when made, how many, how many used), newest first. */
export function invitationBatches(deps: Deps, c: ConsultationRow): Promise<InvitationBatch[]> {
  return listInvitationBatches(deps.db, c.siteId, c.id);
}

/**
 * Revokes the unused codes of a batch (named by the instant it was made, as the list gives it):
 * they stop opening the survey. Used codes, and codes someone has started answering with, stay.
 * Gives how many codes were revoked (0 for a batch with none left, or none at that instant).
 */
export async function revokeInvitationBatch(deps: Deps, c: ConsultationRow, batch: string): Promise<number> {
  const at = new Date(batch);
  if (!/^\d{4}-\d\d-\d\dT/.test(batch) || Number.isNaN(at.getTime()))
    throw invalidInput({ batch: 'the instant a batch was made, as the list of batches gives it' }, undefined, {
      batch: { reason: 'invalid_format' },
    });
  return deleteUnusedInvitations(deps.db, c.siteId, c.id, at);
}
