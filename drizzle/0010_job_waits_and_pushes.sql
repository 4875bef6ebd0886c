ALTER TABLE "provider_connections" ADD COLUMN "last_push_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "waiting_on" text;--> statement-breakpoint
CREATE INDEX "sync_jobs_user_started_idx" ON "sync_jobs" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "ingest_receipts_unfinished_idx" ON "ingest_receipts" USING btree ("received_at") WHERE status = 'received';