import type { PermissionRule } from '../../kernel/auth.js';

/** Who may do what in consultations. */
export const consultationPermissions: Record<string, PermissionRule> = {
  /** Create and edit consultations and their questionnaires, margins and weighting; publish results; approve events. */
  'consultations.manage': { roles: ['editor'] },
  /** Read live figures and exports while a survey runs. */
  'consultations.results.read': { roles: ['editor', 'auditor'] },
  /** Enter paper responses and confirm a colleague's (a second person confirms). */
  'consultations.paper.enter': { roles: ['agency_staff', 'editor'] },
  /** Register a consultation event and record its outcome: any signed-in organiser. */
  'consultations.event.propose': { roles: [], signedIn: true },
  /** Edit an event and record its outcome: its organiser (the person who registered it). */
  'consultations.event.edit': { roles: [], owner: true },
};
