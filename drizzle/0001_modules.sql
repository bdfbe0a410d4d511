CREATE TABLE "budgeting_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"pot" text NOT NULL,
	"voter_key" text NOT NULL,
	"user_id" uuid,
	"code_id" uuid,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"choices" jsonb NOT NULL,
	"entered_by" uuid,
	"confirmed_by" uuid,
	"reference" text,
	"pb_extra" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_districts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"budget" numeric(20, 2) NOT NULL,
	"city_wide" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_processes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"currency" text NOT NULL,
	"phases" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"ballot_type" text NOT NULL,
	"constraints" jsonb NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"results_published_at" timestamp with time zone,
	"pb_meta" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_project_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"actor_name" text,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"category_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"cost" numeric(20, 2) NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"status" text NOT NULL,
	"status_reason" text,
	"proposed_by" uuid,
	"pb_extra" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"rule" jsonb NOT NULL,
	"selected" jsonb NOT NULL,
	"rounds" jsonb NOT NULL,
	"total_cost" text NOT NULL,
	"num_voters" integer NOT NULL,
	"endowment" text,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_voting_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"batch" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_analyses" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"report" jsonb NOT NULL,
	"state" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pid" integer NOT NULL,
	"user_id" uuid,
	"xid" text,
	"anon_hash" text,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_participants_conversation_id_pid_pk" PRIMARY KEY("conversation_id","pid")
);
--> statement-breakpoint
CREATE TABLE "conversation_statements" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"tid" integer NOT NULL,
	"body" text NOT NULL,
	"author_pid" integer,
	"is_seed" boolean NOT NULL,
	"moderation" smallint NOT NULL,
	"is_meta" boolean DEFAULT false NOT NULL,
	"duplicate_of" integer,
	"similarity" real,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_statements_conversation_id_tid_pk" PRIMARY KEY("conversation_id","tid")
);
--> statement-breakpoint
CREATE TABLE "conversation_votes" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pid" integer NOT NULL,
	"tid" integer NOT NULL,
	"vote" smallint NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_votes_conversation_id_pid_tid_pk" PRIMARY KEY("conversation_id","pid","tid")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"topic" text NOT NULL,
	"description" text NOT NULL,
	"settings" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"xid_allow_list" text[],
	"closed" boolean DEFAULT false NOT NULL,
	"owner_id" uuid,
	"revision" integer DEFAULT 0 NOT NULL,
	"analyzed_revision" integer DEFAULT 0 NOT NULL,
	"next_participant" integer DEFAULT 0 NOT NULL,
	"next_statement" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_assessments" (
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"summary" jsonb NOT NULL,
	"flags" jsonb NOT NULL,
	"flag_count" integer NOT NULL,
	"buyer_id" text,
	"region" text,
	"value" double precision,
	"currency" text,
	"date" text,
	"assessed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_risk_assessments_site_id_ocid_pk" PRIMARY KEY("site_id","ocid")
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"author_name" text NOT NULL,
	"message" text NOT NULL,
	"status" text NOT NULL,
	"user_id" uuid,
	"moderated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"moderated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_runs" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"last_change_seq" bigint NOT NULL,
	"processes" integer NOT NULL,
	"flagged" integer NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_triage" (
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"assignee_name" text,
	"outcome" text,
	"note" text,
	"outcome_flags" jsonb,
	"monitoring_started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_risk_triage_site_id_ocid_pk" PRIMARY KEY("site_id","ocid")
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_triage_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"assignee_id" uuid,
	"outcome" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_weights" (
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"weight" double precision NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_risk_weights_site_id_code_pk" PRIMARY KEY("site_id","code")
);
--> statement-breakpoint
CREATE TABLE "procurement_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"source_id" uuid,
	"path" text NOT NULL,
	"indexes" text NOT NULL,
	"value" text NOT NULL,
	"correction" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_ingests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"source_id" uuid,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "procurement_processes" (
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"compiled" jsonb NOT NULL,
	"source_id" uuid,
	"title" text,
	"buyer_id" text,
	"buyer_name" text,
	"status" text,
	"procurement_method" text,
	"procurement_method_details" text,
	"amount" double precision,
	"currency" text,
	"date" text,
	"release_count" integer NOT NULL,
	"version" integer NOT NULL,
	"change_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_processes_site_id_ocid_pk" PRIMARY KEY("site_id","ocid")
);
--> statement-breakpoint
CREATE TABLE "procurement_releases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"release_id" text NOT NULL,
	"hash" text NOT NULL,
	"date" text,
	"tag" jsonb,
	"source_id" uuid,
	"ingest_id" uuid,
	"data" jsonb NOT NULL,
	"seq" bigserial NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_sources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"url" text,
	"settings" text DEFAULT '' NOT NULL,
	"interval_seconds" integer DEFAULT 3600 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_versions" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"ocid" text NOT NULL,
	"version" integer NOT NULL,
	"release_id" text NOT NULL,
	"release_date" text,
	"source_id" uuid,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_agency_contacts" (
	"site_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"notify_email" text,
	"escalation_email" text,
	"webhook_url" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sr_areas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"service_codes" text[] NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"area_m2" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"agency_id" uuid,
	"area_id" uuid,
	"status" text NOT NULL,
	"status_notes" text,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"address_id" text,
	"description" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"email" text,
	"first_name" text,
	"last_name" text,
	"phone" text,
	"device_id" text,
	"user_id" uuid,
	"anonymous" boolean DEFAULT false NOT NULL,
	"notify" text DEFAULT 'none' NOT NULL,
	"media_url" text,
	"source" text NOT NULL,
	"token" text NOT NULL,
	"idempotency_key" text,
	"api_key_id" uuid,
	"me_too_count" integer DEFAULT 0 NOT NULL,
	"reopened" boolean DEFAULT false NOT NULL,
	"duplicate_of" uuid,
	"referred_to" text,
	"assigned_to" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expected_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"escalated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sr_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"group_id" uuid,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"keywords" text[] NOT NULL,
	"type" text DEFAULT 'realtime' NOT NULL,
	"attributes" jsonb NOT NULL,
	"agency_id" uuid,
	"target_hours" integer,
	"location_required" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"fallback_agency_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_updates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid,
	"visibility" text NOT NULL,
	"status_from" text,
	"status_to" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_ballots_voter" ON "budgeting_ballots" USING btree ("site_id","process_id","voter_key","pot");--> statement-breakpoint
