CREATE TABLE "budgeting_census" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"id_hash" text NOT NULL,
	"district_id" uuid,
	"user_id" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgeting_residences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "budgeting_ballots_voter";--> statement-breakpoint
DROP INDEX "budgeting_ballots_person";--> statement-breakpoint
ALTER TABLE "budgeting_ballots" ADD COLUMN "slot" text;--> statement-breakpoint
UPDATE "budgeting_ballots" SET "slot" = "pot";--> statement-breakpoint
ALTER TABLE "budgeting_ballots" ALTER COLUMN "slot" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "budgeting_processes" ADD COLUMN "district_voting" text DEFAULT 'one' NOT NULL;--> statement-breakpoint
ALTER TABLE "budgeting_processes" ADD COLUMN "eligibility" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_census_hash" ON "budgeting_census" USING btree ("site_id","process_id","id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_census_user" ON "budgeting_census" USING btree ("site_id","process_id","user_id") WHERE "budgeting_census"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_residences_user" ON "budgeting_residences" USING btree ("site_id","process_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_ballots_voter_slot" ON "budgeting_ballots" USING btree ("site_id","process_id","voter_key","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_ballots_person_slot" ON "budgeting_ballots" USING btree ("site_id","process_id","user_id","slot") WHERE "budgeting_ballots"."user_id" is not null;