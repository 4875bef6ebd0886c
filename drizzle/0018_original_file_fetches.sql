CREATE TABLE "original_file_fetches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"activity_external_id" text NOT NULL,
	"file_key" text NOT NULL,
	"format" text NOT NULL,
	"url" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"message" text,
	"file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "original_file_fetches" ADD CONSTRAINT "original_file_fetches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "original_file_fetches" ADD CONSTRAINT "original_file_fetches_connection_id_provider_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "original_file_fetches" ADD CONSTRAINT "original_file_fetches_file_id_activity_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."activity_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "original_file_fetches_file_unique" ON "original_file_fetches" USING btree ("connection_id","activity_external_id","file_key");--> statement-breakpoint
CREATE INDEX "original_file_fetches_due_idx" ON "original_file_fetches" USING btree ("connection_id","created_at") WHERE "original_file_fetches"."state" in ('pending', 'withheld');