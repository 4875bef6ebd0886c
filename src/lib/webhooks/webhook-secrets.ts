import { providerSetting } from "@/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { findWebhookSecret, saveWebhookSecret, type WebhookSecretKey } from "@/lib/db/queries/webhook-secrets";
import { resolveProviderRoute, type ProviderRoute } from "@/lib/providers/routing";
import type { ProviderSlug } from "@/lib/providers/types";
import { sandboxWebhookSecret } from "@/sandbox/accounts";
import type { CurrentWebhookSecret, SubscriptionSecrets } from "./subscription-types";
import type { WebhookSecrets } from "./types";

type ConfiguredRoute = Exclude<ProviderRoute, { mode: "not_configured" }>;

function secretKey(slug: ProviderSlug, route: ConfiguredRoute): WebhookSecretKey {
  const endpoint = route.mode === "simulator" ? route.baseUrl : route.mode;
  return { provider: slug, clientId: route.credentials.clientId, endpoint };
}

/**
 * The secret a provider's pushes are checked with: <SLUG>_WEBHOOK_SECRET when the operator set
 * one, else the one we stored when we subscribed, else (sandbox, simulators) the simulators' default.
 */
export async function currentWebhookSecret(
  db: Database,
  slug: ProviderSlug,
  route: ConfiguredRoute,
): Promise<CurrentWebhookSecret> {
  const fromEnv = providerSetting(slug, "WEBHOOK_SECRET");
  if (fromEnv) return { value: fromEnv, source: "env" };
  const stored = await findWebhookSecret(db, secretKey(slug, route));
  if (stored)
    return { value: decryptSecret(stored.encryptedSecret), source: "stored", webhookId: stored.webhookId ?? undefined };
  return route.mode === "real" ? { source: "none" } : { value: sandboxWebhookSecret(slug), source: "sandbox" };
}

export function subscriptionSecrets(db: Database, slug: ProviderSlug, route: ConfiguredRoute): SubscriptionSecrets {
  return {
    current: () => currentWebhookSecret(db, slug, route),
    save: (secret) =>
      saveWebhookSecret(db, {
        ...secretKey(slug, route),
        encryptedSecret: encryptSecret(secret.value),
        webhookId: secret.webhookId ?? null,
      }),
  };
}

/** What /api/webhooks/<slug> verifies a push with; undefined when the provider is not configured. */
export async function resolveWebhookSecrets(
  db: Database,
  slug: ProviderSlug,
  origin: string,
): Promise<WebhookSecrets | undefined> {
  const route = await resolveProviderRoute(db, slug, origin);
  if (route.mode === "not_configured") return undefined;
  return { ...route.credentials, webhookSecret: (await currentWebhookSecret(db, slug, route)).value };
}
