CREATE TABLE "consultation_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"organisation_id" uuid,
	"organiser_name" text NOT NULL,
	"country" text NOT NULL,
	"region" text,
	"starts_at" timestamp with time zone NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"place_name" text,
	"lat" double precision,
	"lon" double precision,
	"format" text NOT NULL,
	"language" text NOT NULL,
	"participants" integer,
	"make_up" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"outcome_summary" text,
	"outcome_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome_recorded_at" timestamp with time zone,
	"created_by" uuid,
	"decided_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"label" text,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_questionnaires" (
	"site_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"respondent_key" text NOT NULL,
	"user_id" uuid,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"page" integer DEFAULT 0 NOT NULL,
	"locale" text NOT NULL,
	"resume_hash" text,
	"entered_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"status" text NOT NULL,
	"participation" text NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"current_version" integer DEFAULT 1 NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"margins" jsonb,
	"weighting" jsonb DEFAULT '{"method":"none","questions":[]}'::jsonb NOT NULL,
	"published_questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"results_published" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consultation_events_c" ON "consultation_events" USING btree ("site_id","consultation_id","status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_invitations_code" ON "consultation_invitations" USING btree ("site_id","code_hash");--> statement-breakpoint
CREATE INDEX "consultation_invitations_c" ON "consultation_invitations" USING btree ("site_id","consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_questionnaires_version" ON "consultation_questionnaires" USING btree ("site_id","consultation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_respondent" ON "consultation_responses" USING btree ("site_id","consultation_id","respondent_key");--> statement-breakpoint
CREATE INDEX "consultation_responses_status" ON "consultation_responses" USING btree ("site_id","consultation_id","status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_resume" ON "consultation_responses" USING btree ("site_id","resume_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_site_slug" ON "consultations" USING btree ("site_id","slug");