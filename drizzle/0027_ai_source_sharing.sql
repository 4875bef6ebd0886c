CREATE TABLE "ai_source_sharing" (
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"is_allowed" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_source_sharing_user_id_provider_pk" PRIMARY KEY("user_id","provider")
);
--> statement-breakpoint
ALTER TABLE "ai_source_sharing" ADD CONSTRAINT "ai_source_sharing_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;