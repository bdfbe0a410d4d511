import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `polity consultations import-lss` as a process: the JSON shape of issue 13 on a small
 * LimeSurvey 3 file written here (two languages, rows repeated per language), the readable
 * summary, and status 2 with a message naming the element for malformed files. The real
 * LimeSurvey files are run through the command in formats/lss-conformance.test.ts.
 */
const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'polity-lss-'));

const row = (fields: Record<string, string>) =>
  `<row>${Object.entries(fields)
    .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
    .join('')}</row>`;
const rows = (name: string, list: Record<string, string>[]) => `<${name}><rows>\n${list.map(row).join('\n')}\n</rows></${name}>`;
const question = (qid: string, title: string, type: string, language: string, extra: Record<string, string> = {}) => ({
  qid,
  parent_qid: '0',
  gid: '1',
  type,
  title,
  question: `${title} (${language})`,
  mandatory: 'N',
  other: 'N',
  question_order: qid,
  language,
  relevance: '1',
  ...extra,
});

/** The lines of a small LimeSurvey 3 survey; `bad` edits them before they are joined. */
function lssLines(bad: (lines: string[]) => void = () => {}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<document>',
    '<LimeSurveyDocType>Survey</LimeSurveyDocType>',
    '<DBVersion>359</DBVersion>',
    '<languages><language>en</language><language>es</language></languages>',
    rows(
      'answers',
      ['en', 'es'].flatMap((language) =>
        ['A1', 'A2', 'A3'].map((code, i) => ({ qid: '10', code, answer: `${code} ${language}`, sortorder: String(i), language, scale_id: '0' })),
      ),
    ),
    rows('conditions', [{ cid: '1', qid: '11', cqid: '10', cfieldname: '1X1X10', method: '==', value: 'A1', scenario: '1' }]),
    rows('groups', [
      { gid: '1', group_name: 'One', group_order: '0', language: 'en', grelevance: '' },
      { gid: '1', group_name: 'Uno', group_order: '0', language: 'es', grelevance: '' },
    ]),
    rows('questions', [
      question('10', 'colour', 'L', 'en', { mandatory: 'Y' }),
      question('10', 'colour', 'L', 'es', { mandatory: 'Y' }),
      question('11', 'why', 'T', 'en'),
      question('11', 'why', 'T', 'es'),
      question('12', 'rate', 'F', 'en'),
      question('12', 'rate', 'F', 'es'),
    ]),
    rows('subquestions', [question('13', 'r1', 'T', 'en', { parent_qid: '12' }), question('13', 'r1', 'T', 'es', { parent_qid: '12' })]),
    rows('surveys', [{ sid: '1', language: 'en', additional_languages: 'es' }]),
    rows('surveys_languagesettings', [{ surveyls_language: 'en', surveyls_title: 'Colours' }]),
    '</document>',
    '',
  ];
  bad(lines);
  return lines.join('\n');
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function polity(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'consultations', 'import-lss', ...args], { timeout: 150_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('polity consultations import-lss', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints languages, groups and each top-level question with distinct counts (--json)', async () => {
    const { code, stdout, stderr } = await polity(write('ok.lss', lssLines()), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ languages: ['en', 'es'], groups: 1, title: 'Colours', conditions: 1, quotas: 0, warnings: [] });
    expect(json.questions).toEqual([
      { code: 'colour', type: 'L', subquestions: 0, answerOptions: 3, conditional: false, mandatory: true },
      { code: 'why', type: 'T', subquestions: 0, answerOptions: 0, conditional: true, mandatory: false },
      { code: 'rate', type: 'F', subquestions: 1, answerOptions: 0, conditional: false, mandatory: false },
    ]);
  }, 180_000);

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await polity(join(dir, 'ok.lss'));
    expect(code).toBe(0);
    expect(stdout).toContain('Survey 1 "Colours" (LimeSurvey DBVersion 359)');
    expect(stdout).toContain('Languages: en, es (base en)');
    expect(stdout).toContain('1 group, 3 questions, 1 subquestion, 3 answer options, 1 condition, 0 quotas');
    expect(stdout).toContain('  colour [L] List (Radio): 3 answer options, mandatory');
    expect(stdout).toContain('Everything was understood.');
  }, 180_000);

  it('exits 2 naming the element and the reason for malformed files', async () => {
    const whole = lssLines();
    const cut = whole.slice(0, whole.indexOf('<subquestions>') + 30);
    const noTypeText = lssLines((l) => (l[8] = l[8].replace('<type><![CDATA[T]]></type>', '')));
    const orphanText = lssLines((l) => (l[9] = l[9].replaceAll('<parent_qid><![CDATA[12]]>', '<parent_qid><![CDATA[40]]>')));
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const files = {
      notXml: write('not-xml.lss', 'qid,title\n10,colour\n'),
      truncated: write('truncated.lss', cut),
      noType: write('no-type.lss', noTypeText),
      orphan: write('orphan.lss', orphanText),
    };
    const [notXml, truncated, noType, orphan] = await Promise.all(Object.values(files).map((f) => polity(f, '--json')));
    for (const r of [notXml, truncated, noType, orphan]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(notXml.stderr).toMatch(
      new RegExp(`^polity consultations import-lss: Malformed LimeSurvey file: ${files.notXml}, line 1: the file is not well-formed XML`),
    );
    expect(truncated.stderr).toContain(
      `${files.truncated}, line ${cut.split('\n').length}: the file is not well-formed XML: the file ends inside <document>/<subquestions>/<rows>/<row>/<qid>: it is truncated`,
    );
    expect(noType.stderr).toContain(
      `${files.noType}, line ${lineOf(noTypeText, '<row><qid><![CDATA[11]]>')}, <questions> row 3 (qid 11): the row has no <type>`,
    );
    expect(orphan.stderr).toContain(
      `${files.orphan}, line ${lineOf(orphanText, '<row><qid><![CDATA[13]]>')}, <subquestions> row 1 (qid 13): parent_qid 40 names no top-level question of <questions>`,
    );
  }, 180_000);
});
