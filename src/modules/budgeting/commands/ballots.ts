import { createHmac, randomInt } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { claimAttempt, hitRateLimit, settleAttempt } from '../../../db/rate-limit.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { ballotProblemReason, checkBallot, describeBallotProblem } from '../core/ballot-rules.js';
import { hasVotingStarted, isVotingOpen } from '../core/phases.js';
import { ballotSlot } from '../core/process-types.js';
import { checkEligibility } from './eligibility.js';
import { describeWeakCodes, MIN_CODE_BITS, normalizeCode, VOTING_CODE_LIMITS } from '../core/voting-codes.js';
import { findBallot, listBallotsOf, listDistricts, listProjects } from '../store/queries.js';
import { budgetingBallots, budgetingVotingCodes, type BallotRow, type DistrictRow, type ProcessRow, type VotingCodeRow } from '../store/tables.js';
import type { Person } from './projects.js';
import { retryOnConflict } from './retry.js';
import { ballotInput, paperBallotInput, type BallotInput } from './schemas.js';

/**
 * Who casts a ballot online: a signed-in resident, or the holder of a voting code (with `userId`
 * when the holder is signed in: the code is then bound to that account).
 */
export type Voter = { kind: 'user'; userId: string } | { kind: 'code'; code: string; userId?: string | null; client: string };

export { normalizeCode };

/** The keyed hash stored for a voting code (HMAC-SHA256 with the site secret, bound to the process). */
export function hashCode(secret: string, processId: string, code: string): string {
  return createHmac('sha256', secret)
    .update(`${processId}:${normalizeCode(code)}`)
    .digest('hex');
}

/** The code row a typed code names, or an error naming the `code` field. */
export async function findCode(deps: Deps, siteId: string, process: ProcessRow, code: string): Promise<VotingCodeRow> {
  const [row] = await deps.db
    .select()
    .from(budgetingVotingCodes)
    .where(
      and(
        eq(budgetingVotingCodes.siteId, siteId),
        eq(budgetingVotingCodes.processId, process.id),
        eq(budgetingVotingCodes.codeHash, hashCode(deps.secret, process.id, code)),
      ),
    );
  if (!row)
    throw new AppError('invalid_input', 'This voting code is not valid.', {
      fields: { code: 'this voting code is not valid for this process' },
      reasons: { code: { reason: 'budgeting_code_invalid' } },
      reason: { reason: 'budgeting_code_invalid' },
    });
  return row;
}

/** Refuses a ballot outside the voting phase (or after results are published). */
function votingClosed(): AppError {
  return new AppError('deadline_passed', 'Voting is not open: ballots can be cast and changed only while voting is open.', {
    fields: { phase: 'voting is not open' },
    reasons: { phase: { reason: 'budgeting_voting_closed' } },
    reason: { reason: 'budgeting_voting_closed' },
  });
}

function tooManyCodeTries(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `Too many voting-code attempts. Please wait ${retryAfterSeconds} seconds and try again.`, {
    fields: { code: 'too many attempts; wait and try again' },
    reasons: { code: { reason: 'too_many_tries', values: { seconds: retryAfterSeconds } } },
    reason: { reason: 'too_many_tries', values: { seconds: retryAfterSeconds } },
    details: { retryAfterSeconds, reason: 'rate_limited' },
  });
}

/**
 * Checks a code voter's code under VOTING_CODE_LIMITS before anything else reads it: counts the
 * try per address and per process, refuses with `rate_limited` (429, Retry-After) past a cap or
 * during the address's back-off, and counts a wrong code against the address. Every command that
 * takes a code from a voter calls this first, so no path answers code guesses at full speed.
 */
