CREATE TABLE "procurement_currency_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"reference_currency" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement_exchange_rates" (
	"site_id" uuid NOT NULL,
	"base" text NOT NULL,
	"currency" text NOT NULL,
	"date" text NOT NULL,
	"rate" double precision NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procurement_exchange_rates_site_id_base_currency_date_pk" PRIMARY KEY("site_id","base","currency","date")
);
--> statement-breakpoint
ALTER TABLE "procurement_risk_triage" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "procurement_risk_triage" ADD COLUMN "published_by" uuid;--> statement-breakpoint
CREATE INDEX "procurement_risk_assessments_bucket" ON "procurement_risk_assessments" USING btree ("site_id","bucket");--> statement-breakpoint
CREATE INDEX "procurement_processes_status" ON "procurement_processes" USING btree ("site_id","status","date");--> statement-breakpoint
CREATE INDEX "procurement_processes_amount" ON "procurement_processes" USING btree ("site_id","amount");