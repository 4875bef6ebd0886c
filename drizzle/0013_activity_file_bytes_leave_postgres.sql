-- No code wrote this table while it held the bytes; a row without its bytes would point at nothing.
DELETE FROM "activity_files";--> statement-breakpoint
ALTER TABLE "activity_files" DROP COLUMN "data";
