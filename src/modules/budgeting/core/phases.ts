import { PHASES, type PhaseName, type Phases } from './process-types.js';

/** Where a process stands at `now`: one of its phases, before the first one, or after the last. */
export type PhaseState = PhaseName | 'upcoming' | 'closed';

/** The phase whose [start, end) holds `now` (the first such phase if phases overlap). */
export function computePhase(phases: Phases, now: Date): PhaseState {
  const t = now.getTime();
  for (const p of PHASES) {
    if (t >= Date.parse(phases[p].start) && t < Date.parse(phases[p].end)) return p;
  }
  if (t < Date.parse(phases.proposals.start)) return 'upcoming';
  if (t >= Date.parse(phases.implementation.end)) return 'closed';
  // Between phases: the latest phase that has started.
  let last: PhaseState = 'upcoming';
  for (const p of PHASES) if (t >= Date.parse(phases[p].start)) last = p;
  return last;
}

/** Whether voting is open at `now` (ballots may be cast and changed only then). */
export function isVotingOpen(phases: Phases, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(phases.voting.start) && t < Date.parse(phases.voting.end);
}

/** Whether voting has opened (from then on the rule and the budgets may not change). */
export function hasVotingStarted(phases: Phases, now: Date): boolean {
  return now.getTime() >= Date.parse(phases.voting.start);
}

/** Checks that each phase ends after it starts and starts no earlier than the previous one ends; returns field errors. */
export function checkPhaseOrder(phases: Phases): Record<string, string> {
  const errors: Record<string, string> = {};
  let previousEnd = -Infinity;
  for (const p of PHASES) {
    const s = Date.parse(phases[p].start);
    const e = Date.parse(phases[p].end);
    if (!(e > s)) errors[`phases.${p}.end`] = 'must be after the start of the phase';
    else if (s < previousEnd) errors[`phases.${p}.start`] = 'must not be before the end of the previous phase';
    previousEnd = e;
  }
  return errors;
}
