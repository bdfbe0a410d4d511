-- Weights a site set before risk settings existed become its settings' weights (version 1), so an upgrade loses none.
INSERT INTO "procurement_risk_settings" ("site_id", "settings", "version", "updated_by", "updated_at")
SELECT "site_id", jsonb_build_object('weights', jsonb_object_agg("code", "weight")), 1, NULL, max("updated_at")
FROM "procurement_risk_weights" GROUP BY "site_id"
ON CONFLICT ("site_id") DO NOTHING;--> statement-breakpoint
DROP TABLE "procurement_risk_weights" CASCADE;--> statement-breakpoint
-- Assessments stored before scores and buckets were kept per row are re-assessed by one queued refresh per site.
INSERT INTO "jobs" ("id", "site_id", "kind", "payload", "status", "run_at", "max_attempts", "created_at")
SELECT gen_random_uuid(), "site_id", 'procurement.risk.refresh', '{}'::jsonb, 'queued', now(), 5, now()
FROM "procurement_risk_runs";
