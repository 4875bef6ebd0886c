CREATE TABLE "forwarding_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"rule_id" uuid,
	"source_activity_id" uuid NOT NULL,
	"destination_connection_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"matched_activity_id" uuid,
	"matched_external_id" text,
	"upload_id" text,
	"message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forwarding_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"source_connection_id" uuid NOT NULL,
	"destination_connection_id" uuid NOT NULL,
	"activity_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" timestamp with time zone,
	"end_date" timestamp with time zone,
	"conflict_strategy" text DEFAULT 'skip_existing' NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_rule_id_forwarding_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."forwarding_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_source_activity_id_activities_id_fk" FOREIGN KEY ("source_activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_destination_connection_id_provider_connections_id_fk" FOREIGN KEY ("destination_connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_log" ADD CONSTRAINT "forwarding_log_matched_activity_id_activities_id_fk" FOREIGN KEY ("matched_activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_rules" ADD CONSTRAINT "forwarding_rules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_rules" ADD CONSTRAINT "forwarding_rules_source_connection_id_provider_connections_id_fk" FOREIGN KEY ("source_connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_rules" ADD CONSTRAINT "forwarding_rules_destination_connection_id_provider_connections_id_fk" FOREIGN KEY ("destination_connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forwarding_log_pair_unique" ON "forwarding_log" USING btree ("source_activity_id","destination_connection_id");--> statement-breakpoint
CREATE INDEX "forwarding_log_user_idx" ON "forwarding_log" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "forwarding_log_rule_idx" ON "forwarding_log" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "forwarding_rules_user_idx" ON "forwarding_rules" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "forwarding_rules_source_idx" ON "forwarding_rules" USING btree ("source_connection_id");