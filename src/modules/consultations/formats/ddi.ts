/**
 * A DDI Codebook 2.5 description of a survey's data file (the Data Documentation Initiative's
 * standard that data archives and harvesters read; element names and their order follow the
 * DDI-Codebook 2.5 schema, `codebook.xsd`): the study (title, abstract, producer, collection
 * mode), the data file (cases, variables) and every variable with its label and question in each
 * language (`xml:lang`), its categories and format.
 */
import { escapeXml } from '../../../kernel/xml.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { SurveyVariable } from '../core/variables.js';

/** What a codebook says about the study beside its variables. */
export interface CodebookStudy {
  /** A stable identifier of the study (the consultation's address). */
  id: string;
  title: LocalizedText;
  abstract: LocalizedText;
  /** Who produced and distributes the data (the site's name). */
  producer: string;
  /** The data file the variables describe. */
  fileName: string;
  cases: number;
  /** How the answers were collected (online, paper, events), per language of the site's default. */
  collectionModes: string[];
  /** When the document was written. */
  date: Date;
}

const el = (name: string, body: string, attrs: Record<string, string> = {}) =>
  `<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('')}>${body}</${name}>`;
const text = (name: string, t: string, attrs: Record<string, string> = {}) => el(name, escapeXml(t), attrs);
/** One element per language of a localized text, each tagged with its language. */
const inLanguages = (name: string, t: LocalizedText | undefined) =>
  Object.entries(t ?? {})
    .map(([lang, value]) => text(name, value, { 'xml:lang': lang }))
    .join('');

/** A variable's `ID` in the document: `V` and its position, as DDI tools number them. */
const varId = (i: number) => `V${i + 1}`;

/** The whole codebook as XML text. */
export function writeDdiCodebook(study: CodebookStudy, variables: SurveyVariable[]): string {
  const titles = inLanguages('titl', study.title);
  const date = study.date.toISOString().slice(0, 10);
  const citation = (withId: boolean) =>
    el(
      'citation',
      el('titlStmt', titles + (withId ? text('IDNo', study.id) : '')) +
        el('prodStmt', text('producer', study.producer) + text('prodDate', date, { date }) + text('software', 'Polity')) +
        el('distStmt', text('distrbtr', study.producer)),
    );
  const docDscr = el('docDscr', citation(false));
  const stdyDscr = el(
    'stdyDscr',
    citation(true) +
      el('stdyInfo', inLanguages('abstract', study.abstract)) +
      el('method', el('dataColl', study.collectionModes.map((m) => text('collMode', m)).join(''))),
  );
  const fileDscr = el(
    'fileDscr',
    el(
      'fileTxt',
      text('fileName', study.fileName) +
        el('dimensns', text('caseQnty', String(study.cases)) + text('varQnty', String(variables.length))) +
        text('fileType', 'text/csv'),
    ),
    { ID: 'F1' },
  );
  const vars = variables
    .map((v, i) => {
      const question = v.question ? el('qstn', inLanguages('qstnLit', v.question)) : '';
      const categories = (v.values ?? []).map((c) => el('catgry', text('catValu', String(c.code)) + inLanguages('labl', c.label))).join('');
      const format = el('varFormat', '', { type: v.kind === 'numeric' ? 'numeric' : 'character', schema: 'other' });
      const attrs: Record<string, string> = { ID: varId(i), name: v.name, files: 'F1' };
      if (v.kind === 'numeric') attrs.intrvl = v.measure === 'scale' ? 'contin' : 'discrete';
      if (v.measure !== 'scale' && v.kind === 'numeric') attrs.nature = v.measure;
      return el('var', inLanguages('labl', v.label) + question + categories + format, attrs);
    })
    .join('');
  const dataDscr = el('dataDscr', vars);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el('codeBook', docDscr + stdyDscr + fileDscr + dataDscr, {
      xmlns: 'ddi:codebook:2_5',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'ddi:codebook:2_5 http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd',
      version: '2.5',
    }) +
    '\n'
  );
}
