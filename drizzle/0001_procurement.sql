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
CREATE INDEX "procurement_corrections_ocid" ON "procurement_corrections" USING btree ("site_id","ocid");--> statement-breakpoint
CREATE INDEX "procurement_ingests_site" ON "procurement_ingests" USING btree ("site_id","started_at");--> statement-breakpoint
CREATE INDEX "procurement_processes_change" ON "procurement_processes" USING btree ("site_id","change_seq");--> statement-breakpoint
CREATE INDEX "procurement_processes_date" ON "procurement_processes" USING btree ("site_id","date","ocid");--> statement-breakpoint
CREATE INDEX "procurement_processes_buyer" ON "procurement_processes" USING btree ("site_id","buyer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_releases_identity" ON "procurement_releases" USING btree ("site_id","ocid","release_id","hash");--> statement-breakpoint
CREATE INDEX "procurement_releases_ocid" ON "procurement_releases" USING btree ("site_id","ocid","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_sources_site_name" ON "procurement_sources" USING btree ("site_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_versions_ocid" ON "procurement_versions" USING btree ("site_id","ocid","version");