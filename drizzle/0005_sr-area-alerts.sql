CREATE TABLE "sr_area_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"area_id" uuid,
	"lat" double precision,
	"lon" double precision,
	"radius_m" integer,
	"label" text NOT NULL,
	"token" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"sent_up_to" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sr_area_alerts_token" ON "sr_area_alerts" USING btree ("site_id","token");--> statement-breakpoint
CREATE INDEX "sr_area_alerts_site" ON "sr_area_alerts" USING btree ("site_id","confirmed_at");