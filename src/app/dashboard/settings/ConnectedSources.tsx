import { getDb } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findActiveForwardJobs, findLastScheduledFinds, findLatestJobs } from "@/lib/db/queries/sync-jobs";
import { countUnfinishedReceipts, findLatestReceipts } from "@/lib/db/queries/ingest-receipts";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { PROVIDERS } from "@/lib/providers";
import { hasErrorCode } from "@/lib/errors";
import { findCredentialProvider, listCredentialRegions } from "@/lib/providers/credential-index";
import { resolveCredentialRoute } from "@/lib/providers/credential-routing";
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
  const [routes, connections, jobs, scheduledFinds, receipts, unfinishedCount, forwardJobs] = await Promise.all([
    Promise.all(PROVIDERS.map((provider) => resolveProviderRoute(db, provider.slug, origin).catch(notConfigured))),
    listConnections(db, { userId }),
    findLatestJobs(db, { userId }),
    findLastScheduledFinds(db, { userId }),
    findLatestReceipts(db, { userId }),
    countUnfinishedReceipts(db, { userId }),
    findActiveForwardJobs(db, { userId }),
  ]);
  const isSyncing =
    forwardJobs.size > 0 || [...jobs.values()].some((job) => ["pending", "running", "waiting"].includes(job.status));
  const isCredentialSandbox = resolveCredentialRoute(origin).mode !== "real";
  // Password-linked accounts sit on their official provider's card ("Garmin Connect (China) · …").
  const passwordLinkOf = (family: string) => {
    const sources = listCredentialRegions(family);
    if (!sources.length) return undefined;
    const linked = connections.filter((connection) => findCredentialProvider(connection.provider)?.family === family);
    return { sources, connections: linked, isSandbox: isCredentialSandbox };
  };
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
          forwardJobs={forwardJobs}
          scheduledFinds={scheduledFinds}
          passwordLink={passwordLinkOf(provider.slug)}
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
