import { asString, isCancelledProcess } from '../common.js';
import type { Release } from '../types.js';
import { createPz01 } from './pz01-single-participant.js';
import { createPz02 } from './pz02-bidders-disqualified.js';
import { createPz03 } from './pz03-many-amendments.js';
import { createPz04 } from './pz04-price-increased-by-amendment.js';
import { createPz05 } from './pz05-award-far-below-expected.js';
import { createPz06 } from './pz06-split-purchases.js';
import type { ProzorroRule, ProzorroRuleOutput, ProzorroRuleSettings } from './types.js';

/** A run of the enabled ProZorro-derived rules: feed compiled releases, then read the flags once. */
export interface ProzorroRuleRun {
  /** Feeds one compiled release; releases without a string `ocid` or with a cancelled tender are ignored. */
  add(release: unknown): void;
  /** Finishes the cross-process rules (PZ06) and returns ocid -> rule -> value. */
  finish(): ProzorroRuleOutput;
}

/** Starts a run of the rules the settings enable (same exclusions as Cardinal: no ocid, cancelled tender). */
export function startProzorroRuleRun(settings: ProzorroRuleSettings): ProzorroRuleRun {
  const rules: ProzorroRule[] = [];
  if (settings.PZ01) rules.push(createPz01(settings.PZ01, settings));
  if (settings.PZ02) rules.push(createPz02(settings.PZ02, settings));
  if (settings.PZ03) rules.push(createPz03(settings.PZ03, settings));
  if (settings.PZ04) rules.push(createPz04(settings.PZ04, settings));
  if (settings.PZ05) rules.push(createPz05(settings.PZ05, settings));
  if (settings.PZ06) rules.push(createPz06(settings.PZ06));
  const out: ProzorroRuleOutput = {};
  let finished = false;
  return {
    add(value) {
      if (finished) throw new Error('rule run already finished');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      const release = value as Release;
      const ocid = asString(release.ocid);
      if (ocid === undefined || isCancelledProcess(release)) return;
      for (const rule of rules) rule.accumulate(release, ocid, out);
    },
    finish() {
      if (!finished) for (const rule of rules) rule.finish?.(out);
      finished = true;
      return out;
    },
  };
}

/** Computes the enabled rules over compiled releases held in memory. */
export function computeProzorroRules(releases: Iterable<unknown>, settings: ProzorroRuleSettings): ProzorroRuleOutput {
  const run = startProzorroRuleRun(settings);
  for (const r of releases) run.add(r);
  return run.finish();
}
