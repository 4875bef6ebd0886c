DROP INDEX "sync_jobs_one_active_per_connection";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "height_m" double precision;--> statement-breakpoint
ALTER TABLE "body_measurements" ADD COLUMN "external_id" text;--> statement-breakpoint
-- Fitbit weigh-ins synced before ids were kept: the id is the last segment of the data point's
-- name, still in raw. They were never forwarded, so they wait for it (pending).
UPDATE "body_measurements" AS "b" SET "external_id" = regexp_replace("b"."raw"->'weight'->>'name', '^.*/', ''), "sync_status" = 'pending'
WHERE "b"."provider" = 'fitbit' AND "b"."external_id" IS NULL AND "b"."raw"->'weight'->>'name' IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "body_measurements" AS "o" WHERE "o"."user_id" = "b"."user_id" AND "o"."provider" = "b"."provider"
    AND "o"."id" <> "b"."id" AND "o"."raw"->'weight'->>'name' = "b"."raw"->'weight'->>'name');--> statement-breakpoint
CREATE UNIQUE INDEX "body_measurements_provider_external_unique" ON "body_measurements" USING btree ("user_id","provider","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_one_weight_per_connection" ON "sync_jobs" USING btree ("connection_id") WHERE status in ('pending', 'running', 'waiting') and kind = 'weight';--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_one_active_per_connection" ON "sync_jobs" USING btree ("connection_id") WHERE status in ('pending', 'running', 'waiting') and kind not in ('push', 'weight');