CREATE TABLE "budgeting_project_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"alt" text NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budgeting_voting_codes" ADD COLUMN "user_id" uuid;--> statement-breakpoint
CREATE INDEX "budgeting_project_images_project" ON "budgeting_project_images" USING btree ("site_id","project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "budgeting_ballots_person" ON "budgeting_ballots" USING btree ("site_id","process_id","user_id","pot") WHERE "budgeting_ballots"."user_id" is not null;