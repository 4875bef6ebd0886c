DROP INDEX "sync_jobs_one_active_per_connection";--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_job_id_sync_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_one_sync_per_connection" ON "sync_jobs" USING btree ("connection_id") WHERE status in ('pending', 'running', 'waiting') and kind not in ('push', 'weight', 'forward');--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_one_forward_per_connection" ON "sync_jobs" USING btree ("connection_id") WHERE status in ('pending', 'running', 'waiting') and kind = 'forward';--> statement-breakpoint
CREATE INDEX "forwarding_log_job_idx" ON "forwarding_log" USING btree ("job_id");