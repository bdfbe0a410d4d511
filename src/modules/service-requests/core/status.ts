/**
 * The life of a report. Open311 knows only `open` and `closed`; the finer statuses are
 * FixMyStreet's (open, acknowledged/"investigating", in progress, fixed, closed, duplicate,
 * referred to another body).
 */
export const STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed', 'duplicate', 'referred'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the agency still owes work. */
export const OPEN_STATUSES: readonly Status[] = ['open', 'acknowledged', 'in_progress'];

const TRANSITIONS: Record<Status, readonly Status[]> = {
  open: ['acknowledged', 'in_progress', 'resolved', 'closed', 'duplicate', 'referred'],
  acknowledged: ['in_progress', 'resolved', 'closed', 'duplicate', 'referred'],
  in_progress: ['acknowledged', 'resolved', 'closed', 'duplicate', 'referred'],
  // A resolved report can be closed for good or reopened (the resident says it is not fixed).
  resolved: ['closed', 'open'],
  closed: ['open'],
  duplicate: ['open'],
  referred: ['open'],
};

/** The statuses a report may move to from `from`. */
export function nextStatuses(from: Status): readonly Status[] {
  return TRANSITIONS[from];
}

/** Whether staff may move a report from `from` to `to`. */
export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether the status counts as open (work owed). */
export function isOpenStatus(s: Status): boolean {
  return OPEN_STATUSES.includes(s);
}

/** The Open311 status of a report: `open` while work is owed, `closed` otherwise. */
export function toOpen311Status(s: Status): 'open' | 'closed' {
  return isOpenStatus(s) ? 'open' : 'closed';
}

/** How long after resolution a resident may say "it is not fixed" and reopen the report. */
export const REOPEN_WINDOW_DAYS = 28;

/** Whether a resolved report may still be reopened by a resident at `now`. */
export function canResidentReopen(status: Status, resolvedAt: Date | null, now: Date, windowDays = REOPEN_WINDOW_DAYS): boolean {
  if (status !== 'resolved' || !resolvedAt) return false;
  return now.getTime() - resolvedAt.getTime() <= windowDays * 86_400_000;
}
