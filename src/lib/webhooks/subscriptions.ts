import type { Database } from "@/lib/db";
import { listLinkedProviders } from "@/lib/db/queries/connections";
import { PROVIDERS } from "@/lib/providers";
import { contextForRoute, resolveProviderRoute } from "@/lib/providers/routing";
import type { ProviderDefinition } from "@/lib/providers/types";
import type { SubscriptionOutcome } from "./subscription-types";
import { subscriptionSecrets } from "./webhook-secrets";

export type SubscriptionReport = Record<string, SubscriptionOutcome | { error: string }>;

const webhookCallbackUrl = (appUrl: string, slug: string) => `${appUrl.replace(/\/+$/, "")}/api/webhooks/${slug}`;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps one provider's app-level push subscriptions pointing at this app. Undefined when it
 * has none, or is not configured: a provider nobody configured is never subscribed to.
 */
export async function ensureProviderSubscriptions(
  db: Database,
  provider: ProviderDefinition,
  appUrl: string,
): Promise<SubscriptionOutcome | undefined> {
  if (!provider.subscriptions) return undefined;
  const route = await resolveProviderRoute(db, provider.slug, appUrl);
  if (route.mode === "not_configured") return undefined;
  const outcome = await provider.subscriptions.ensure({
    context: contextForRoute(provider, route),
    callbackUrl: webhookCallbackUrl(appUrl, provider.slug),
    secrets: subscriptionSecrets(db, provider.slug, route),
  });
  for (const warning of outcome.warnings) console.warn(`[webhooks] ${provider.name}: ${warning}`);
  return outcome;
}

/**
 * The scheduled pass over every provider someone has linked: creates what is missing, renews
 * what is about to expire. One provider's failure does not stop the next.
 */
export async function ensureWebhookSubscriptions(
  db: Database,
  params: { appUrl: string },
): Promise<SubscriptionReport> {
  const linked = new Set(await listLinkedProviders(db));
  const report: SubscriptionReport = {};
  for (const provider of PROVIDERS) {
    if (!provider.subscriptions || !linked.has(provider.slug)) continue;
    try {
      const outcome = await ensureProviderSubscriptions(db, provider, params.appUrl);
      if (outcome) report[provider.slug] = outcome;
    } catch (error) {
      report[provider.slug] = { error: messageOf(error) };
      console.warn(
        `[webhooks] keeping ${provider.name} push subscriptions at ${webhookCallbackUrl(params.appUrl, provider.slug)} failed: ${messageOf(error)}`,
      );
    }
  }
  return report;
}

/**
 * Right after a connect. Best effort: a connection is worth having without pushes (the
 * scheduled sync pulls, and its next pass subscribes again), so a failure is only logged.
 */
export async function subscribeAfterConnect(db: Database, provider: ProviderDefinition, appUrl: string): Promise<void> {
  try {
    await ensureProviderSubscriptions(db, provider, appUrl);
  } catch (error) {
    // The URL tells a callback the provider cannot reach (a test origin, a private host) from a refusal.
    console.warn(
      `[webhooks] subscribing to ${provider.name} pushes at ${webhookCallbackUrl(appUrl, provider.slug)} failed; the scheduled sync tries again: ${messageOf(error)}`,
    );
  }
}