export async function checkVoterCode(deps: Deps, siteId: string, process: ProcessRow, voter: Voter): Promise<void> {
  if (voter.kind !== 'code') return;
  const { db, clock } = deps;
  const limits = VOTING_CODE_LIMITS;
  const prefix = `budgeting.code:${siteId}:${process.id}`;
  for (const [key, cap] of [
    [`${prefix}:client:${voter.client}`, limits.perClient],
    [`${prefix}:all`, limits.perProcess],
  ] as const) {
    const hit = await hitRateLimit(db, clock, key, cap.limit, cap.windowMs);
    if (!hit.allowed) throw tooManyCodeTries(hit.retryAfterSeconds);
  }
  const failuresKey = `budgeting.code-failures:${siteId}:client:${voter.client}`;
  const claim = await claimAttempt(db, clock, failuresKey, limits.failuresPerClient);
  if (!claim.allowed) throw tooManyCodeTries(claim.retryAfterSeconds);
  try {
    await findCode(deps, siteId, process, voter.code);
  } catch (error) {
    await settleAttempt(db, clock, failuresKey, 'failed');
    throw error;
  }
  await settleAttempt(db, clock, failuresKey, 'succeeded');
}

/**
 * The voter key of a voter (see `budgetingBallots.voterKey`) and the person behind it: the account,
 * or the account the code is bound to (else the signed-in account that would bind it).
 */
export async function voterKeyOf(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  voter: Voter,
): Promise<{ key: string; codeId: string | null; userId: string | null; bind: boolean }> {
  if (voter.kind === 'user') return { key: `user:${voter.userId}`, codeId: null, userId: voter.userId, bind: false };
  const code = await findCode(deps, siteId, process, voter.code);
  const signedIn = voter.userId ?? null;
  return { key: `code:${code.id}`, codeId: code.id, userId: code.userId ?? signedIn, bind: !code.userId && signedIn !== null };
}

/**
 * Refuses a second ballot of one person through another channel: `userId`'s ballots in this process
 * under a voter key other than `key` (an online ballot of the account, or one cast with a code bound
 * to it, on paper or online). Each eligible person has at most one counted ballot.
 */
async function refuseOtherBallotOfPerson(tx: Deps['db'], siteId: string, processId: string, userId: string | null, key: string): Promise<void> {
  if (!userId) return;
  const [other] = await tx
    .select({ voterKey: budgetingBallots.voterKey, channel: budgetingBallots.channel })
    .from(budgetingBallots)
    .where(
      and(
        eq(budgetingBallots.siteId, siteId),
        eq(budgetingBallots.processId, processId),
        eq(budgetingBallots.userId, userId),
        ne(budgetingBallots.voterKey, key),
      ),
    )
    .limit(1);
  if (!other) return;
  if (key.startsWith('user:'))
    throw new AppError(
      'conflict',
      other.channel === 'paper'
        ? 'You already voted on paper with a voting code linked to your account: each person has one ballot.'
        : 'You already voted with a voting code linked to your account: each person has one ballot. Use the same code to change it.',
      {
        fields: { code: 'your account already has a ballot cast with a voting code' },
        reasons: { code: { reason: 'budgeting_account_voted_with_code' } },
        reason: { reason: 'budgeting_account_voted_with_code' },
      },
    );
  throw new AppError(
    'conflict',
    other.voterKey.startsWith('user:')
      ? 'The account this voting code belongs to has already voted online: each person has one ballot. Change that ballot instead.'
      : 'The account this voting code belongs to already has a ballot with another code: each person has one ballot.',
    {
      fields: { code: 'the holder of this code already has a ballot' },
      reasons: { code: { reason: 'budgeting_code_holder_voted' } },
      reason: { reason: 'budgeting_code_holder_voted' },
    },
  );
}

/** Refuses a code bound to another account than the signed-in one. */
async function refuseCodeOfOtherAccount(deps: Deps, siteId: string, process: ProcessRow, voter: Voter): Promise<void> {
  if (voter.kind !== 'code' || !voter.userId) return;
  const code = await findCode(deps, siteId, process, voter.code);
  if (code.userId && code.userId !== voter.userId)
    throw new AppError('conflict', 'This voting code is already linked to another account.', {
      fields: { code: 'linked to another account' },
      reasons: { code: { reason: 'budgeting_code_other_account' } },
      reason: { reason: 'budgeting_code_other_account' },
    });
}

