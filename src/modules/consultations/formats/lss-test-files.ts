// Test helper: the real LimeSurvey files of the shared data (POLITY_DATASETS/surveys/limesurvey, see its README).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');

/** The folder of the `.lss` files and their `<name>.expected.json`. */
export const LSS_DIR = path.join(datasets, 'surveys', 'limesurvey');

/** The `.lss` files there, sorted (none when the folder is absent). */
export const LSS_FILES: string[] = existsSync(LSS_DIR)
  ? readdirSync(LSS_DIR)
      .filter((f) => f.endsWith('.lss'))
      .sort()
  : [];

/** A failing test that says where the files are looked for, when there are none. */
export function describeLssFilesMissing(name: string): void {
  describe(name, () => {
    it('needs the LimeSurvey files', () => {
      expect.fail(`No .lss files at ${LSS_DIR}: set POLITY_DATASETS to the folder holding surveys/limesurvey/ (default ../shared/data).`);
    });
  });
}

/** One file's text and what its `.expected.json` says of it. */
export function readLssCase<T>(file: string): { text: string; expected: T } {
  return {
    text: readFileSync(path.join(LSS_DIR, file), 'utf8'),
    expected: JSON.parse(readFileSync(path.join(LSS_DIR, file.replace(/\.lss$/, '.expected.json')), 'utf8')) as T,
  };
}
