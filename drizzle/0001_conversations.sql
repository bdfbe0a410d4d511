CREATE TABLE "conversation_analyses" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"report" jsonb NOT NULL,
	"state" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pid" integer NOT NULL,
	"user_id" uuid,
	"xid" text,
	"anon_hash" text,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_participants_conversation_id_pid_pk" PRIMARY KEY("conversation_id","pid")
);
--> statement-breakpoint
CREATE TABLE "conversation_statements" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"tid" integer NOT NULL,
	"body" text NOT NULL,
	"author_pid" integer,
	"is_seed" boolean NOT NULL,
	"moderation" smallint NOT NULL,
	"is_meta" boolean DEFAULT false NOT NULL,
	"duplicate_of" integer,
	"similarity" real,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_statements_conversation_id_tid_pk" PRIMARY KEY("conversation_id","tid")
);
--> statement-breakpoint
CREATE TABLE "conversation_votes" (
	"site_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pid" integer NOT NULL,
	"tid" integer NOT NULL,
	"vote" smallint NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_votes_conversation_id_pid_tid_pk" PRIMARY KEY("conversation_id","pid","tid")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"topic" text NOT NULL,
	"description" text NOT NULL,
	"settings" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"xid_allow_list" text[],
	"closed" boolean DEFAULT false NOT NULL,
	"owner_id" uuid,
	"revision" integer DEFAULT 0 NOT NULL,
	"analyzed_revision" integer DEFAULT 0 NOT NULL,
	"next_participant" integer DEFAULT 0 NOT NULL,
	"next_statement" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_user" ON "conversation_participants" USING btree ("conversation_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_xid" ON "conversation_participants" USING btree ("conversation_id","xid");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_anon" ON "conversation_participants" USING btree ("conversation_id","anon_hash");--> statement-breakpoint
CREATE INDEX "conversation_participants_site" ON "conversation_participants" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "conversation_statements_queue" ON "conversation_statements" USING btree ("site_id","conversation_id","moderation");--> statement-breakpoint
CREATE INDEX "conversation_votes_site" ON "conversation_votes" USING btree ("site_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_slug" ON "conversations" USING btree ("site_id","slug");