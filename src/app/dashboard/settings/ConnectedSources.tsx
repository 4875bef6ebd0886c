import { getDb } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { PROVIDERS } from "@/lib/providers";
import { resolveProviderRoute } from "@/lib/providers/routing";
import { SourceCard } from "./SourceCard";

/** A card per provider in the registry, with that person's linked accounts of it. */
export async function ConnectedSources({ userId, origin }: { userId: string; origin: string }) {
  const connections = await listConnections(await getDb(), { userId });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {PROVIDERS.map((provider) => (
        <SourceCard
          key={provider.slug}
          provider={provider}
          route={resolveProviderRoute(provider.slug, origin).mode}
          connections={connections.filter((connection) => connection.provider === provider.slug)}
        />
      ))}
    </div>
  );
}
