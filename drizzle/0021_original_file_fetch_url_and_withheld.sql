-- A fetch without a URL cannot be tried; the next sync names the file again with its URL.
DELETE FROM "original_file_fetches" WHERE "url" IS NULL;--> statement-breakpoint
DROP INDEX "original_file_fetches_due_idx";--> statement-breakpoint
ALTER TABLE "original_file_fetches" ALTER COLUMN "url" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "original_file_fetches_due_idx" ON "original_file_fetches" USING btree ("connection_id","created_at") WHERE "original_file_fetches"."state" in ('pending', 'withheld');