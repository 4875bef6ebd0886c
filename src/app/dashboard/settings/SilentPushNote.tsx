import { getEnv } from "@/env";
import type { ProviderConnection } from "@/lib/db/schema";
import type { ProviderDefinition } from "@/lib/providers/types";
import { describeSilentPush } from "@/lib/webhooks/silent-push";

/** Under a connection whose provider should push but has gone quiet while polling still finds data. */
export function SilentPushNote({
  connection,
  provider,
  lastScheduledFindAt,
}: {
  connection: ProviderConnection;
  provider: ProviderDefinition;
  lastScheduledFindAt?: Date;
}) {
  if (!provider.webhook) return null;
  const note = describeSilentPush({
    providerName: provider.name,
    lastPushAt: connection.lastPushAt,
    connectedAt: connection.createdAt,
    lastScheduledFindAt,
    intervalMinutes: getEnv().QT_SYNC_INTERVAL_MINUTES,
  });
  if (!note) return null;
  return (
    <p className="mt-1 text-sm text-amber-700 dark:text-amber-400" data-testid={`silent-push-${provider.slug}`}>
      {note}
    </p>
  );
}
