CREATE TABLE "sign_in_backoffs" (
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"account_key" text NOT NULL,
	"level" integer NOT NULL,
	"paused_until" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_backoffs_user_id_provider_account_key_pk" PRIMARY KEY("user_id","provider","account_key")
);
--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "encrypted_login" text;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "paused_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "pause_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "sync_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sign_in_backoffs" ADD CONSTRAINT "sign_in_backoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;