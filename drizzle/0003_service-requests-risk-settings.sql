CREATE TABLE "procurement_risk_setting_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_risk_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sr_places" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"aliases" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "procurement_risk_assessments_buyer";--> statement-breakpoint
ALTER TABLE "procurement_risk_assessments" ADD COLUMN "score" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement_risk_assessments" ADD COLUMN "bucket" text DEFAULT 'low' NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement_risk_assessments" ADD COLUMN "supplier_ids" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement_risk_assessments" ADD COLUMN "tenderer_ids" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement_risk_runs" ADD COLUMN "settings_version" integer DEFAULT -1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sr_agency_contacts" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "sr_settings" ADD COLUMN "catalogue_revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "procurement_risk_setting_changes_site" ON "procurement_risk_setting_changes" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sr_places_name" ON "sr_places" USING btree ("site_id","name");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_suppliers" ON "procurement_risk_assessments" USING gin ("supplier_ids");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_tenderers" ON "procurement_risk_assessments" USING gin ("tenderer_ids");--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_buyer" ON "procurement_risk_assessments" USING btree ("site_id","buyer_id","date");