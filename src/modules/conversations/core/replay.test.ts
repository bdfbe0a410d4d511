import { describe, expect, it } from 'vitest';
import { analyzeConversation } from './analyze-conversation.js';
import { completeWarmStart } from './opinion-groups.js';
import { replayConversation } from './replay.js';
import { AGREE, DISAGREE, type Statement, type Vote, type VoteValue } from './types.js';

const PASS: VoteValue = 0;

// Two camps of 15 over 8 statements (camp A agrees with 0-3 and disagrees with 4-7, camp B the
// reverse, each passing on one statement), voting one participant after another: 240 votes with
// increasing timestamps.
const statements: Statement[] = Array.from({ length: 8 }, (_, id) => ({ id, moderation: 1, isMeta: false }));
const votes: Vote[] = [];
for (let p = 0; p < 30; p++)
  for (let s = 0; s < 8; s++) {
    // Everyone passes on one statement (which one varies), so positions differ within a camp.
    const value = s === p % 8 ? PASS : s < 4 === (p % 2 === 0) ? AGREE : DISAGREE;
    votes.push({ participantId: p, statementId: s, value, at: 1000 * (p * 8 + s) });
  }

describe('replayConversation', () => {
  it('replays in timestamp order in batches and ends on the same vote matrix as one full analysis', () => {
    const shuffled = [...votes].reverse();
    const { analysis, steps } = replayConversation(statements, shuffled, { batchSize: 20 });
    expect(steps.map((s) => s.votes)).toEqual(Array.from({ length: 12 }, (_, i) => 20 * (i + 1)));
    const full = analyzeConversation(statements, votes);
    expect(analysis.counts).toEqual(full.counts);
    expect(analysis.groups.map((g) => g.members.length).sort()).toEqual([15, 15]);
    // The camps are the groups.
    for (const g of analysis.groups) expect(new Set(g.members.map((id) => id % 2)).size).toBe(1);
    // Per-statement outputs are computed on the last update.
    expect(analysis.bridging).toHaveLength(8);
    expect(Object.keys(analysis.groupInformedConsensus)).toHaveLength(8);
  });

  it('is deterministic and refuses a batch size that is not a positive integer', () => {
    const a = replayConversation(statements, votes, { batchSize: 40, seed: 1 });
    const b = replayConversation(statements, votes, { batchSize: 40, seed: 2 });
    expect(a.analysis.participants).toEqual(b.analysis.participants);
    expect(a.steps).toEqual(b.steps);
    expect(() => replayConversation(statements, votes, { batchSize: 0 })).toThrow(RangeError);
    expect(() => replayConversation(statements, votes, { batchSize: 2.5 })).toThrow(RangeError);
  });
});

describe('completeWarmStart (clusters.clj clean-start-clusters)', () => {
  it('merges identical previous centres and splits off the farthest points until there are k', () => {
    const points = [
      [0, 0],
      [1, 0],
      [10, 0],
      [0, 5],
    ];
    // The previous update had one (repeated) centre at the origin: 10,0 is split off first, then 0,5, then 1,0.
    expect(
      completeWarmStart(
        points,
        [
          [0, 0],
          [0, 0],
        ],
        3,
      ),
    ).toEqual([
      [0, 0],
      [10, 0],
      [0, 5],
    ]);
    // No more than the distinct positions.
    expect(completeWarmStart(points, [[0, 0]], 10)).toHaveLength(4);
  });
});
