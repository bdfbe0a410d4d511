import { describe, expect, it } from 'vitest';
import { mapAnswersToCaseStudy, validateAnswers, validateQuestionnaire, type Question, type QuestionInput } from './questionnaire.js';

const en = (s: string) => ({ en: s });

/** A questionnaire with every question type, filling every case-study field it needs. */
const full: QuestionInput[] = [
  { id: 'title', type: 'short_text', label: en('Name of the innovation'), required: true, maxLength: 200, mapsTo: 'title' },
  { id: 'summary', type: 'long_text', label: en('Summary'), required: true, maxLength: 600, mapsTo: 'summary' },
  { id: 'problem', type: 'long_text', label: en('The problem'), required: true, mapsTo: 'body' },
  { id: 'results', type: 'long_text', label: en('Results'), mapsTo: 'body' },
  { id: 'country', type: 'country', label: en('Country'), required: true, mapsTo: 'country' },
  {
    id: 'level',
    type: 'single_choice',
    label: en('Level of government'),
    required: true,
    mapsTo: 'level',
    options: [
      { value: 'national', label: en('National') },
      { value: 'local', label: en('Local') },
    ],
  },
  {
    id: 'sectors',
    type: 'multiple_choice',
    label: en('Sectors'),
    required: true,
    mapsTo: 'sectors',
    options: [
      { value: 'health', label: en('Health') },
      { value: 'education', label: en('Education') },
      { value: 'transport', label: en('Transport') },
    ],
  },
  {
    id: 'stage',
    type: 'single_choice',
    label: en('Stage'),
    required: true,
    mapsTo: 'stage',
    options: [
      { value: 'pilot', label: en('Pilot') },
      { value: 'implementation', label: en('Implementation') },
    ],
  },
  { id: 'year', type: 'year', label: en('Year launched'), required: true, minYear: 1990, maxYear: 2030, mapsTo: 'yearLaunched' },
  { id: 'website', type: 'url', label: en('Website'), mapsTo: 'links' },
  { id: 'photos', type: 'file', label: en('Photos'), maxFiles: 2, mapsTo: 'images' },
  { id: 'orgs', type: 'long_text', label: en('Organisations'), mapsTo: 'organisations' },
  { id: 'keywords', type: 'short_text', label: en('Keywords'), mapsTo: 'tags' },
];