/** Checks a ballot's district and choices against the process; throws naming the broken constraint. */
async function validateBallot(deps: Deps, siteId: string, process: ProcessRow, input: BallotInput): Promise<DistrictRow> {
  const districts = await listDistricts(deps.db, siteId, process.id);
  const district = districts.find((d) => d.slug === input.district);
  if (!district)
    throw invalidInput({ district: `no district "${input.district}" in this process` }, undefined, { district: { reason: 'invalid_choice' } });
  const projects = (await listProjects(deps.db, siteId, process.id, district.id)).filter((p) => p.status === 'feasible' || p.status === 'selected');
  const problem = checkBallot(
    process.ballotType,
    process.constraints,
    projects.map((p) => ({ code: p.code, cost: p.cost })),
    district.budget,
    input.choices,
  );
  if (problem) {
    const message = describeBallotProblem(problem);
    const reason = ballotProblemReason(problem, process.currency);
    throw new AppError('invalid_input', message, {
      fields: { choices: message },
      reasons: { choices: reason },
      reason,
      details: { constraint: problem.constraint, ...problem.values },
    });
  }
  return district;
}

/** Keeps only what the ballot type uses (points for cumulative ballots). */
function cleanChoices(process: ProcessRow, input: BallotInput) {
  return input.choices.map((c) => (process.ballotType === 'cumulative' ? { project: c.project, points: c.points } : { project: c.project }));
}

/**
 * Casts or changes a voter's online ballot for one district (or the city-wide pot) while voting is
 * open. A voter has one ballot per slot (see `ballotSlot`): when the process lets residents vote in
 * one district only, a ballot in another district replaces the earlier one, and only when the voter
 * confirmed it (`replace: true`); otherwise it is refused naming the ballot it would replace. With
 * several districts allowed each district keeps its own ballot. A signed-in resident must also meet
 * the process's eligibility rule (residence or census, see `checkEligibility`).
 */
export async function castBallot(deps: Deps, siteId: string, process: ProcessRow, voter: Voter, raw: unknown): Promise<BallotRow> {
  const input = parseInput(ballotInput, raw);
  const now = deps.clock.now();
  if (!isVotingOpen(process.phases, now) || process.locked) throw votingClosed();
  await checkVoterCode(deps, siteId, process, voter);
  await refuseCodeOfOtherAccount(deps, siteId, process, voter);
  const district = await validateBallot(deps, siteId, process, input);
  if (voter.kind === 'user') await checkEligibility(deps, siteId, process, voter.userId, district);
  const pot = district.cityWide ? 'city' : 'district';
  const slot = ballotSlot(process.districtVoting, district);
  return retryOnConflict(() =>
    inTransaction(deps.db, async (tx) => {
      const who = await voterKeyOf({ ...deps, db: tx }, siteId, process, voter);
      await refuseOtherBallotOfPerson(tx, siteId, process.id, who.userId, who.key);
      const [existing] = (await listBallotsOf(tx, siteId, process.id, who.key)).filter((b) => b.slot === slot);
      if (existing && existing.channel === 'paper')
        throw new AppError('conflict', 'A paper ballot is already recorded for this voter.', {
          fields: { code: 'already voted on paper' },
          reasons: { code: { reason: 'budgeting_paper_voted' } },
          reason: { reason: 'budgeting_paper_voted' },
        });
      if (existing && existing.districtId !== district.id && input.replace !== true) {
        const other = (await listDistricts(tx, siteId, process.id)).find((d) => d.id === existing.districtId);
        throw new AppError(
          'conflict',
          `You already voted in ${other?.name ?? 'another district'}: voting here replaces that ballot. Confirm to replace it.`,
          {
            fields: { replace: `replaces your ballot in ${other?.name ?? 'another district'}` },
            reasons: { replace: { reason: 'budgeting_replaces_ballot', values: { district: other?.name ?? '—' } } },
            reason: { reason: 'budgeting_replaces_ballot', values: { district: other?.name ?? '—' } },
            details: { replaces: other?.slug ?? null },
          },
        );
      }
      const choices = cleanChoices(process, input);
      if (existing) {
        await tx
          .update(budgetingBallots)
          .set({ districtId: district.id, choices, userId: who.userId, updatedAt: now })
          .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.id, existing.id)));
      } else {
        await tx.insert(budgetingBallots).values({
          id: newId(),
          siteId,
          processId: process.id,
          districtId: district.id,
          pot,
          slot,
          voterKey: who.key,
          userId: who.userId,
          codeId: who.codeId,
          channel: 'online',
          status: 'counted',
          choices,
          createdAt: now,
          updatedAt: now,
        });
      }
      if (who.codeId) {
        if (who.bind) {
          // Bind the code to the signed-in account; losing a race to another account refuses.
          const bound = await tx
            .update(budgetingVotingCodes)
            .set({ userId: who.userId })
            .where(and(eq(budgetingVotingCodes.siteId, siteId), eq(budgetingVotingCodes.id, who.codeId), isNull(budgetingVotingCodes.userId)))
            .returning({ id: budgetingVotingCodes.id });
          if (bound.length === 0)
            throw new AppError('conflict', 'This voting code is already linked to another account.', {
              fields: { code: 'linked to another account' },
              reasons: { code: { reason: 'budgeting_code_other_account' } },
              reason: { reason: 'budgeting_code_other_account' },
            });
          // Every ballot of this code (other pot, or paper) now belongs to the account.
          await tx
            .update(budgetingBallots)
            .set({ userId: who.userId })
            .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.processId, process.id), eq(budgetingBallots.voterKey, who.key)));
        }
        await tx
          .update(budgetingVotingCodes)
          .set({ usedAt: now })
          .where(and(eq(budgetingVotingCodes.siteId, siteId), eq(budgetingVotingCodes.id, who.codeId), isNull(budgetingVotingCodes.usedAt)));
      }
      return (await listBallotsOf(tx, siteId, process.id, who.key)).find((b) => b.slot === slot)!;
    }),
  );
}

