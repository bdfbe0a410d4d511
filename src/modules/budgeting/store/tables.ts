import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type {
  BallotConstraints,
  BallotType,
  Choice,
  DistrictVoting,
  Eligibility,
  Phases,
  ProcessRule,
  ProjectStatus,
} from '../core/process-types.js';

/**
 * A participatory-budgeting process: its phases, its counting rule and ballot, and whether its
 * results are published (then `locked`: rule and budgets no longer change).
 */
export const budgetingProcesses = pgTable(
  'budgeting_processes',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    currency: text('currency').notNull(),
    phases: jsonb('phases').notNull().$type<Phases>(),
    rule: jsonb('rule').notNull().$type<ProcessRule>(),
    ballotType: text('ballot_type').notNull().$type<BallotType>(),
    constraints: jsonb('constraints').notNull().$type<BallotConstraints>(),
    locked: boolean('locked').notNull().default(false),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    /** META fields of an imported Pabulib file that Polity has no column for (kept for the round trip). */
    pbMeta: jsonb('pb_meta').$type<Record<string, string>>(),
    /** Whether a resident votes in one district only or in several (the city-wide pot is always a ballot of its own). */
    districtVoting: text('district_voting').notNull().default('one').$type<DistrictVoting>(),
    /** Who may vote with an account: anyone signed in, those who declared a district of residence, or those on the census. */
    eligibility: text('eligibility').notNull().default('open').$type<Eligibility>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budgeting_processes_site_slug').on(t.siteId, t.slug)],
);

/** A district with its own budget, or the city-wide pot (`cityWide`, at most one per process). */
export const budgetingDistricts = pgTable(
  'budgeting_districts',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    budget: numeric('budget', { precision: 20, scale: 2 }).notNull(),
    cityWide: boolean('city_wide').notNull().default(false),
  },
  (t) => [uniqueIndex('budgeting_districts_slug').on(t.siteId, t.processId, t.slug)],
);

/** A project category of a process. */
export const budgetingCategories = pgTable(
  'budgeting_categories',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('budgeting_categories_slug').on(t.siteId, t.processId, t.slug)],
);

/** A proposal, then (after review) a project on the ballot, or one set aside with a public reason. */
export const budgetingProjects = pgTable(
  'budgeting_projects',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    districtId: uuid('district_id').notNull(),
    categoryId: uuid('category_id'),
    /** The project's id in Pabulib files (`project_id`): short and stable. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    cost: numeric('cost', { precision: 20, scale: 2 }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    status: text('status').notNull().$type<ProjectStatus>(),
    /** Public reason when set aside; reviewer's note otherwise. */
    statusReason: text('status_reason'),
    proposedBy: uuid('proposed_by'),
    /** PROJECTS columns of an imported Pabulib file that Polity has no column for. */
    pbExtra: jsonb('pb_extra').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budgeting_projects_code').on(t.siteId, t.processId, t.code), index('budgeting_projects_district').on(t.siteId, t.districtId)],
);

/** The public history of a project: proposed, edited, reviewed (with what changed). */
export const budgetingProjectHistory = pgTable(
  'budgeting_project_history',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    projectId: uuid('project_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull().$type<'proposed' | 'edited' | 'reviewed' | 'imported'>(),
    actorName: text('actor_name'),
    changes: jsonb('changes').notNull().$type<Record<string, { from: unknown; to: unknown }>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('budgeting_project_history_project').on(t.siteId, t.projectId, t.seq)],
);

/**
 * One ballot for one district (or the city-wide pot). `voterKey` names the person: `user:<id>`,
 * `code:<id>`, `paper:<id>` or `import:<voter_id>`; the unique index keeps one ballot per person and
 * `slot` (see `ballotSlot`: the city-wide pot, the one district ballot, or each district when the
 * process lets residents vote in several). `userId` is the person behind the
 * ballot (the account, or the account a voting code is bound to); a second unique index keeps one
 * ballot per person and pot across channels. Paper ballots are `pending`
 * until a second staff member confirms them; only `counted` ballots are counted.
 */
