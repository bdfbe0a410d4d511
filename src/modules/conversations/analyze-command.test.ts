import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readPolisFolder } from './formats/polis-csv.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/polity.js', import.meta.url));
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const dir = path.join(root, 'polis', 'london.youth.policing');

describe('polity conversations analyze', () => {
  it('prints the JSON shape of issue 3', async () => {
    expect(existsSync(dir), `Pol.is data not found at ${dir}: set POLITY_DATASETS`).toBe(true);
    const { stdout } = await run(process.execPath, [BIN, 'conversations', 'analyze', dir, '--seed', '2', '--json']);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['participants', 'groups', 'consensus', 'groupInformedConsensus', 'bridging', 'priorities', 'pca', 'timings']),
    );
    expect(out.participants[0]).toEqual({ id: expect.any(Number), group: expect.any(Number), x: expect.any(Number), y: expect.any(Number) });
    expect(out.participants).toHaveLength(24);
    expect(out.pca.components).toHaveLength(2);
    expect(out.groups[0].repness[0]).toMatchObject({ statement: expect.any(Number), direction: expect.stringMatching(/agree|disagree/) });
    expect(out).not.toHaveProperty('why');
  }, 30_000);

  it('--why adds, for each clustered participant, the statements on which they agree with their group most', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'conversations', 'analyze', dir, '--seed', '2', '--json', '--why']);
    const out = JSON.parse(stdout);
    expect(
      Object.keys(out.why)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(out.participants.map((p: { id: number }) => p.id).sort((a: number, b: number) => a - b));
    const ids = new Set(out.statements.map((s: { id: number }) => s.id));
    for (const list of Object.values(out.why) as number[][]) {
      expect(list.length).toBeLessThanOrEqual(5);
      for (const s of list) expect(ids.has(s)).toBe(true);
    }
    expect((Object.values(out.why) as number[][]).some((l) => l.length > 0)).toBe(true);
  }, 30_000);

  it('--replay replays votes.csv in batches and reports the updates', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'conversations', 'analyze', dir, '--replay', '--batch', '100', '--json']);
    const out = JSON.parse(stdout);
    expect(out.replay).toMatchObject({ batchSize: 100, updates: 7 });
    // Every vote of votes.csv replayed (640 rows; a re-vote replaces a cell, so the matrix holds fewer).
    expect(out.replay.steps.at(-1)).toEqual({ votes: 640, best: expect.any(Number), chosen: out.groups.length });
    expect(out.counts.votes).toBeLessThanOrEqual(640);
    expect(out.bridging[0]).toEqual({
      statement: expect.any(Number),
      intercept: expect.any(Number),
      factor: expect.any(Number),
      votes: expect.any(Number),
    });
    await expect(run(process.execPath, [BIN, 'conversations', 'analyze', dir, '--replay', '--batch', '0'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--batch'),
    });
  }, 30_000);

  it('refuses a folder that is not a Pol.is export, naming the missing file', async () => {
    await expect(run(process.execPath, [BIN, 'conversations', 'analyze', path.dirname(BIN)])).rejects.toMatchObject({
      stderr: expect.stringContaining('comments.csv'),
    });
  }, 30_000);
});

describe('polity conversations export', () => {
  it("writes the four open-data files with this analysis's groups, and they read back to the same conversation", async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'polity-export-'));
    try {
      const { stdout } = await run(process.execPath, [BIN, 'conversations', 'export', dir, out, '--seed', '2']);
      expect(stdout).toContain('participants-votes.csv');
      const original = readPolisFolder(dir);
      const again = readPolisFolder(out);
      expect(again.statements.map((s) => s.id)).toEqual(original.statements.map((s) => s.id));
      expect(again.votes).toEqual(original.votes);
      // The 24 participants the analysis clusters carry a group-id; the other two do not.
      expect(again.participants!.filter((p) => p.groupId !== null)).toHaveLength(24);
      expect(again.participants!.map((p) => p.nVotes)).toEqual([...original.participants!].sort((a, b) => a.id - b.id).map((p) => p.nVotes));
      expect(again.summary).toMatchObject({ topic: original.summary!.topic, voters: '26' });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
});
