import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { Answers, Question } from '../core/questionnaire.js';
import type { SubmissionStatus } from '../core/submission-status.js';

/** Calls for case studies: a text, a window of dates and the questionnaire people fill. */
export const libraryCalls = pgTable(
  'library_calls',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    title: jsonb('title').notNull().$type<LocalizedText>(),
    description: jsonb('description').notNull().$type<LocalizedText>(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    published: boolean('published').notNull().default(false),
    questions: jsonb('questions').notNull().$type<Question[]>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('library_calls_site_slug').on(t.siteId, t.slug), index('library_calls_site_deadline').on(t.siteId, t.deadline)],
);

/** One person's answers to a call (one per person and call), and where its review stands. */
export const libraryCallSubmissions = pgTable(
  'library_call_submissions',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    callId: uuid('call_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** Where review mail goes; copied from the account when the submission starts. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().$type<SubmissionStatus>(),
    answers: jsonb('answers').notNull().$type<Answers>(),
    /** The language the submitter wrote in; the case study's original language on acceptance. */
    locale: text('locale').notNull(),
    caseStudyId: uuid('case_study_id'),
    rejectReason: text('reject_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('library_call_submissions_person').on(t.siteId, t.callId, t.userId),
    index('library_call_submissions_status').on(t.siteId, t.status, t.updatedAt),
  ],
);

/** The history of a submission: comments, change requests, decisions; shown to the submitter. */
export const libraryCallSubmissionEvents = pgTable(
  'library_call_submission_events',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    submissionId: uuid('submission_id').notNull(),
    /** Insertion order, so events written within the same instant still read in order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull().$type<SubmissionEventKind>(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('library_call_submission_events_sub').on(t.siteId, t.submissionId, t.createdAt)],
);

export type SubmissionEventKind = 'comment' | 'submitted' | 'resubmitted' | 'changes_requested' | 'accepted' | 'rejected';
export type CallRow = typeof libraryCalls.$inferSelect;
export type SubmissionRow = typeof libraryCallSubmissions.$inferSelect;
export type SubmissionEventRow = typeof libraryCallSubmissionEvents.$inferSelect;