/**
 * Checks a ballot as `castBallot` would, without casting it, for the review step: the district, the
 * cleaned choices, and the ballot of another district it would replace (when residents vote in one
 * district only), if any. Refuses what casting would refuse (constraints, eligibility, closed vote).
 */
export async function previewBallot(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  voter: Voter,
  raw: unknown,
): Promise<{ district: DistrictRow; choices: BallotInput['choices']; replaces: DistrictRow | null }> {
  const input = parseInput(ballotInput, raw);
  if (!isVotingOpen(process.phases, deps.clock.now()) || process.locked) throw votingClosed();
  await checkVoterCode(deps, siteId, process, voter);
  await refuseCodeOfOtherAccount(deps, siteId, process, voter);
  const district = await validateBallot(deps, siteId, process, input);
  if (voter.kind === 'user') await checkEligibility(deps, siteId, process, voter.userId, district);
  const who = await voterKeyOf(deps, siteId, process, voter);
  const slot = ballotSlot(process.districtVoting, district);
  const [existing] = (await listBallotsOf(deps.db, siteId, process.id, who.key)).filter((b) => b.slot === slot);
  const replaces =
    existing && existing.districtId !== district.id
      ? ((await listDistricts(deps.db, siteId, process.id)).find((d) => d.id === existing.districtId) ?? null)
      : null;
  return { district, choices: cleanChoices(process, input), replaces };
}

/** A voter's ballots in a process ("did I vote, and how"). */
export async function findMyBallots(deps: Deps, siteId: string, process: ProcessRow, voter: Voter): Promise<BallotRow[]> {
  await checkVoterCode(deps, siteId, process, voter);
  const who = await voterKeyOf(deps, siteId, process, voter);
  return listBallotsOf(deps.db, siteId, process.id, who.key);
}

/**
 * Staff enter a paper ballot (from voting opening until results are published). It is checked like
 * an online ballot and stays `pending` until a different staff member confirms it. A sheet carrying a
 * voting code counts as that code's ballot, so a code votes once, on paper or online.
 */
