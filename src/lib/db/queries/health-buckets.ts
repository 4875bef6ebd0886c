import { and, count, eq, gte, lte, sql, type SQL, type SQLWrapper, type Subquery } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";

// The SQL every Health series shares: a user's rows on a range of local days, averaged per
// source and bucket. Long ranges are averaged in SQL, so three years of dailies reach the page
// as ~160 rows per source instead of ~1,100.

export const BUCKETS = ["day", "week", "month"] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface SeriesParams {
  userId: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  start: string;
  end: string;
  bucket: Bucket;
}

/**
 * The first day of a value's bucket as YYYY-MM-DD text. The date is truncated as a plain
 * timestamp: a bare `date` would be cast to timestamptz and move with the session time zone.
 * Text, because the two drivers return `date` values differently.
 */
export function bucketOf(bucket: Bucket, day: SQLWrapper) {
  if (!BUCKETS.includes(bucket)) throw new Error(`Unknown bucket "${bucket}"`);
  // Inlined, not bound: GROUP BY must repeat the selected expression text exactly.
  return sql<string>`to_char(date_trunc('${sql.raw(bucket)}', ${day}::timestamp), 'YYYY-MM-DD')`;
}

/** The user's rows of a table keyed by local day, from `start` to `end` inclusive. */
export function onLocalDays(table: { userId: PgColumn; localDate: PgColumn }, params: Omit<SeriesParams, "bucket">) {
  return and(eq(table.userId, params.userId), gte(table.localDate, params.start), lte(table.localDate, params.end));
}

type BucketSource = (PgTable | Subquery) & { provider: SQLWrapper; sourceId: SQLWrapper; localDate: SQLWrapper };

type BucketAverages<Key extends string> = { provider: string; sourceId: string; date: string; count: number } & Record<
  Key,
  number | null
>;

/**
 * One row per source and bucket, oldest first: each column averaged over the bucket's rows
 * (days, nights, weigh-ins), and how many rows that was.
 */
export async function averagePerBucket<Key extends string>(
  db: Database,
  params: { from: BucketSource; where?: SQL; bucket: Bucket; columns: Record<Key, SQLWrapper> },
): Promise<Array<BucketAverages<Key>>> {
  const provider = sql<string>`${params.from.provider}`;
  const sourceId = sql<string>`${params.from.sourceId}`;
  const date = bucketOf(params.bucket, params.from.localDate);
  const keys = Object.keys(params.columns) as Key[];
  const averages = Object.fromEntries(
    keys.map((key) => [key, sql<number | string | null>`avg(${params.columns[key]})::float8`]),
  );
  const rows = await db
    .select({ provider, sourceId, date, count: count(), ...averages })
    .from(params.from)
    .where(params.where)
    .groupBy(provider, sourceId, date)
    .orderBy(date, provider, sourceId);
  // The drivers disagree on whether aggregates arrive parsed; callers get numbers either way.
  return rows.map((row) => {
    const averaged = row as unknown as Record<Key, number | string | null>;
    const numbers = Object.fromEntries(
      keys.map((key) => [key, averaged[key] === null ? null : Number(averaged[key])]),
    ) as Record<Key, number | null>;
    return { provider: row.provider, sourceId: row.sourceId, date: row.date, count: Number(row.count), ...numbers };
  });
}

/** A bucket of daily metrics for one source (or the merged line). */
export interface DailyBucketRow {
  provider: string;
  sourceId: string;
  /** The bucket's first day. */
  date: string;
  hrvMs: number | null;
  restingHeartRateBpm: number | null;
  readinessScore: number | null;
  recoveryScore: number | null;
  strain: number | null;
  steps: number | null;
  /** How many days the averages are taken over. */
  days: number;
}
