import { getDb } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findLatestJobs } from "@/lib/db/queries/sync-jobs";
import { PROVIDERS } from "@/lib/providers";
import { resolveProviderRoute } from "@/lib/providers/routing";
import { AutoRefresh } from "./AutoRefresh";
import { SourceCard } from "./SourceCard";

/** A card per provider in the registry, with that person's linked accounts of it. */
export async function ConnectedSources({ userId, origin }: { userId: string; origin: string }) {
  const db = await getDb();
  const [connections, jobs] = await Promise.all([listConnections(db, { userId }), findLatestJobs(db, { userId })]);
  const isSyncing = [...jobs.values()].some((job) => ["pending", "running", "waiting"].includes(job.status));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <AutoRefresh isActive={isSyncing} />
      {PROVIDERS.map((provider) => (
        <SourceCard
          key={provider.slug}
          provider={provider}
          route={resolveProviderRoute(provider.slug, origin).mode}
          connections={connections.filter((connection) => connection.provider === provider.slug)}
          jobs={jobs}
        />
      ))}
    </div>
  );
}
