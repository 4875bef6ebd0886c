import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { listActivityFacets } from "@/lib/db/queries/activities";
import { listConnections } from "@/lib/db/queries/connections";
import { samples } from "@/lib/db/schema";
import { isoUtc } from "../local-time";
import type { SourcesResponse } from "../schemas";

// postgres.js answers execute() with the rows themselves, PGlite with `{ rows }`.
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows);

/**
 * The metric names the person has samples of. SELECT DISTINCT would read every sample; this
 * walks the primary key (user, metric, …) one metric at a time, a few index entries each.
 */
async function listSampleMetrics(db: Database, userId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive found(value) as (
      (select ${samples.metric} from ${samples} where ${samples.userId} = ${userId} order by ${samples.metric} limit 1)
      union all
      select (select ${samples.metric} from ${samples} where ${samples.userId} = ${userId} and ${samples.metric} > found.value order by ${samples.metric} limit 1)
      from found where found.value is not null
    )
    select value from found where value is not null`);
  return rowsOf<{ value: string }>(result).map((row) => row.value);
}

/** The person's connected accounts, the sources their activities came from, and their sample metrics. */
export async function readSources(db: Database, params: { userId: string }): Promise<SourcesResponse> {
  const [connections, facets, sampleMetrics] = await Promise.all([
    listConnections(db, params),
    listActivityFacets(db, params),
    listSampleMetrics(db, params.userId),
  ]);
  return {
    connections: connections.map((connection) => ({
      id: connection.id,
      source: connection.provider,
      label: connection.label,
      status: connection.status,
      lastSyncedAt: connection.lastSyncedAt ? isoUtc(connection.lastSyncedAt) : null,
      connectedAt: isoUtc(connection.createdAt),
    })),
    activitySources: facets.providers,
    sampleMetrics,
  };
}
