import type { ProviderSync } from "@/lib/sync/types";
import type { SubscriptionOutcome } from "./subscription-types";

// Helpers the providers' ensure() implementations share; kept out of the types module.

export const emptyOutcome = (): SubscriptionOutcome => ({
  created: 0,
  updated: 0,
  renewed: 0,
  unchanged: 0,
  warnings: [],
});

/** The provider's names for the changes some stream reads: subscribing to more only brings pushes that sync nothing. */
export const webhookTypesRead = (sync: ProviderSync): string[] => [
  ...new Set(sync.streams.flatMap((stream) => stream.webhookTypes ?? [])),
];
