ALTER TABLE "sr_agency_contacts" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "sr_settings" ADD COLUMN "catalogue_revision" integer DEFAULT 0 NOT NULL;