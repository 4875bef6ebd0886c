CREATE TABLE "provider_webhook_secrets" (
	"provider" text NOT NULL,
	"client_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"encrypted_secret" text NOT NULL,
	"webhook_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_webhook_secrets_provider_client_id_endpoint_pk" PRIMARY KEY("provider","client_id","endpoint")
);
