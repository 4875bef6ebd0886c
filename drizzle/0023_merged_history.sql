CREATE TABLE "merged_daily_metrics" (
	"user_id" text NOT NULL,
	"metric" text NOT NULL,
	"local_date" date NOT NULL,
	"value" double precision NOT NULL,
	"provider" text NOT NULL,
	"source_id" text NOT NULL,
	"explanation" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merged_daily_metrics_user_id_metric_local_date_pk" PRIMARY KEY("user_id","metric","local_date")
);
--> statement-breakpoint
CREATE TABLE "metric_source_priorities" (
	"user_id" text NOT NULL,
	"metric" text NOT NULL,
	"sources" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_source_priorities_user_id_metric_pk" PRIMARY KEY("user_id","metric")
);
--> statement-breakpoint
CREATE TABLE "sleep_session_copies" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"primary_session_id" uuid NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weigh_in_copies" (
	"measurement_id" uuid PRIMARY KEY NOT NULL,
	"primary_measurement_id" uuid NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "merged_daily_metrics" ADD CONSTRAINT "merged_daily_metrics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_source_priorities" ADD CONSTRAINT "metric_source_priorities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sleep_session_copies" ADD CONSTRAINT "sleep_session_copies_session_id_sleep_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sleep_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sleep_session_copies" ADD CONSTRAINT "sleep_session_copies_primary_session_id_sleep_sessions_id_fk" FOREIGN KEY ("primary_session_id") REFERENCES "public"."sleep_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sleep_session_copies" ADD CONSTRAINT "sleep_session_copies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weigh_in_copies" ADD CONSTRAINT "weigh_in_copies_measurement_id_body_measurements_id_fk" FOREIGN KEY ("measurement_id") REFERENCES "public"."body_measurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weigh_in_copies" ADD CONSTRAINT "weigh_in_copies_primary_measurement_id_body_measurements_id_fk" FOREIGN KEY ("primary_measurement_id") REFERENCES "public"."body_measurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weigh_in_copies" ADD CONSTRAINT "weigh_in_copies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sleep_session_copies_primary_idx" ON "sleep_session_copies" USING btree ("primary_session_id");--> statement-breakpoint
CREATE INDEX "weigh_in_copies_primary_idx" ON "weigh_in_copies" USING btree ("primary_measurement_id");