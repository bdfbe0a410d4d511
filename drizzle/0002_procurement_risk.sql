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
CREATE INDEX "procurement_risk_assessments_flagged" ON "procurement_risk_assessments" USING btree ("site_id","flag_count");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_buyer" ON "procurement_risk_assessments" USING btree ("site_id","buyer_id");--> statement-breakpoint
CREATE INDEX "procurement_risk_feedback_ocid" ON "procurement_risk_feedback" USING btree ("site_id","ocid","status","created_at");--> statement-breakpoint
CREATE INDEX "procurement_risk_triage_status" ON "procurement_risk_triage" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "procurement_risk_triage_events_ocid" ON "procurement_risk_triage_events" USING btree ("site_id","ocid","created_at");