function questions(): Question[] {
  const r = validateQuestionnaire(full, { complete: true });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const UPLOAD = '0b6c7f5e-8a1d-4f7e-9c55-2f3e4a5b6c7d';
const goodAnswers = {
  title: 'Open budget app',
  summary: 'Citizens follow the budget.',
  problem: 'Nobody could read the budget.',
  results: 'Now 40% of residents did.',
  country: 'br',
  level: 'local',
  sectors: ['health', 'education'],
  stage: 'pilot',
  year: '2021',
  website: 'https://example.org/budget',
  photos: [{ uploadId: UPLOAD, name: 'team.jpg' }],
  orgs: 'City of Recife\nUniversity of Pernambuco',
  keywords: 'budget, Transparency',
};

describe('validateQuestionnaire', () => {
  it('accepts a questionnaire using every question type with complete mapping', () => {
    expect(questions()).toHaveLength(full.length);
  });

  it('names the question with a duplicate id, too few options, misplaced limits and wrong mappings', () => {
    const r = validateQuestionnaire([
      { id: 'a', type: 'short_text', label: en('A') },
      { id: 'a', type: 'short_text', label: en('A again') },
      { id: 'pick', type: 'single_choice', label: en('Pick'), options: [{ value: 'x', label: en('X') }] },
      { id: 'y', type: 'year', label: en('Year'), minYear: 2020, maxYear: 2000 },
      { id: 'f', type: 'short_text', label: en('F'), maxFiles: 3 },
      { id: 'c', type: 'short_text', label: en('Country'), mapsTo: 'country' },
      {
        id: 'lvl',
        type: 'single_choice',
        label: en('Level'),
        mapsTo: 'level',
        options: [
          { value: 'local', label: en('Local') },
          { value: 'galactic', label: en('Galactic') },
        ],
      },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields['questions.a']).toMatch(/same id/);
    expect(r.error.fields['questions.pick']).toMatch(/two options/);
    expect(r.error.fields['questions.y']).toMatch(/after the last/);
    expect(r.error.fields['questions.f']).toMatch(/only file/);
    expect(r.error.fields['questions.c']).toMatch(/cannot fill/);
    expect(r.error.fields['questions.lvl']).toMatch(/galactic/);
    // Each problem also has a coded reason, for pages to word in the reader's language.
    expect(r.error.reasons['questions.a']).toEqual({ reason: 'in_use' });
    expect(r.error.reasons['questions.y']).toEqual({ reason: 'year_range_reversed' });
    expect(r.error.reasons['questions.lvl']).toEqual({ reason: 'options_outside_vocabulary' });
  });

  it('reports shape errors by position and field', () => {
    const r = validateQuestionnaire([{ id: 'Bad Id', type: 'essay', label: {} }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error.fields).sort()).toEqual(['questions.0.id', 'questions.0.label', 'questions.0.type']);
  });

  it('refuses two questions filling a single-valued field', () => {
    const r = validateQuestionnaire([
      { id: 't1', type: 'short_text', label: en('T1'), mapsTo: 'title' },
      { id: 't2', type: 'short_text', label: en('T2'), mapsTo: 'title' },
    ]);
    expect(!r.ok && r.error.fields['questions.t2']).toMatch(/only one question/);
    expect(!r.ok && r.error.reasons['questions.t2']).toEqual({ reason: 'maps_to_taken' });
  });

  it('requires, when complete, a required question for each case-study field without a default', () => {
    const r = validateQuestionnaire([{ id: 't', type: 'short_text', label: en('T'), mapsTo: 'title' }], { complete: true });
    expect(!r.ok && r.error.fields.questions).toBe(
      "no required question fills the case study's title, summary, body, country, level, sectors, stage, yearLaunched",
    );
    expect(validateQuestionnaire([{ id: 't', type: 'short_text', label: en('T'), mapsTo: 'title' }]).ok).toBe(true);
  });
});

describe('validateAnswers', () => {
  it('accepts and cleans good answers of every type', () => {
    const { answers, errors } = validateAnswers(questions(), goodAnswers, 'submit');
    expect(errors).toEqual({});
    expect(answers.country).toBe('BR');
    expect(answers.year).toBe(2021);
    expect(answers.sectors).toEqual(['health', 'education']);
  });

  it('lets a draft be incomplete but not malformed; a submission must be complete', () => {
    const qs = questions();
    expect(validateAnswers(qs, { title: 'Only a title' }, 'draft').errors).toEqual({});
    const sub = validateAnswers(qs, { title: 'Only a title' }, 'submit').errors;
    expect(sub.summary).toBe('this question needs an answer');
    expect(sub.title).toBeUndefined();
    expect(validateAnswers(qs, { year: 'soon' }, 'draft').errors).toEqual({ year: 'a year such as 2024' });
    expect(validateAnswers(qs, { year: 'soon' }, 'draft').reasons).toEqual({ year: { reason: 'not_a_year' } });
  });

  it('names each question with its reason, per type', () => {
    const { errors } = validateAnswers(
      questions(),
      {
        title: 'x'.repeat(201),
        country: 'XX',
        level: 'galactic',
        sectors: ['health', 'space'],
        year: 1980,
        website: 'ftp://example.org',
        photos: [
          { uploadId: UPLOAD, name: 'a' },
          { uploadId: UPLOAD, name: 'b' },
          { uploadId: UPLOAD, name: 'c' },
        ],
        summary: 42,
        nonsense: 'x',
      },
      'draft',
    );
    expect(errors).toEqual({
      title: 'at most 200 characters (this has 201)',
      country: 'an ISO 3166-1 alpha-2 country code such as BR',
      level: '"galactic" is not one of the options',
      sectors: '"space" not among the options',
      year: 'a year from 1990 to 2030',
      website: 'a full web address starting with https://',
      photos: 'at most 2 files',
      summary: 'expected text',
      nonsense: 'not a question of this questionnaire',
    });
  });

  it('refuses files that are not upload ids, and treats blanks as unanswered', () => {
    const qs = questions();
    expect(validateAnswers(qs, { photos: [{ uploadId: '../etc/passwd', name: 'x' }] }, 'draft').errors.photos).toMatch(/upload/);
    const { answers } = validateAnswers(qs, { title: '   ', sectors: [], results: '' }, 'draft');
    expect(answers).toEqual({});
    expect(validateAnswers(qs, 'nope', 'draft').errors).toEqual({ answers: 'expected an object of answers keyed by question id' });
  });
});

describe('mapAnswersToCaseStudy', () => {
  it('fills a publishable case study from the answers, in the submission language', () => {
    const qs = questions();
    const { answers } = validateAnswers(qs, goodAnswers, 'submit');
    const r = mapAnswersToCaseStudy(qs, answers, { locale: 'pt' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      status: 'published',
      originalLocale: 'pt',
      title: { pt: 'Open budget app' },
      summary: { pt: 'Citizens follow the budget.' },
      body: { pt: '## The problem\n\nNobody could read the budget.\n\n## Results\n\nNow 40% of residents did.' },
      country: 'BR',
      level: 'local',
      sectors: ['health', 'education'],
      stage: 'pilot',
      yearLaunched: 2021,
      links: [{ title: 'Website', url: 'https://example.org/budget' }],
      images: [{ uploadId: UPLOAD, alt: 'team.jpg' }],
      organisations: [{ name: 'City of Recife' }, { name: 'University of Pernambuco' }],
      tags: ['budget', 'transparency'],
    });
  });

  it('uses a lone body answer as is and names the question behind a missing field', () => {
    const qs = questions();
    const { answers } = validateAnswers(qs, { ...goodAnswers, results: '', stage: '' }, 'draft');
    const r = mapAnswersToCaseStudy(qs, answers, { locale: 'en' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ fields: { stage: "the case study's stage is missing" }, reasons: { stage: { reason: 'required' } } });
    const r2 = mapAnswersToCaseStudy(qs, { ...answers, stage: 'pilot' }, { locale: 'en' });
    expect(r2.ok && r2.value.body).toEqual({ en: 'Nobody could read the budget.' });
  });

  it('keys a field no question fills by caseStudy.<field>', () => {
    const r = mapAnswersToCaseStudy([], {}, { locale: 'en' });
    expect(!r.ok && r.error.fields['caseStudy.title']).toBe("the case study's title is missing");
    expect(!r.ok && r.error.reasons['caseStudy.title']).toEqual({ reason: 'required' });
  });
});

describe('mapAnswersToCaseStudy with the engine’s "other" answers', () => {
  it('makes the "other, please say" text of a tags question one more tag', () => {
    const kw: QuestionInput = {
      id: 'kw',
      type: 'multiple_choice',
      label: en('Keywords'),
      mapsTo: 'tags',
      allowOther: true,
      options: [
        { value: 'budget', label: en('Budget') },
        { value: 'health', label: en('Health') },
      ],
    };
    const r = validateQuestionnaire([...full.filter((q) => q.id !== 'keywords'), kw], { complete: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { keywords: _unused, ...rest } = goodAnswers;
    const { answers, errors } = validateAnswers(r.value, { ...rest, kw: { values: ['budget', '_other'], other: 'Open Data' } }, 'submit');
    expect(errors).toEqual({});
    const mapped = mapAnswersToCaseStudy(r.value, answers, { locale: 'en' });
    expect(mapped.ok && mapped.value.tags).toEqual(['budget', 'open data']);
  });

  it('refuses "other" on a question that fills a field with a controlled vocabulary', () => {
    const r = validateQuestionnaire([
      {
        id: 'lvl',
        type: 'single_choice',
        label: en('Level'),
        mapsTo: 'level',
        allowOther: true,
        options: [
          { value: 'local', label: en('Local') },
          { value: 'national', label: en('National') },
        ],
      },
    ]);
    expect(!r.ok && r.error.reasons['questions.lvl']).toEqual({ reason: 'options_outside_vocabulary' });
  });
});
