ALTER TABLE "consultation_events" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_events" ADD COLUMN "reject_reason" text;