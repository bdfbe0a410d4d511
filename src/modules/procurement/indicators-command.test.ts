import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { computeIndicatorsFromFile, createDefaultIndicatorSettings } from './indicators-command.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/polity.js', import.meta.url));
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const docs = path.join(root, 'ocds', 'cardinal-fixtures', 'docs-examples');

describe('polity procurement indicators', () => {
  it("prints Cardinal's output, reporting a malformed line on stderr and keeping the others", async () => {
    expect(existsSync(docs), `Cardinal fixtures not found at ${docs}: set POLITY_DATASETS`).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-procurement-'));
    const input = path.join(dir, 'in.jsonl');
    const lines = readFileSync(path.join(docs, 'R', '024.jsonl'), 'utf8')
      .trim()
      .split('\n');
    writeFileSync(input, [lines[0], '{"ocid": broken', ...lines.slice(1)].join('\n') + '\n');
    const { stdout, stderr } = await run(process.execPath, [
      BIN,
      'procurement',
      'indicators',
      input,
      '--settings',
      path.join(docs, 'R', '024.ini'),
      '--no-meta',
    ]);
    expect(stdout.trim()).toBe('{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}}}');
    expect(stderr).toMatch(/line 2: invalid JSON/);
  }, 30_000);

  it('refuses a file none of whose lines is JSON, and one that is not UTF-8, naming the line; an empty file gives no flags', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-procurement-'));
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n\nworld\n');
    await expect(computeIndicatorsFromFile(text, createDefaultIndicatorSettings())).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /notes\.txt is not JSON lines of compiled releases: none of its 2 non-blank lines is a JSON value \(line 1: invalid JSON/,
      ) as unknown,
    });
    const latin1 = path.join(dir, 'latin1.jsonl');
    writeFileSync(latin1, Buffer.from('{"ocid":"ocds-1"}\n{"ocid":"ocds-2","title":"S\u00e3o Paulo"}\n', 'latin1'));
    await expect(computeIndicatorsFromFile(latin1, createDefaultIndicatorSettings())).rejects.toThrow(/latin1\.jsonl: line 2: not UTF-8 text/);
    const utf16 = path.join(dir, 'utf16.jsonl');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"ocid":"ocds-1"}\n', 'utf16le')]));
    await expect(computeIndicatorsFromFile(utf16, createDefaultIndicatorSettings())).rejects.toThrow(
      /utf16\.jsonl: line 1: a UTF-16 byte-order mark/,
    );
    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(await computeIndicatorsFromFile(empty, createDefaultIndicatorSettings())).toMatchObject({ issues: [], lines: 0 });
  });
});
