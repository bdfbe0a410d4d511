import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCardinalSettings } from './formats/cardinal-ini.js';
import { prepareStream } from './prepare-command.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/polity.js', import.meta.url));
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ocds = path.join(root, 'ocds');
const missing = `OCDS data not found at ${ocds}: set POLITY_DATASETS to the shared data folder (holding ocds/)`;
const ARMENIA_SETTINGS = '[codelists.bid_status]\nqualified = valid\nnot-qualified = disqualified\n';

/** Prepares a real data set, returning the run's counts and its issues counted by path and error. */
async function prepareDataSet(file: string, ini: string) {
  expect(existsSync(ocds), missing).toBe(true);
  const issues = new Map<string, number>();
  const summary = await prepareStream(createReadStream(path.join(ocds, file), 'utf8'), readCardinalSettings(ini).prepare, {
    output: () => undefined,
    issues: (row) => {
      const cells = row.trim().split(',');
      const key = `${cells[2]} ${cells.at(-1)}`;
      issues.set(key, (issues.get(key) ?? 0) + 1);
    },
    corrections: () => undefined,
    warn: () => undefined,
  });
  return { summary, issues: Object.fromEntries(issues) };
}

describe('prepare over the real data sets (POLITY_DATASETS/ocds)', () => {
  it("reports Armenia's non-standard bid statuses, and re-maps them with [codelists.bid_status]", async () => {
    const raw = await prepareDataSet('armenia-armeps-2018/releases.jsonl', '');
    expect(raw).toEqual({
      summary: { lines: 100, prepared: 100, skipped: 0, issues: 36, corrections: 0 },
      issues: { '/bids/details[]/status invalid': 36 },
    });
    const mapped = await prepareDataSet('armenia-armeps-2018/releases.jsonl', ARMENIA_SETTINGS);
    expect(mapped).toEqual({ summary: { lines: 100, prepared: 100, skipped: 0, issues: 0, corrections: 36 }, issues: {} });
  });

  it("reports Moldova's empty award statuses and Ukraine's `active` bid statuses", async () => {
    expect(await prepareDataSet('moldova-mtender/compiled.jsonl', '')).toEqual({
      summary: { lines: 51, prepared: 51, skipped: 0, issues: 18, corrections: 0 },
      issues: { '/awards[]/status invalid': 18 },
    });
    expect(await prepareDataSet('ukraine-prozorro-2016-2017/compiled.jsonl', '')).toEqual({
      summary: { lines: 11, prepared: 11, skipped: 0, issues: 12, corrections: 0 },
      issues: { '/bids/details[]/status invalid': 12 },
    });
  });
});

describe('polity procurement prepare', () => {
  it('writes corrected lines, the issues CSV and the corrections CSV to the files named', async () => {
    expect(existsSync(ocds), missing).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-prepare-'));
    const settings = path.join(dir, 'armenia.ini');
    writeFileSync(settings, ARMENIA_SETTINGS);
    const [output, errors, corrections] = ['out.jsonl', 'issues.csv', 'corrections.csv'].map((f) => path.join(dir, f));
    const input = path.join(ocds, 'armenia-armeps-2018', 'releases.jsonl');
    const args = [BIN, 'procurement', 'prepare', input, '--settings', settings, '--output', output, '--errors', errors, '--corrections', corrections];
    const { stdout } = await run(process.execPath, args);
    expect(stdout).toBe('');
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(100);
    expect(lines.join('\n')).not.toMatch(/"status":"(not-)?qualified"/);
    expect(readFileSync(errors, 'utf8')).toBe('');
    const rows = readFileSync(corrections, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(36);
    expect(rows[0]).toMatch(/^\d+,[^,]+,\/bids\/details\[\]\/status,\d+,(not-)?qualified,re-mapped to (valid|disqualified)$/);
  }, 30_000);

  it('fails naming a missing input file', async () => {
    await expect(run(process.execPath, [BIN, 'procurement', 'prepare', path.join(tmpdir(), 'no-such-file.jsonl')])).rejects.toMatchObject({
      stderr: expect.stringMatching(/cannot read .*no-such-file\.jsonl/) as unknown,
    });
  }, 30_000);
});
