import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findWeighInCopiesBetween } from "@/lib/db/queries/merged-copies";
import { findLatestJobOfKind } from "@/lib/db/queries/sync-jobs";
import { findWeightRecords, findWeightSources } from "@/lib/db/queries/weigh-ins";
import { toJobView } from "@/lib/jobs/job-view";
import { findProvider, PROVIDERS } from "@/lib/providers";
import { findSource } from "@/lib/providers/sources";
import { providerName } from "../sources";

/**
 * What the Weight section shows for the range: its weigh-ins, the linked accounts whose weight
 * history can be walked (from the registry), the latest walk, and the sources to compare
 * (those with weigh-ins, every provider that serves or takes weight, and the linked accounts that
 * take it), with the one that takes weigh-ins as the default to compare against. `isMerged`:
 * a weigh-in two services reported is one row, with the other services' copies beside it.
 */
export async function loadWeightSection(
  db: Database,
  params: { userId: string; timeZone: string; start: string; end: string; isMerged: boolean },
) {
  const range = { userId: params.userId, start: params.start, end: params.end, timeZone: params.timeZone };
  const [records, copies, connections, latest, withData] = await Promise.all([
    findWeightRecords(db, { ...range, isMerged: params.isMerged }),
    params.isMerged ? findWeighInCopiesBetween(db, range) : new Map<string, never[]>(),
    listConnections(db, { userId: params.userId }),
    findLatestJobOfKind(db, { userId: params.userId, kind: "weight" }),
    findWeightSources(db, { userId: params.userId }),
  ]);
  const walkable = connections.filter((connection) => findProvider(connection.provider)?.weightHistory);
  const accounts = walkable.map((connection) => {
    const name = findProvider(connection.provider)!.name;
    const detail = connection.label ?? (walkable.length > 1 ? `account …${connection.externalUserId.slice(-4)}` : null);
    return { id: connection.id, label: detail ? `${name} · ${detail}` : name };
  });
  const weightProviders = PROVIDERS.filter((provider) => provider.weightHistory || provider.weightDestination).map(
    (provider) => provider.slug,
  );
  // A Garmin Connect account linked by password takes the weigh-ins the official API cannot.
  const takesWeight = connections.filter((connection) =>
    findSource(connection.provider)?.weightDestination?.accepts(connection),
  );
  const destinations = [...new Set(takesWeight.map((connection) => connection.provider))];
  // Fitbit and Garmin are the comparison's default pair, whether or not either has data yet,
  // unless an account that takes weigh-ins is linked: then it is the one to compare against.
  const slugs = [...new Set(["fitbit", "garmin", ...weightProviders, ...destinations, ...withData])];
  return {
    records,
    copies,
    accounts,
    latestJob: latest ? toJobView(latest) : null,
    compareSources: slugs.map((slug) => ({ slug, name: providerName(slug) })),
    defaultSourceB: destinations[0] ?? "garmin",
  };
}
export type WeightSectionData = Awaited<ReturnType<typeof loadWeightSection>>;
