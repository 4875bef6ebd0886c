import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { providerWebhookSecrets, type ProviderWebhookSecret } from "../schema";

// App-level, not per user: these secrets belong to our client at a provider, which pushes
// every user's changes through one webhook.

export type WebhookSecretKey = Pick<ProviderWebhookSecret, "provider" | "clientId" | "endpoint">;

const whereKey = (key: WebhookSecretKey) =>
  and(
    eq(providerWebhookSecrets.provider, key.provider),
    eq(providerWebhookSecrets.clientId, key.clientId),
    eq(providerWebhookSecrets.endpoint, key.endpoint),
  );

export async function findWebhookSecret(db: Database, params: WebhookSecretKey): Promise<ProviderWebhookSecret | null> {
  const [row] = await db.select().from(providerWebhookSecrets).where(whereKey(params)).limit(1);
  return row ?? null;
}

/** One secret per client and endpoint: a new webhook's key replaces the old one. */
export async function saveWebhookSecret(
  db: Database,
  params: WebhookSecretKey & Pick<ProviderWebhookSecret, "encryptedSecret" | "webhookId">,
): Promise<void> {
  await db
    .insert(providerWebhookSecrets)
    .values(params)
    .onConflictDoUpdate({
      target: [providerWebhookSecrets.provider, providerWebhookSecrets.clientId, providerWebhookSecrets.endpoint],
      set: { encryptedSecret: params.encryptedSecret, webhookId: params.webhookId, updatedAt: new Date() },
    });
}
