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