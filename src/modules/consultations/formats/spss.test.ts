import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSpssSyntax } from './spss.js';
import type { SurveyRow, SurveyVariable } from '../core/variables.js';

const variables: SurveyVariable[] = [
  { name: 'response_id', label: { en: 'Response' }, questionId: null, kind: 'string', measure: 'nominal' },
  {
    name: 'age_band',
    label: { en: 'Age band', uk: 'Вікова група' },
    questionId: 'age_band',
    kind: 'numeric',
    measure: 'ordinal',
    values: [
      { code: 1, label: { en: '16–29', uk: '16–29' } },
      { code: 2, label: { en: '30 and over', uk: '30 і старші' } },
    ],
  },
  { name: 'trust', label: { en: 'Trust in the EU (0–10)' }, questionId: 'trust', kind: 'numeric', measure: 'scale' },
  { name: 'why', label: { en: 'Why "that" answer?', uk: 'Чому саме так?' }, questionId: 'why', kind: 'string', measure: 'nominal' },
];
const rows: SurveyRow[] = [
  ['r1', 1, 7.5, 'Because, "quite simply",\nit works'],
  ['r2', 2, null, 'Бо так'],
  ['r3', null, 10, null],
  ['r4', null, null, `Both 'kinds' and "quotes" and it's "`],
];

describe('SPSS syntax export', () => {
  it('writes data, variable labels, value labels and levels as SPSS syntax', () => {
    const sps = writeSpssSyntax(variables, rows, { locale: 'uk', title: 'Test' });
    expect(sps).toContain('DATA LIST LIST /response_id (A2) age_band (F12.4) trust (F12.4) why (A');
    expect(sps).toContain(`'Because, "quite simply", it works'`);
    expect(sps).toContain('age_band "Вікова група"');
    expect(sps).toContain('VARIABLE LEVEL age_band (ORDINAL).');
    expect(sps).toContain('VARIABLE LEVEL trust (SCALE).');
    expect(sps.split('\n')).toContain('"r3",,10,');
    expect(sps).toContain(`"Both 'kinds' and “quotes” and it's ”"`);
  });

  // GNU PSPP, the free SPSS, runs the file as SPSS would; `npm test` installs it (scripts/ensure-test-tools.mjs).
  it('is read by PSPP with every value and label', () => {
    const pspp = '/usr/bin/pspp';
    if (!existsSync(pspp)) throw new Error('GNU PSPP is missing: apt-get install -y pspp (npm test installs it when run as root)');
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-sps-'));
    const file = path.join(dir, 'export.sps');
    writeFileSync(file, writeSpssSyntax(variables, rows, { locale: 'en', title: 'Test' }) + 'LIST.\nDISPLAY DICTIONARY.\n');
    const out = execFileSync(pspp, ['-O', 'format=csv', '-o', path.join(dir, 'out.csv'), file], { encoding: 'utf8' });
    expect(out).not.toMatch(/error|warning/i);
    const csv = execFileSync('cat', [path.join(dir, 'out.csv')], { encoding: 'utf8' });
    expect(csv).toContain('r1,1.0000,7.5000,"Because, ""quite simply"", it works"');
    expect(csv).toContain("r4,.    ,.    ,Both 'kinds' and “quotes” and it's ”");
    expect(csv).toMatch(/r3,\.\s*,10\.0000/);
    expect(csv).toContain('Бо так');
    expect(csv).toContain('30 and over');
    expect(csv).toContain('Trust in the EU (0–10)');
    expect(csv).not.toMatch(/error/i);
  });
});
