-- The name index below needs pg_trgm: trusted since Postgres 13 (the database owner may create
-- it), and loaded into PGlite by src/lib/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "activities_user_start_idx";--> statement-breakpoint
DROP INDEX "activities_user_type_start_idx";--> statement-breakpoint
DROP INDEX "activities_user_provider_start_idx";--> statement-breakpoint
CREATE INDEX "activities_name_trgm_idx" ON "activities" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activities_user_start_idx" ON "activities" USING btree ("user_id","start_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activities_user_type_start_idx" ON "activities" USING btree ("user_id","type","start_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activities_user_provider_start_idx" ON "activities" USING btree ("user_id","provider","start_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);