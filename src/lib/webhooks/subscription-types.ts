import type { ProviderContext } from "@/lib/providers/base-types";

// The contract for app-level push subscriptions (Oura's subscriptions, Polar's one webhook):
// owned by our client at the provider, not by a user, and kept pointing at our
// /api/webhooks/<slug> by ensure(), on connect and from the scheduled sync.

/** The secret our webhook route checks a provider's pushes with, and where it comes from. */
export interface CurrentWebhookSecret {
  value?: string;
  /** env: <SLUG>_WEBHOOK_SECRET; stored: provider_webhook_secrets; sandbox: the simulators' default. */
  source: "env" | "stored" | "sandbox" | "none";
  /** For a stored secret, the provider's id of the webhook it belongs to (Polar). */
  webhookId?: string;
}

export interface SubscriptionSecrets {
  current(): Promise<CurrentWebhookSecret>;
  /** Keeps a secret the provider issued (Polar) or one we made up (an Oura verification token). */
  save(secret: { value: string; webhookId?: string }): Promise<void>;
}

export interface SubscriptionParams {
  /** Client credentials and the provider fetch (sandbox and simulators included). */
  context: ProviderContext;
  /** <app url>/api/webhooks/<slug> */
  callbackUrl: string;
  secrets: SubscriptionSecrets;
}

export interface SubscriptionOutcome {
  created: number;
  updated: number;
  renewed: number;
  unchanged: number;
  /** Something only the operator can fix (e.g. a webhook whose signing key we never saw). */
  warnings: string[];
}

export interface ProviderSubscriptions {
  /** Creates what is missing, renews what expires, repoints what names another URL; idempotent. */
  ensure(params: SubscriptionParams): Promise<SubscriptionOutcome>;
}
