import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from './core/compute-indicators.js';
import type { IndicatorSettings } from './core/settings.js';
import { readCardinalSettings } from './formats/cardinal-ini.js';

// Conformance with Cardinal (open-contracting/cardinal-rs @b04158a, MIT): its indicator fixtures
// (tests/fixtures/indicators) and the documentation's examples (docs/examples, outputs from
// docs/cli/indicators/R/NNN.md), read from POLITY_DATASETS/ocds/cardinal-fixtures (default ../shared/data).
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const fixtures = path.join(root, 'ocds', 'cardinal-fixtures');

function requireFixtures(): void {
  if (!existsSync(fixtures))
    throw new Error(`Cardinal fixtures not found at ${fixtures}: set POLITY_DATASETS to the shared data folder (holding ocds/)`);
}

function readLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/**
 * Settings from a fixture's name, as Cardinal's build.rs reads it: `CODE`, `CODE-FIELD-VALUE` or
 * `CODE-FIELD-K1-V1-K2-V2` (a map section), `+` for `|`; plus the global settings every fixture runs with.
 */
function settingsFromName(name: string): IndicatorSettings {
  const [code, field, ...rest] = name.replaceAll('+', '|').split('-');
  const lines = ['no_price_comparison_procurement_methods = NPC', '[exclusions]', 'procurement_method_details = EXC', `[${code}]`];
  if (field !== undefined && rest.length === 1) lines.push(`${field} = ${rest[0]}`);
  if (field !== undefined && rest.length > 1) {
    lines.push(`[${code}.${field}]`);
    for (let i = 0; i < rest.length; i += 2) lines.push(`${rest[i]} = ${rest[i + 1]}`);
  }
  return readCardinalSettings(lines.join('\n')).indicators;
}

function listPairs(dir: string): string[] {
  requireFixtures();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected'))
    .map((f) => f.slice(0, -'.expected'.length))
    .sort();
}

describe('conformance with Cardinal', () => {
  it('finds the fixtures (POLITY_DATASETS)', () => {
    expect(existsSync(fixtures), `Cardinal fixtures not found at ${fixtures}: set POLITY_DATASETS`).toBe(true);
  });

  const indicators = path.join(fixtures, 'indicators');
  it.each(existsSync(indicators) ? listPairs(indicators) : ['(fixtures missing: set POLITY_DATASETS)'])('indicators/%s', (name) => {
    requireFixtures();
    const out = computeIndicators(readLines(path.join(indicators, `${name}.jsonl`)), settingsFromName(name), { meta: false });
    expect(out).toEqual(JSON.parse(readFileSync(path.join(indicators, `${name}.expected`), 'utf8')));
  });

  const unmerged = path.join(fixtures, 'indicators-unmerged-branches');
  it.each(existsSync(unmerged) ? listPairs(unmerged) : ['(fixtures missing: set POLITY_DATASETS)'])('indicators-unmerged-branches/%s', (name) => {
    requireFixtures();
    const out = computeIndicators(readLines(path.join(unmerged, `${name}.jsonl`)), settingsFromName(name), { meta: false });
    expect(out).toEqual(JSON.parse(readFileSync(path.join(unmerged, `${name}.expected`), 'utf8')));
  });

  const docs = path.join(fixtures, 'docs-examples', 'R');
  it.each(existsSync(docs) ? listPairs(docs) : ['(fixtures missing: set POLITY_DATASETS)'])('docs-examples/R/%s', (name) => {
    requireFixtures();
    // The .command file names the settings file and --no-meta, as the documentation ran it.
    const command = readFileSync(path.join(docs, `${name}.command`), 'utf8');
    const settingsPath = /--settings\s+docs\/examples\/(\S+)/.exec(command)?.[1];
    expect(settingsPath, `no --settings in ${name}.command`).toBeDefined();
    const settings = readCardinalSettings(readFileSync(path.join(fixtures, 'docs-examples', settingsPath!), 'utf8')).indicators;
    const out = computeIndicators(readLines(path.join(docs, `${name}.jsonl`)), settings, { meta: !command.includes('--no-meta') });
    expect(out).toEqual(JSON.parse(readFileSync(path.join(docs, `${name}.expected`), 'utf8')));
  });
});