export const budgetingBallots = pgTable(
  'budgeting_ballots',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    districtId: uuid('district_id').notNull(),
    pot: text('pot').notNull().$type<'district' | 'city'>(),
    /** What the ballot takes the place of: `city`, `district`, or `district:<id>` (see `ballotSlot`). */
    slot: text('slot').notNull(),
    voterKey: text('voter_key').notNull(),
    userId: uuid('user_id'),
    codeId: uuid('code_id'),
    channel: text('channel').notNull().$type<'online' | 'paper' | 'import'>(),
    status: text('status').notNull().$type<'counted' | 'pending'>(),
    choices: jsonb('choices').notNull().$type<Choice[]>(),
    enteredBy: uuid('entered_by'),
    confirmedBy: uuid('confirmed_by'),
    /** Paper ballot's sheet number, or an imported file's voter_id. */
    reference: text('reference'),
    /** VOTES columns of an imported Pabulib file that Polity has no column for (age, sex, ...). */
    pbExtra: jsonb('pb_extra').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('budgeting_ballots_voter_slot').on(t.siteId, t.processId, t.voterKey, t.slot),
    uniqueIndex('budgeting_ballots_person_slot')
      .on(t.siteId, t.processId, t.userId, t.slot)
      .where(sql`${t.userId} is not null`),
    index('budgeting_ballots_district').on(t.siteId, t.processId, t.districtId, t.status),
  ],
);

/**
 * One-time voting codes issued by the city: only a keyed hash is stored. `userId` is the account the
 * code was bound to when a signed-in person first used it (a code then belongs to that person).
 */
export const budgetingVotingCodes = pgTable(
  'budgeting_voting_codes',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    codeHash: text('code_hash').notNull(),
    batch: text('batch').notNull(),
    userId: uuid('user_id'),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budgeting_voting_codes_hash').on(t.siteId, t.processId, t.codeHash)],
);

/** Up to three images of a project (files kept by the library's upload pipeline), each with alt text. */
export const budgetingProjectImages = pgTable(
  'budgeting_project_images',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    projectId: uuid('project_id').notNull(),
    uploadId: uuid('upload_id').notNull(),
    alt: text('alt').notNull(),
    addedBy: uuid('added_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('budgeting_project_images_project').on(t.siteId, t.projectId, t.createdAt)],
);

/**
 * The census of a process: people eligible to vote, by a keyed hash of their identifier only
 * (HMAC-SHA-256 with the site secret, bound to the site and process; see `hashCensusId`). An entry
 * may carry the district the person lives in. `userId` is the account that proved it holds the
 * identifier (one account per entry).
 */
export const budgetingCensus = pgTable(
  'budgeting_census',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    idHash: text('id_hash').notNull(),
    districtId: uuid('district_id'),
    userId: uuid('user_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('budgeting_census_hash').on(t.siteId, t.processId, t.idHash),
    uniqueIndex('budgeting_census_user')
      .on(t.siteId, t.processId, t.userId)
      .where(sql`${t.userId} is not null`),
  ],
);

/** The district a resident declared (or the census gave) as where they live, per process. */
export const budgetingResidences = pgTable(
  'budgeting_residences',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    userId: uuid('user_id').notNull(),
    districtId: uuid('district_id').notNull(),
    source: text('source').notNull().$type<'declared' | 'census'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budgeting_residences_user').on(t.siteId, t.processId, t.userId)],
);

/** A computed result per district/pot; published results are what the results page shows. */
export const budgetingResults = pgTable(
  'budgeting_results',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    processId: uuid('process_id').notNull(),
    districtId: uuid('district_id').notNull(),
    rule: jsonb('rule').notNull().$type<ProcessRule>(),
    /** Project codes in selection order. */
    selected: jsonb('selected').notNull().$type<string[]>(),
    rounds: jsonb('rounds').notNull().$type<{ project: string; note: string }[]>(),
    totalCost: text('total_cost').notNull(),
    numVoters: integer('num_voters').notNull(),
    endowment: text('endowment'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budgeting_results_district').on(t.siteId, t.processId, t.districtId)],
);

export type ProcessRow = typeof budgetingProcesses.$inferSelect;
export type DistrictRow = typeof budgetingDistricts.$inferSelect;
export type CategoryRow = typeof budgetingCategories.$inferSelect;
export type ProjectRow = typeof budgetingProjects.$inferSelect;
export type HistoryRow = typeof budgetingProjectHistory.$inferSelect;
export type BallotRow = typeof budgetingBallots.$inferSelect;
export type VotingCodeRow = typeof budgetingVotingCodes.$inferSelect;
export type ProjectImageRow = typeof budgetingProjectImages.$inferSelect;
export type ResultRow = typeof budgetingResults.$inferSelect;
export type CensusRow = typeof budgetingCensus.$inferSelect;
export type ResidenceRow = typeof budgetingResidences.$inferSelect;
