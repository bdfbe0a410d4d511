import { describe, expect, it } from 'vitest';
import type { Statement, Vote, VoteValue } from './types.js';
import { explainGroupMembership } from './why-in-group.js';

const A: VoteValue = -1;
const D: VoteValue = 1;
const P: VoteValue = 0;
const statement = (id: number, moderation: -1 | 0 | 1 = 1): Statement => ({ id, moderation, isMeta: false });
const statements = [statement(9), statement(10), statement(11), statement(12), statement(13, -1)];
let clock = 10;
const vote = (participantId: number, statementId: number, value: VoteValue, at = clock++): Vote => ({ participantId, statementId, value, at });

// Group 0 = participants 1, 2, 3; group 1 = 4, 5; participant 6 is not clustered.
const votes: Vote[] = [
  vote(1, 9, A),
  vote(2, 9, A),
  vote(3, 9, A),
  vote(4, 9, A),
  vote(5, 9, P),
  vote(1, 10, A),
  vote(2, 10, A),
  vote(3, 10, A, 50),
  vote(3, 10, D, 1),
  vote(4, 10, D),
  vote(5, 10, D),
  vote(1, 11, A),
  vote(2, 11, A),
  vote(3, 11, D),
  vote(4, 11, A),
  vote(5, 11, A),
  vote(6, 11, D),
  vote(1, 12, A),
  vote(2, 12, P),
  vote(3, 12, A),
  vote(4, 12, D),
  vote(5, 12, P),
  vote(1, 13, A),
  vote(2, 13, A),
  vote(3, 13, A),
  vote(4, 13, D),
  vote(5, 13, D),
];
const assignments = [1, 2, 3, 4, 5].map((id) => ({ id, group: id <= 3 ? 0 : 1 }));

describe('explainGroupMembership', () => {
  it('ranks the statements where the participant sides with their group by share × (share − rest), by hand', () => {
    // Scores (group share in its majority direction × (that share − the same share outside the group)):
    //   group 0: s9 agree 3/3 vs 1/2 -> 1/2; s10 agree 3/3 vs 0/2 -> 1; s11 agree 2/3 vs 2/2 -> negative, dropped; s12 agree 2/3 vs 0/2 -> 4/9.
    //   group 1: s9 agree 1/2 vs 3/3 -> negative, dropped; s10 disagree 2/2 vs 0/3 -> 1; s11 agree 2/2 vs 2/3 -> 1/3; s12 disagree 1/2 vs 0/3 -> 1/4.
    // s13 is moderated out; participant 6 is not clustered, so their vote on s11 counts nowhere;
    // participant 3's later agree on s10 (at 50) replaces the earlier disagree (at 1).
    const why = explainGroupMembership(statements, votes, assignments);
    expect(Object.fromEntries(why)).toEqual({
      1: [10, 9, 12],
      2: [10, 9], // passed on 12
      3: [10, 9, 12], // disagreed with the group's agree on 11
      4: [10, 11, 12],
      5: [10, 11],
    });
  });

  it('keeps at most `limit` statements and lists nothing for a participant with no matching vote', () => {
    const why = explainGroupMembership(statements, votes, [...assignments, { id: 7, group: 1 }], { limit: 2 });
    expect(why.get(4)).toEqual([10, 11]);
    expect(why.get(7)).toEqual([]);
  });
});
