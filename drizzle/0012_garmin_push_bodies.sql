DROP INDEX "sync_jobs_one_active_per_connection";--> statement-breakpoint
ALTER TABLE "ingest_receipts" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_one_active_per_connection" ON "sync_jobs" USING btree ("connection_id") WHERE status in ('pending', 'running', 'waiting') and kind <> 'push';