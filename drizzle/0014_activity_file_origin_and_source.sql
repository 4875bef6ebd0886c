ALTER TABLE "activity_files" ADD COLUMN "origin" text NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_files" ADD COLUMN "source" text NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_files" ADD COLUMN "start_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "activity_files_activity_idx" ON "activity_files" USING btree ("activity_id");