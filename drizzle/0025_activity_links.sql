CREATE TABLE "activity_link_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"decision" text NOT NULL,
	"provider_a" text NOT NULL,
	"external_id_a" text NOT NULL,
	"provider_b" text NOT NULL,
	"external_id_b" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"activity_id" uuid NOT NULL,
	"other_activity_id" uuid NOT NULL,
	"method" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_priorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"sport" text NOT NULL,
	"providers" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "activity_link_decisions" ADD CONSTRAINT "activity_link_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_links" ADD CONSTRAINT "activity_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_links" ADD CONSTRAINT "activity_links_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_links" ADD CONSTRAINT "activity_links_other_activity_id_activities_id_fk" FOREIGN KEY ("other_activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_priorities" ADD CONSTRAINT "source_priorities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_link_decisions_pair_unique" ON "activity_link_decisions" USING btree ("user_id","provider_a","external_id_a","provider_b","external_id_b");--> statement-breakpoint
CREATE INDEX "activity_link_decisions_b_idx" ON "activity_link_decisions" USING btree ("user_id","provider_b","external_id_b");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_links_pair_unique" ON "activity_links" USING btree ("activity_id","other_activity_id");--> statement-breakpoint
CREATE INDEX "activity_links_other_idx" ON "activity_links" USING btree ("other_activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_priorities_user_sport_unique" ON "source_priorities" USING btree ("user_id","sport");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_merged_into_id_activities_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_merged_into_idx" ON "activities" USING btree ("merged_into_id") WHERE "activities"."merged_into_id" is not null;