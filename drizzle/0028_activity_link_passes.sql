CREATE TABLE "activity_link_passes" (
	"user_id" text PRIMARY KEY NOT NULL,
	"cursor_start_at" timestamp with time zone,
	"cursor_id" uuid,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_link_passes" ADD CONSTRAINT "activity_link_passes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;