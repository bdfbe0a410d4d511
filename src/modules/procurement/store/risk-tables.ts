import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ProcessSummary } from '../core/risk-process.js';
import type { SettingChange, StoredRiskSettings } from '../core/risk-settings.js';

/** A site's risk settings: the fields it changed from the defaults (core/risk-settings.ts), and a version bumped on every change. */
export const procurementRiskSettings = pgTable('procurement_risk_settings', {
  siteId: uuid('site_id').primaryKey(),
  settings: jsonb('settings').notNull().$type<StoredRiskSettings>(),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Who changed which risk settings, from what to what. */
export const procurementRiskSettingChanges = pgTable(
  'procurement_risk_setting_changes',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    changes: jsonb('changes').notNull().$type<SettingChange[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('procurement_risk_setting_changes_site').on(t.siteId, t.createdAt)],
);

/** One process's summary and the indicators that flag it, from the last risk run over the site's compiled releases. */
export const procurementRiskAssessments = pgTable(
  'procurement_risk_assessments',
  {
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    summary: jsonb('summary').notNull().$type<ProcessSummary>(),
    /** Indicator code -> the indicator's value. */
    flags: jsonb('flags').notNull().$type<Record<string, number>>(),
    flagCount: integer('flag_count').notNull(),
    buyerId: text('buyer_id'),
    region: text('region'),
    value: doublePrecision('value'),
    currency: text('currency'),
    date: text('date'),
    /** Score and bucket under the site's settings at the assessment (a settings change re-assesses). */
    score: doublePrecision('score').notNull().default(0),
    bucket: text('bucket').notNull().default('low'),
    /** Ids of the active awards' suppliers and of the tenderers (profiles read these). */
    supplierIds: text('supplier_ids').array().notNull().default([]),
    tendererIds: text('tenderer_ids').array().notNull().default([]),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.ocid] }),
    index('procurement_risk_assessments_flagged').on(t.siteId, t.flagCount),
    index('procurement_risk_assessments_buyer').on(t.siteId, t.buyerId, t.date),
    index('procurement_risk_assessments_suppliers').using('gin', t.supplierIds),
    index('procurement_risk_assessments_tenderers').using('gin', t.tendererIds),
    index('procurement_risk_assessments_bucket').on(t.siteId, t.bucket),
  ],
);

/** Where a site's risk run stands: the last process change it read. */
export const procurementRiskRuns = pgTable('procurement_risk_runs', {
  siteId: uuid('site_id').primaryKey(),
  lastChangeSeq: bigint('last_change_seq', { mode: 'number' }).notNull(),
  /** The settings version the run used (a newer one makes the next run re-assess every process; -1: a run from before settings, re-assessed in full). */
  settingsVersion: integer('settings_version').notNull().default(-1),
  processes: integer('processes').notNull(),
  flagged: integer('flagged').notNull(),
  assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
});

/** Triage states of a process in the auditors' queue. */
export const TRIAGE_STATUSES = ['assigned', 'monitoring', 'closed'] as const;
/** A triage state. */
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
/** Outcomes of a monitoring. */
export const TRIAGE_OUTCOMES = ['violation', 'no_violation'] as const;
/** An outcome. */
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** An audited process: who has it, where it stands, and the outcome with the flags it had then. */
export const procurementRiskTriage = pgTable(
  'procurement_risk_triage',
  {
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    status: text('status').notNull().$type<TriageStatus>(),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    outcome: text('outcome').$type<TriageOutcome>(),
    note: text('note'),
    /** The indicators flagging the process when the outcome was recorded (the precision report reads these). */
    outcomeFlags: jsonb('outcome_flags').$type<string[]>(),
    monitoringStartedAt: timestamp('monitoring_started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When an auditor made the outcome public (null: the audit work is not shown to the public). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.ocid] }), index('procurement_risk_triage_status').on(t.siteId, t.status)],
);

/** Triage history of a process. */
export const procurementRiskTriageEvents = pgTable(
  'procurement_risk_triage_events',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    kind: text('kind').notNull().$type<'assigned' | 'monitoring_started' | 'outcome' | 'published'>(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    assigneeId: uuid('assignee_id'),
    outcome: text('outcome').$type<TriageOutcome>(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('procurement_risk_triage_events_ocid').on(t.siteId, t.ocid, t.createdAt)],
);

/** Feedback states: waiting for a moderator, shown, or rejected. */
export const FEEDBACK_STATUSES = ['pending', 'published', 'rejected'] as const;
/** A feedback state. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Citizens' feedback on a process (DOZORRO's community), moderated before it is shown. */
export const procurementRiskFeedback = pgTable(
  'procurement_risk_feedback',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    authorName: text('author_name').notNull(),
    message: text('message').notNull(),
    status: text('status').notNull().$type<FeedbackStatus>(),
    userId: uuid('user_id'),
    moderatedBy: uuid('moderated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  },
  (t) => [index('procurement_risk_feedback_ocid').on(t.siteId, t.ocid, t.status, t.createdAt)],
);

export type RiskAssessmentRow = typeof procurementRiskAssessments.$inferSelect;
export type RiskTriageRow = typeof procurementRiskTriage.$inferSelect;
export type RiskTriageEventRow = typeof procurementRiskTriageEvents.$inferSelect;
export type RiskFeedbackRow = typeof procurementRiskFeedback.$inferSelect;
export type RiskSettingChangeRow = typeof procurementRiskSettingChanges.$inferSelect;
