DROP INDEX "samples_natural_unique";--> statement-breakpoint
ALTER TABLE "samples" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_pkey" PRIMARY KEY("user_id","metric","time","provider","source_id");
