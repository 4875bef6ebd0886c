import { getDb } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findLastScheduledFinds, findLatestJobs } from "@/lib/db/queries/sync-jobs";
import { countUnfinishedReceipts, findLatestReceipts } from "@/lib/db/queries/ingest-receipts";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { PROVIDERS } from "@/lib/providers";
import { hasErrorCode } from "@/lib/errors";
import { resolveProviderRoute, type ProviderRoute } from "@/lib/providers/routing";
import { AutoRefresh } from "./AutoRefresh";
import { PushSourceCard } from "./PushSourceCard";
import { SourceCard } from "./SourceCard";

// A saved client secret this key cannot open shows as "not configured"; Provider apps says why.
const notConfigured = (error: unknown): ProviderRoute => {
  if (hasErrorCode(error, "NOT_CONFIGURED")) return { mode: "not_configured" };
  throw error;
};

/** A card per provider in the registry, with that person's linked accounts of it. */
export async function ConnectedSources({ userId, origin }: { userId: string; origin: string }) {
  const db = await getDb();
  const [routes, connections, jobs, scheduledFinds, receipts, unfinishedCount] = await Promise.all([
    Promise.all(PROVIDERS.map((provider) => resolveProviderRoute(db, provider.slug, origin).catch(notConfigured))),
    listConnections(db, { userId }),
    findLatestJobs(db, { userId }),
    findLastScheduledFinds(db, { userId }),
    findLatestReceipts(db, { userId }),
    countUnfinishedReceipts(db, { userId }),
  ]);
  const isSyncing = [...jobs.values()].some((job) => ["pending", "running", "waiting"].includes(job.status));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <AutoRefresh isActive={isSyncing} />
      {PROVIDERS.map((provider, index) => (
        <SourceCard
          key={provider.slug}
          provider={provider}
          route={routes[index]!.mode}
          connections={connections.filter((connection) => connection.provider === provider.slug)}
          jobs={jobs}
          scheduledFinds={scheduledFinds}
        />
      ))}
      {PUSH_SOURCES.map((source) => (
        <PushSourceCard
          key={source.slug}
          source={source}
          connection={connections.find((connection) => connection.provider === source.slug)}
          receipt={receipts.get(source.format)}
          unfinishedCount={unfinishedCount}
        />
      ))}
    </div>
  );
}
