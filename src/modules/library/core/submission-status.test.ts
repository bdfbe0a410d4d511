import { describe, expect, it } from 'vitest';
import { nextSubmissionStatus, SUBMISSION_ACTIONS, SUBMISSION_STATUSES, submissionActionsFor, type SubmissionStatus } from './submission-status.js';

describe('submission state machine', () => {
  it('follows the review cycle: submit, request changes, resubmit, accept', () => {
    let s: SubmissionStatus = 'draft';
    for (const [action, expected] of [
      ['edit', 'draft'],
      ['submit', 'submitted'],
      ['comment', 'submitted'],
      ['request_changes', 'changes_requested'],
      ['edit', 'changes_requested'],
      ['submit', 'resubmitted'],
      ['accept', 'accepted'],
    ] as const) {
      const r = nextSubmissionStatus(s, action);
      expect(r).toEqual({ ok: true, value: expected });
      if (r.ok) s = r.value;
    }
  });

  it('has exactly these allowed transitions', () => {
    const table: Record<string, string> = {};
    for (const s of SUBMISSION_STATUSES)
      for (const a of SUBMISSION_ACTIONS) {
        const r = nextSubmissionStatus(s, a);
        if (r.ok) table[`${s} ${a}`] = r.value;
      }
    expect(table).toEqual({
      'draft edit': 'draft',
      'draft submit': 'submitted',
      'submitted comment': 'submitted',
      'submitted request_changes': 'changes_requested',
      'submitted accept': 'accepted',
      'submitted reject': 'rejected',
      'changes_requested edit': 'changes_requested',
      'changes_requested submit': 'resubmitted',
      'changes_requested comment': 'changes_requested',
      'resubmitted comment': 'resubmitted',
      'resubmitted request_changes': 'changes_requested',
      'resubmitted accept': 'accepted',
      'resubmitted reject': 'rejected',
      'accepted comment': 'accepted',
      'rejected comment': 'rejected',
    });
  });

  it('explains refused transitions, and final states stay final', () => {
    expect(nextSubmissionStatus('accepted', 'reject')).toEqual({ ok: false, error: 'a accepted submission cannot be rejected' });
    expect(nextSubmissionStatus('draft', 'accept').ok).toBe(false);
    expect(nextSubmissionStatus('rejected', 'edit').ok).toBe(false);
  });

  it('lists what each role may do', () => {
    expect(submissionActionsFor('submitted', 'reviewer')).toEqual(['comment', 'request_changes', 'accept', 'reject']);
    expect(submissionActionsFor('submitted', 'submitter')).toEqual(['comment']);
    expect(submissionActionsFor('changes_requested', 'submitter')).toEqual(['edit', 'submit', 'comment']);
    expect(submissionActionsFor('draft', 'reviewer')).toEqual([]);
  });
});
