import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';

/** Who may answer a consultation's survey: anyone (one response per browser), people signed in, or holders of an invitation. */
export type ParticipationMode = 'anonymous' | 'signed_in' | 'invitation';
/** Where a consultation stands: drafted by editors, open for responses, or closed. */
export type ConsultationStatus = 'draft' | 'open' | 'closed';

/** Population figures per demographic question: category value -> count (or share, when `shares`). */
export interface PopulationMargins {
  /** Question id -> category value -> population count. */
  margins: Record<string, Record<string, number>>;
  /** Where the figures come from (a census, a register), shown beside them. */
  source?: string;
}

/** How published results are weighted to the margins. */
export interface WeightingSettings {
  method: 'none' | 'poststratify' | 'rake';
  /** Demographic question ids weighted on, in raking order. */
  questions: string[];
  /** Optional trimming bounds on the weights, as multiples of the mean weight. */
  trim?: { lower?: number; upper?: number };
}

/**
 * A consultation: the online survey strand (a versioned questionnaire and its responses) and the
 * events strand (consultation events run by organisers), brought together in one report.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    title: jsonb('title').notNull().$type<LocalizedText>(),
    description: jsonb('description').notNull().$type<LocalizedText>(),
    status: text('status').notNull().$type<ConsultationStatus>(),
    participation: text('participation').notNull().$type<ParticipationMode>(),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    /** The questionnaire version new responses are given for (see consultation_questionnaires). */
    currentVersion: integer('current_version').notNull().default(1),
    /** Themes that survey questions and event recommendations can both be tagged with. */
    themes: jsonb('themes').notNull().$type<{ id: string; label: LocalizedText }[]>().default([]),
    margins: jsonb('margins').$type<PopulationMargins>(),
    weighting: jsonb('weighting').notNull().$type<WeightingSettings>().default({ method: 'none', questions: [] }),
    /** Question ids whose results are public once `resultsPublished`. */
    publishedQuestions: jsonb('published_questions').notNull().$type<string[]>().default([]),
    resultsPublished: boolean('results_published').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consultations_site_slug').on(t.siteId, t.slug)],
);

/** Each version of a consultation's questionnaire; a response keeps the version it was given for. */
export const consultationQuestionnaires = pgTable(
  'consultation_questionnaires',
  {
    siteId: uuid('site_id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    version: integer('version').notNull(),
    items: jsonb('items').notNull().$type<unknown[]>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consultation_questionnaires_version').on(t.siteId, t.consultationId, t.version)],
);

/** Where a response came from. */
export type ResponseChannel = 'online' | 'paper' | 'import';
/** `draft`: saved to come back to; `pending`: a paper response awaiting a second person's check; `submitted`: counted. */
export type ResponseStatus = 'draft' | 'pending' | 'submitted';

/**
 * One response. `respondentKey` keeps one response per respondent: `user:<id>`, `anon:<hash of
 * the browser's token>`, `invite:<invitation id>`, `paper:<id>` or `import:<row id>`.
 */
export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    version: integer('version').notNull(),
    respondentKey: text('respondent_key').notNull(),
    userId: uuid('user_id'),
    channel: text('channel').notNull().$type<ResponseChannel>(),
    status: text('status').notNull().$type<ResponseStatus>(),
    answers: jsonb('answers').notNull().$type<Record<string, unknown>>(),
    /** The page a saved response resumes at. */
    page: integer('page').notNull().default(0),
    locale: text('locale').notNull(),
    /** Hash of the code that lets a respondent without an account come back to a saved response. */
    resumeHash: text('resume_hash'),
    enteredBy: uuid('entered_by'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('consultation_responses_respondent').on(t.siteId, t.consultationId, t.respondentKey),
    index('consultation_responses_status').on(t.siteId, t.consultationId, t.status, t.submittedAt),
    uniqueIndex('consultation_responses_resume').on(t.siteId, t.resumeHash),
  ],
);

/** Invitation codes for consultations taken part in by invitation; only the code's hash is kept. */
export const consultationInvitations = pgTable(
  'consultation_invitations',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    codeHash: text('code_hash').notNull(),
    label: text('label'),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consultation_invitations_code').on(t.siteId, t.codeHash), index('consultation_invitations_c').on(t.siteId, t.consultationId)],
);

/** An event's status: registered by its organiser, approved by the consultation's editors, or refused. */
export type EventStatus = 'proposed' | 'approved' | 'rejected';
/** One concern or recommendation an event brought out, optionally tagged with the consultation's themes. */
export interface EventOutcomeItem {
  kind: 'concern' | 'recommendation';
  text: string;
  themes: string[];
}

/** A consultation event (the European Citizens' Consultations' national events) and its outcome. */
export const consultationEvents = pgTable(
  'consultation_events',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    consultationId: uuid('consultation_id').notNull(),
    title: text('title').notNull(),
    /** The organiser: an organisation of the site's directory, or a named group. */
    organisationId: uuid('organisation_id'),
    organiserName: text('organiser_name').notNull(),
    country: text('country').notNull(),
    region: text('region'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    online: boolean('online').notNull().default(false),
    placeName: text('place_name'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    format: text('format').notNull(),
    language: text('language').notNull(),
    participants: integer('participants'),
    /** The participants' make-up: group label -> count (e.g. age bands, students, farmers). */
    makeUp: jsonb('make_up').notNull().$type<Record<string, number>>().default({}),
    status: text('status').notNull().$type<EventStatus>(),
    outcomeSummary: text('outcome_summary'),
    outcomeItems: jsonb('outcome_items').notNull().$type<EventOutcomeItem[]>().default([]),
    minutes: text('minutes'),
    documents: jsonb('documents').notNull().$type<{ uploadId: string; name: string }[]>().default([]),
    outcomeRecordedAt: timestamp('outcome_recorded_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why the editors refused the event (shown to its organiser). */
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consultation_events_c').on(t.siteId, t.consultationId, t.status, t.startsAt)],
);

export type ConsultationRow = typeof consultations.$inferSelect;
export type ResponseRow = typeof consultationResponses.$inferSelect;
export type EventRow = typeof consultationEvents.$inferSelect;
