import { computePriority } from './consensus.js';

/**
 * Picks the statement to show next: at random, weighted by Pol.is's priority, among the
 * candidates (the participant's unvoted, accepted, unmuted statements). Pol.is's server draws the
 * next comment the same way from the math worker's `comment-priorities`
 * (compdemocracy/polis server/src/server.ts, next-comment routing: a weighted random draw; see
 * shared/references/polis-math.md, "Comment priority"). A statement the last analysis has not seen (new since) gets the priority of a
 * statement nobody has voted on yet: computePriority(isMeta, 0, 0, 0, 0), which is high, so new
 * statements are shown soon, as in Pol.is.
 */
export function pickNextStatement(
  candidates: readonly { id: number; isMeta: boolean }[],
  priorities: Readonly<Record<string, number>>,
  random: () => number,
): number | null {
  if (candidates.length === 0) return null;
  const weights = candidates.map((c) => {
    const p = priorities[String(c.id)];
    return p !== undefined && Number.isFinite(p) && p > 0 ? p : p === 0 ? 0 : computePriority(c.isMeta, 0, 0, 0, 0);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))].id;
  let r = random() * total;
  for (let i = 0; i < candidates.length; i++) {
    r -= weights[i];
    if (r < 0) return candidates[i].id;
  }
  return candidates[candidates.length - 1].id;
}

/**
 * Whether participants see and may vote on a statement: accepted, or — under permissive
 * moderation — not yet moderated and not flagged as a near-duplicate (Pol.is shows unmoderated
 * comments unless `strict_moderation` is on). Rejected statements never are.
 */
export function isShownToParticipants(
  statement: { moderation: -1 | 0 | 1; duplicateOf: number | null },
  moderation: 'strict' | 'permissive',
): boolean {
  if (statement.moderation === 1) return true;
  return moderation === 'permissive' && statement.moderation === 0 && statement.duplicateOf === null;
}