CREATE INDEX "budgeting_ballots_district" ON "budgeting_ballots" USING btree ("site_id","process_id","district_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_categories_slug" ON "budgeting_categories" USING btree ("site_id","process_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_districts_slug" ON "budgeting_districts" USING btree ("site_id","process_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_processes_site_slug" ON "budgeting_processes" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "budgeting_project_history_project" ON "budgeting_project_history" USING btree ("site_id","project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_projects_code" ON "budgeting_projects" USING btree ("site_id","process_id","code");--> statement-breakpoint
CREATE INDEX "budgeting_projects_district" ON "budgeting_projects" USING btree ("site_id","district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_results_district" ON "budgeting_results" USING btree ("site_id","process_id","district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_voting_codes_hash" ON "budgeting_voting_codes" USING btree ("site_id","process_id","code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_user" ON "conversation_participants" USING btree ("conversation_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_xid" ON "conversation_participants" USING btree ("conversation_id","xid");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_anon" ON "conversation_participants" USING btree ("conversation_id","anon_hash");--> statement-breakpoint
CREATE INDEX "conversation_participants_site" ON "conversation_participants" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "conversation_statements_queue" ON "conversation_statements" USING btree ("site_id","conversation_id","moderation");--> statement-breakpoint
CREATE INDEX "conversation_votes_site" ON "conversation_votes" USING btree ("site_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_slug" ON "conversations" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_flagged" ON "procurement_risk_assessments" USING btree ("site_id","flag_count");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_buyer" ON "procurement_risk_assessments" USING btree ("site_id","buyer_id");--> statement-breakpoint
CREATE INDEX "procurement_risk_feedback_ocid" ON "procurement_risk_feedback" USING btree ("site_id","ocid","status","created_at");--> statement-breakpoint
CREATE INDEX "procurement_risk_triage_status" ON "procurement_risk_triage" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "procurement_risk_triage_events_ocid" ON "procurement_risk_triage_events" USING btree ("site_id","ocid","created_at");--> statement-breakpoint
CREATE INDEX "procurement_corrections_ocid" ON "procurement_corrections" USING btree ("site_id","ocid");--> statement-breakpoint
CREATE INDEX "procurement_ingests_site" ON "procurement_ingests" USING btree ("site_id","started_at");--> statement-breakpoint
CREATE INDEX "procurement_processes_change" ON "procurement_processes" USING btree ("site_id","change_seq");--> statement-breakpoint
CREATE INDEX "procurement_processes_date" ON "procurement_processes" USING btree ("site_id","date","ocid");--> statement-breakpoint
CREATE INDEX "procurement_processes_buyer" ON "procurement_processes" USING btree ("site_id","buyer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_releases_identity" ON "procurement_releases" USING btree ("site_id","ocid","release_id","hash");--> statement-breakpoint
CREATE INDEX "procurement_releases_ocid" ON "procurement_releases" USING btree ("site_id","ocid","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_sources_site_name" ON "procurement_sources" USING btree ("site_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_versions_ocid" ON "procurement_versions" USING btree ("site_id","ocid","version");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_agency_contacts_key" ON "sr_agency_contacts" USING btree ("site_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_api_keys_hash" ON "sr_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "sr_api_keys_site" ON "sr_api_keys" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "sr_areas_site" ON "sr_areas" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_groups_code" ON "sr_groups" USING btree ("site_id","code");--> statement-breakpoint
CREATE INDEX "sr_photos_request" ON "sr_photos" USING btree ("site_id","request_id");--> statement-breakpoint
CREATE INDEX "sr_requests_site_time" ON "sr_requests" USING btree ("site_id","requested_at");--> statement-breakpoint
CREATE INDEX "sr_requests_site_updated" ON "sr_requests" USING btree ("site_id","updated_at");--> statement-breakpoint
CREATE INDEX "sr_requests_site_status" ON "sr_requests" USING btree ("site_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "sr_requests_site_agency" ON "sr_requests" USING btree ("site_id","agency_id","status");--> statement-breakpoint
CREATE INDEX "sr_requests_site_geo" ON "sr_requests" USING btree ("site_id","lat","lon");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_requests_token" ON "sr_requests" USING btree ("site_id","token");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_requests_idempotency" ON "sr_requests" USING btree ("site_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_services_code" ON "sr_services" USING btree ("site_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_subscriptions_key" ON "sr_subscriptions" USING btree ("site_id","request_id","email");--> statement-breakpoint
CREATE INDEX "sr_updates_request" ON "sr_updates" USING btree ("site_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "sr_updates_time" ON "sr_updates" USING btree ("site_id","created_at");