export async function enterPaperBallot(deps: Deps, siteId: string, process: ProcessRow, staff: Person, raw: unknown): Promise<BallotRow> {
  const input = parseInput(paperBallotInput, raw);
  const now = deps.clock.now();
  if (!hasVotingStarted(process.phases, now) || process.locked)
    throw new AppError('invalid_state', 'Paper ballots are entered after voting opens and before results are published.', {
      fields: { phase: process.locked ? 'results are published' : 'voting has not opened' },
      reasons: { phase: { reason: 'budgeting_paper_closed' } },
      reason: { reason: 'budgeting_paper_closed' },
    });
  const district = await validateBallot(deps, siteId, process, input);
  const pot = district.cityWide ? 'city' : 'district';
  const slot = ballotSlot(process.districtVoting, district);
  const id = newId();
  return retryOnConflict(() =>
    inTransaction(deps.db, async (tx) => {
      const code = input.code ? await findCode({ ...deps, db: tx }, siteId, process, input.code) : null;
      const key = code ? `code:${code.id}` : `paper:${process.id}:${input.reference}`;
      // A sheet with a code bound to an account counts for that person: refuse it if they voted otherwise.
      await refuseOtherBallotOfPerson(tx, siteId, process.id, code?.userId ?? null, key);
      const [existing] = (await listBallotsOf(tx, siteId, process.id, key)).filter((b) => b.slot === slot);
      if (existing)
        throw new AppError('conflict', code ? 'This voting code has already voted.' : `Sheet ${input.reference} is already entered.`, {
          fields: code ? { code: 'already used for this ballot' } : { reference: 'already entered' },
          reasons: code ? { code: { reason: 'budgeting_code_used' } } : { reference: { reason: 'budgeting_sheet_entered' } },
          reason: { reason: code ? 'budgeting_code_used' : 'budgeting_sheet_entered' },
        });
      await tx.insert(budgetingBallots).values({
        id,
        siteId,
        processId: process.id,
        districtId: district.id,
        pot,
        slot,
        voterKey: key,
        userId: code?.userId ?? null,
        codeId: code?.id ?? null,
        channel: 'paper',
        status: 'pending',
        choices: cleanChoices(process, input),
        enteredBy: staff.userId,
        reference: input.reference,
        createdAt: now,
        updatedAt: now,
      });
      if (code)
        await tx
          .update(budgetingVotingCodes)
          .set({ usedAt: now })
          .where(and(eq(budgetingVotingCodes.siteId, siteId), eq(budgetingVotingCodes.id, code.id)));
      return (await findBallot(tx, siteId, process.id, id))!;
    }),
  );
}

/** The second person's check: a different staff member confirms a pending paper ballot, which then counts. */
export async function confirmPaperBallot(deps: Deps, siteId: string, process: ProcessRow, staff: Person, ballotId: string): Promise<BallotRow> {
  const ballot = await findBallot(deps.db, siteId, process.id, ballotId);
  if (!ballot || ballot.channel !== 'paper')
    throw new AppError('not_found', 'Paper ballot was not found.', { reason: { reason: 'budgeting_paper_not_found' } });
  if (ballot.status !== 'pending')
    throw new AppError('invalid_state', 'This paper ballot is already confirmed.', { reason: { reason: 'budgeting_paper_confirmed' } });
  if (process.locked) throw new AppError('invalid_state', 'Results are published.', { reason: { reason: 'budgeting_results_published' } });
  if (ballot.enteredBy === staff.userId)
    throw new AppError('forbidden', 'A paper ballot must be confirmed by a different person than the one who entered it.', {
      fields: { confirmedBy: 'the same person entered this ballot' },
      reasons: { confirmedBy: { reason: 'budgeting_confirm_other_person' } },
      reason: { reason: 'budgeting_confirm_other_person' },
    });
  await deps.db
    .update(budgetingBallots)
    .set({ status: 'counted', confirmedBy: staff.userId, updatedAt: deps.clock.now() })
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.id, ballot.id)));
  return (await findBallot(deps.db, siteId, process.id, ballot.id))!;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh code: ten characters without look-alikes (0/O, 1/I), shown as XXXXX-XXXXX. */
function makeCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Issues `count` new codes (1..5000) in a batch; returns them in clear, once: only hashes are kept. */
export async function generateCodes(deps: Deps, siteId: string, process: ProcessRow, count: unknown, batch: unknown): Promise<string[]> {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > 5000)
    throw invalidInput({ count: 'a whole number from 1 to 5000' }, undefined, { count: { reason: 'whole_between', values: { min: 1, max: 5000 } } });
  const name = typeof batch === 'string' && batch.trim() ? batch.trim().slice(0, 80) : deps.clock.now().toISOString().slice(0, 10);
  const codes = Array.from({ length: n }, makeCode);
  await insertCodes(deps, siteId, process, codes, name);
  return codes;
}

/**
 * Imports codes the city issued itself, from CSV: one code per line, in the first column (a header
 * named `code` is skipped). Bad lines are refused naming the line; so are codes too weak to be
 * secret (fewer than MIN_CODE_BITS bits of randomness, or a series), saying how many bits they
 * carry. Nothing is written then.
 */
export async function importCodes(deps: Deps, siteId: string, process: ProcessRow, csv: unknown, batch: unknown): Promise<number> {
  const refuse = (english: string, reason: string, values?: Record<string, string | number>) =>
    invalidInput({ csv: english }, undefined, { csv: { reason, ...(values ? { values } : {}) } });
  if (typeof csv !== 'string' || csv.trim() === '') throw refuse('a CSV file with one code per line', 'budgeting_codes_empty');
  const codes: string[] = [];
  const lineOf: number[] = [];
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (const [i, line] of lines.entries()) {
    const first = line.split(/[;,]/)[0].trim().replace(/^"|"$/g, '');
    if (first === '' || (i === 0 && first.toLowerCase() === 'code')) continue;
    if (!/^[A-Za-z0-9 -]{6,40}$/.test(first))
      throw refuse(`line ${i + 1}: a code of 6 to 40 letters and digits, found "${first.slice(0, 40)}"`, 'budgeting_codes_bad_line', {
        line: i + 1,
        found: first.slice(0, 40),
      });
    codes.push(first);
    lineOf.push(i);
  }
  if (codes.length === 0) throw refuse('no codes found', 'budgeting_codes_none');
  const weak = describeWeakCodes(codes);
  if (weak)
    throw weak.index === null
      ? refuse(weak.message, 'budgeting_codes_series', { bits: MIN_CODE_BITS })
      : refuse(`line ${lineOf[weak.index] + 1}: ${weak.message}`, 'budgeting_codes_weak', {
          line: lineOf[weak.index] + 1,
          code: codes[weak.index].slice(0, 40),
          bits: MIN_CODE_BITS,
        });
  if (new Set(codes.map(normalizeCode)).size !== codes.length) throw refuse('a code appears twice', 'budgeting_codes_twice');
  await insertCodes(deps, siteId, process, codes, typeof batch === 'string' && batch.trim() ? batch.trim().slice(0, 80) : 'import');
  return codes.length;
}

async function insertCodes(deps: Deps, siteId: string, process: ProcessRow, codes: string[], batch: string): Promise<void> {
  const now = deps.clock.now();
  const rows = codes.map((c) => ({
    id: newId(),
    siteId,
    processId: process.id,
    codeHash: hashCode(deps.secret, process.id, c),
    batch,
    createdAt: now,
  }));
  await inTransaction(deps.db, async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await tx
        .insert(budgetingVotingCodes)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing()
        .returning({ id: budgetingVotingCodes.id });
      if (inserted.length !== rows.slice(i, i + 500).length)
        throw new AppError('conflict', 'Some of these codes were already issued for this process.', {
          fields: { csv: 'codes already issued' },
          reasons: { csv: { reason: 'budgeting_codes_issued' } },
          reason: { reason: 'budgeting_codes_issued' },
        });
    }
  });
}
