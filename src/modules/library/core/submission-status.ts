import { err, ok, type Result } from '../../../kernel/result.js';

/** Where a submission to a call stands. */
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'changes_requested', 'resubmitted', 'accepted', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** What someone can do to a submission: the submitter edits and submits, editors review. */
export const SUBMISSION_ACTIONS = ['edit', 'submit', 'comment', 'request_changes', 'accept', 'reject'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** Who acts: the person who submitted, or an editor reviewing. */
export type SubmissionRole = 'submitter' | 'reviewer';

/** The statuses in which a submission waits for a reviewer. */
export const REVIEWABLE: SubmissionStatus[] = ['submitted', 'resubmitted'];
const EDITABLE: SubmissionStatus[] = ['draft', 'changes_requested'];

const WHO: Record<SubmissionAction, SubmissionRole[]> = {
  edit: ['submitter'],
  submit: ['submitter'],
  comment: ['submitter', 'reviewer'],
  request_changes: ['reviewer'],
  accept: ['reviewer'],
  reject: ['reviewer'],
};

/**
 * The submission state machine: the status after `action`, or why it is not allowed.
 * draft -edit-> draft -submit-> submitted; a reviewer then requests changes (-> changes_requested,
 * which the submitter edits and submits again -> resubmitted), accepts or rejects. Accepted and
 * rejected are final. Comments change nothing and need a submission that has been sent.
 */
export function nextSubmissionStatus(status: SubmissionStatus, action: SubmissionAction): Result<SubmissionStatus, string> {
  switch (action) {
    case 'edit':
      return EDITABLE.includes(status) ? ok(status) : err(`a ${status} submission cannot be edited`);
    case 'submit':
      if (status === 'draft') return ok('submitted');
      if (status === 'changes_requested') return ok('resubmitted');
      return err(`a ${status} submission cannot be submitted`);
    case 'comment':
      return status === 'draft' ? err('a draft cannot be commented on until it is submitted') : ok(status);
    case 'request_changes':
      return REVIEWABLE.includes(status) ? ok('changes_requested') : err(`changes cannot be requested on a ${status} submission`);
    case 'accept':
      return REVIEWABLE.includes(status) ? ok('accepted') : err(`a ${status} submission cannot be accepted`);
    case 'reject':
      return REVIEWABLE.includes(status) ? ok('rejected') : err(`a ${status} submission cannot be rejected`);
  }
}

/** The actions `role` may take on a submission in `status` (for showing buttons). */
export function submissionActionsFor(status: SubmissionStatus, role: SubmissionRole): SubmissionAction[] {
  return SUBMISSION_ACTIONS.filter((a) => WHO[a].includes(role) && nextSubmissionStatus(status, a).ok);
}

/** Whether `role` may take `action` at all (independently of the status). */
export function mayTakeAction(role: SubmissionRole, action: SubmissionAction): boolean {
  return WHO[action].includes(role);
}
