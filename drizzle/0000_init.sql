CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"agency_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"email_confirmed_at" timestamp with time zone,
	"locale" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_call_submission_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"message" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_call_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"locale" text NOT NULL,
	"case_study_id" uuid,
	"reject_reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_case_studies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"country" text NOT NULL,
	"level" text NOT NULL,
	"sectors" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"stage" text NOT NULL,
	"year_launched" integer NOT NULL,
	"organisations" jsonb NOT NULL,
	"links" jsonb NOT NULL,
	"images" jsonb NOT NULL,
	"recognitions" jsonb NOT NULL,
	"status" text NOT NULL,
	"original_locale" text NOT NULL,
	"published_at" timestamp with time zone,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"type" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"tags" text[] NOT NULL,
	"status" text NOT NULL,
	"original_locale" text NOT NULL,
	"published_at" timestamp with time zone,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_revisions" (
	"site_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"revision" integer NOT NULL,
	CONSTRAINT "library_revisions_site_id_kind_pk" PRIMARY KEY("site_id","kind")
);
--> statement-breakpoint
CREATE TABLE "library_search_docs" (
	"site_id" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"config" text NOT NULL,
	"document" "tsvector" NOT NULL,
	CONSTRAINT "library_search_docs_site_id_item_id_locale_pk" PRIMARY KEY("site_id","item_id","locale")
);
--> statement-breakpoint
CREATE TABLE "library_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"is_image" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"contact" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"hosts" text[] NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"locales" text[] NOT NULL,
	"default_locale" text NOT NULL,
	"logo_url" text,
	"colors" jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sites_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "auth_tokens_user" ON "auth_tokens" USING btree ("site_id","user_id");--> statement-breakpoint
CREATE INDEX "role_grants_user" ON "role_grants" USING btree ("site_id","user_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("site_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_site_email" ON "users" USING btree ("site_id","email");--> statement-breakpoint
CREATE INDEX "library_call_submission_events_sub" ON "library_call_submission_events" USING btree ("site_id","submission_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "library_call_submissions_person" ON "library_call_submissions" USING btree ("site_id","call_id","user_id");--> statement-breakpoint
CREATE INDEX "library_call_submissions_status" ON "library_call_submissions" USING btree ("site_id","status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "library_calls_site_slug" ON "library_calls" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "library_calls_site_deadline" ON "library_calls" USING btree ("site_id","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "library_case_studies_slug" ON "library_case_studies" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "library_case_studies_status" ON "library_case_studies" USING btree ("site_id","status","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "library_posts_slug" ON "library_posts" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "library_posts_status" ON "library_posts" USING btree ("site_id","status","published_at");--> statement-breakpoint
CREATE INDEX "library_search_docs_item" ON "library_search_docs" USING btree ("site_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "library_search_docs_document" ON "library_search_docs" USING gin ("document");--> statement-breakpoint
CREATE INDEX "library_uploads_site" ON "library_uploads" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_site_created" ON "outbox" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_site_slug" ON "organisations" USING btree ("site_id","slug");--> statement-breakpoint
CREATE INDEX "organisations_site_kind" ON "organisations" USING btree ("site_id","kind");