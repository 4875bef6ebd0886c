import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { samples } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import { isoUtc } from "../local-time";
import type { Page, SampleRow, SamplesQuery } from "../schemas";
import { instantRange, toPage } from "./range";

// The read of samples, one metric at a time: the primary key (user, metric, time, provider,
// source) is the only index on this table (see schema/health.ts), and it serves exactly this
// order, newest first, from any cursor. Every source unless one is named.

/** One page of one metric's samples, newest first. */
export async function readSamplesPage(
  db: Database,
  params: { userId: string; timeZone: string; query: SamplesQuery },
): Promise<Page<SampleRow>> {
  const { query } = params;
  const after = query.cursor;
  const rows = await db
    .select({
      metric: samples.metric,
      provider: samples.provider,
      sourceId: samples.sourceId,
      time: samples.time,
      endTime: samples.endTime,
      value: samples.value,
      unit: samples.unit,
    })
    .from(samples)
    .where(
      and(
        eq(samples.userId, params.userId),
        eq(samples.metric, query.metric),
        query.source ? eq(samples.provider, query.source) : undefined,
        ...instantRange(samples.time, query, params.timeZone),
        after
          ? sql`(${samples.time}, ${samples.provider}, ${samples.sourceId}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]})`
          : undefined,
      ),
    )
    .orderBy(desc(samples.time), desc(samples.provider), desc(samples.sourceId))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ provider, time, endTime, ...rest }) => ({
      ...rest,
      source: provider,
      time: isoUtc(time),
      endTime: endTime ? isoUtc(endTime) : null,
    }),
    (row) => [isoUtc(row.time), row.provider, row.sourceId],
    encodeCursor,
  );
}
