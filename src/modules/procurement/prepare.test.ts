import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPreparePlan, prepareRelease } from './core/prepare.js';
import { readCardinalSettings } from './formats/cardinal-ini.js';
import { formatFloat, parseCardinalJson, stringifyCardinalJson } from './formats/cardinal-json.js';
import { prepareStream } from './prepare-command.js';

// Conformance with Cardinal's prepare fixtures (open-contracting/cardinal-rs @b04158a, MIT,
// tests/fixtures/prepare/NAME.{jsonl,ini,output}[,errors]), read from POLITY_DATASETS/ocds (default ../shared/data).
// Cardinal's own test (check_prepare) compares the output, and the CSV of issues when a .errors file exists.
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const fixtures = path.join(root, 'ocds', 'cardinal-fixtures', 'prepare');
const missing = `Cardinal prepare fixtures not found at ${fixtures}: set POLITY_DATASETS to the shared data folder (holding ocds/)`;

async function runPrepare(input: string, ini: string): Promise<{ output: string; issues: string; corrections: string; warnings: string[] }> {
  let output = '';
  let issues = '';
  let corrections = '';
  const warnings: string[] = [];
  await prepareStream(Readable.from([input]), readCardinalSettings(ini).prepare, {
    output: (t) => (output += t),
    issues: (t) => (issues += t),
    corrections: (t) => (corrections += t),
    warn: (m) => warnings.push(m),
  });
  return { output, issues, corrections, warnings };
}

function cases(): string[] {
  if (!existsSync(fixtures)) return ['(fixtures missing: set POLITY_DATASETS)'];
  return readdirSync(fixtures)
    .filter((f) => f.endsWith('.output'))
    .map((f) => f.slice(0, -'.output'.length))
    .sort();
}

describe("conformance with Cardinal's prepare", () => {
  it('finds the fixtures (POLITY_DATASETS)', () => {
    expect(existsSync(fixtures), missing).toBe(true);
    expect(cases().length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases())('prepare/%s', async (name) => {
    if (!existsSync(fixtures)) throw new Error(missing);
    const read = (ext: string) => readFileSync(path.join(fixtures, `${name}.${ext}`), 'utf8');
    const { output, issues } = await runPrepare(read('jsonl'), read('ini'));
    expect(output).toBe(read('output'));
    if (existsSync(path.join(fixtures, `${name}.errors`))) expect(issues).toBe(read('errors'));
  });

  it("reports the documentation's example issue as Cardinal prints it", async () => {
    const example = path.join(root, 'ocds', 'cardinal-fixtures', 'docs-examples', 'prepare.jsonl');
    expect(existsSync(example), missing).toBe(true);
    const { output, issues } = await runPrepare(readFileSync(example, 'utf8'), '');
    expect(issues).toBe('1,ocds-213czf-1,/bids/details[]/status,0,,not set\n');
    expect(output).toBe('{"ocid":"ocds-213czf-1","bids":{"details":[{"id":1}]}}\n');
  });
});

describe('prepare issues and corrections', () => {
  it('writes issue rows in order, quoting fields as the csv crate does', async () => {
    const line =
      '{"ocid":"a,b","bids":{"details":[{"value":{"amount":0},"items":[{"classification":{}}],"status":"Qualified"}]},"awards":[{"items":[{"classification":{"id":1}}]}]}';
    const { issues, output } = await runPrepare(`\n${line}\n`, '');
    expect(issues).toBe(
      [
        '2,"a,b",/bids/details[]/value/amount,0,,is zero',
        '2,"a,b",/bids/details[]/value/currency,0,,not set',
        '2,"a,b",/bids/details[]/items[]/classification/scheme,0.0,,not set',
        '2,"a,b",/bids/details[]/status,0,Qualified,invalid',
        '2,"a,b",/awards[]/items[]/classification/scheme,0.0,,not set',
        '2,"a,b",/awards[]/status,0,,not set',
        '',
      ].join('\n'),
    );
    expect(output).toContain('"classification":{"id":"1"}');
  });

  it('logs every correction per field, with the value it replaced', async () => {
    const ini = '[defaults]\nbid_status = valid\n[codelists.award_status]\nActive = active\n[redactions]\norganization_id = X';
    const { corrections } = await runPrepare('{"ocid":"o","buyer":{"id":"X"},"bids":{"details":[{}]},"awards":[{"id":7,"status":"Active"}]}\n', ini);
    expect(corrections.trim().split('\n')).toEqual([
      '1,o,/buyer/id,,X,redacted',
      '1,o,/bids/details[]/status,0,,set to default valid',
      '1,o,/awards[]/id,0,7,converted to string',
      '1,o,/awards[]/status,0,Active,re-mapped to active',
    ]);
  });

  it('skips invalid JSON and non-object lines with a warning naming the line, keeping the others', async () => {
    const { output, warnings } = await runPrepare('{"ocid":"a"}\n{"ocid":\n[1]\n{"ocid":"b"}\n', '');
    expect(output).toBe('{"ocid":"a"}\n{"ocid":"b"}\n');
    expect(warnings).toEqual([expect.stringMatching(/^Line 2 is invalid JSON/), 'Line 3 is not a JSON object, skipping.']);
  });

  it('does not change its input', () => {
    const input = { awards: [{ id: 1 }] };
    const plan = createPreparePlan(readCardinalSettings('').prepare);
    const { release } = prepareRelease(input, 1, plan);
    expect(input.awards[0].id).toBe(1);
    expect((release.awards as { id: string }[])[0].id).toBe('1');
  });
});

describe('JSON numbers as serde_json writes them', () => {
  it('formats floats like Rust (ryu): decimal up to 16 integer digits, else d.ddde±N', () => {
    expect(formatFloat(1234567890123456)).toBe('1234567890123456.0');
    expect([4177, 41.77, 0, 1e16, 1e17, 1.5e17, 0.0001, 1e-7, -2.5, 123456789012345680].map(formatFloat)).toEqual([
      '4177.0',
      '41.77',
      '0.0',
      '1e16',
      '1e17',
      '1.5e17',
      '0.0001',
      '1e-7',
      '-2.5',
      '1.2345678901234568e17',
    ]);
  });

  it('keeps a float written with a fraction as a float, and integers as integers', () => {
    const text = '{"a":4177.0,"b":41.77,"c":12,"d":"4177.0","e":[1e3,-0.0,2E-7]}';
    expect(stringifyCardinalJson(parseCardinalJson(text))).toBe('{"a":4177.0,"b":41.77,"c":12,"d":"4177.0","e":[1000.0,-0.0,2e-7]}');
  });
});
