import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

// App-level secrets of a provider's push subscription: Polar's signature_secret_key (shown
// once, in the reply that creates the webhook) and a verification token we made up for Oura.
// They belong to our client at the provider, not to a user, and are encrypted like tokens.
export const providerWebhookSecrets = pgTable(
  "provider_webhook_secrets",
  {
    provider: text().notNull(),
    clientId: text().notNull(),
    // "real", "sandbox" or a simulator's base URL: a secret a simulator issued means nothing
    // to the real provider, even under the same client id.
    endpoint: text().notNull(),
    // AES-256-GCM ciphertext (lib/crypto); never plaintext.
    encryptedSecret: text().notNull(),
    // The provider's id of the webhook the secret belongs to (Polar), so a stale one is recognised.
    webhookId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.provider, table.clientId, table.endpoint] })],
);

export type ProviderWebhookSecret = typeof providerWebhookSecrets.$inferSelect;
