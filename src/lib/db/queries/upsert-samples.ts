import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { toPgArrayLiteral } from "../pg-array";
import { encodeSamplesForCopy } from "../samples-copy-binary";
import { copyNewSamples, isUniqueViolation } from "./copy-new-samples";
import type { SampleRecord, UpsertCounts } from "@/lib/sync/records";

const ROWS_PER_STATEMENT = 10_000;

export interface SampleOwner {
  userId: string;
  provider: string;
  sourceId: string;
}

// Records carry Dates, but a caller may hand over strings; no copy of a Date per sample.
const epochMs = (time: Date | string) => (time instanceof Date ? time.getTime() : new Date(time).getTime());

/**
 * A caller writing many slices for one owner (an export's samples) can share one, so that once
 * a slice met rows already stored, later slices go straight to the upsert.
 */
export interface SampleWriteHint {
  expectNew: boolean;
}

/**
 * Samples come by the hundred thousand (a phone's heart rate, minute by minute), so they take
 * their own path: one array per column through `unnest`, which Postgres reads about twice as
 * fast as a JSON recordset. Same contract as `upsertRows`: an identical row is not rewritten,
 * and the last of two rows with one key wins.
 */
export async function upsertSamples(
  db: Database,
  owner: SampleOwner,
  records: SampleRecord[],
  hint: SampleWriteHint = { expectNew: true },
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const unique = withoutRepeats(records);
  counts.unchanged += records.length - unique.length;

  for (let start = 0; start < unique.length; start += ROWS_PER_STATEMENT) {
    const chunk = unique.slice(start, start + ROWS_PER_STATEMENT);
    if (hint.expectNew && (await insertAllNew(db, owner, chunk))) {
      counts.inserted += chunk.length;
      continue;
    }
    hint.expectNew = false;
    const result = await db.execute(sql`
      with written as (
        insert into samples (user_id, provider, source_id, metric, time, end_time, value, unit, meta)
        ${selectRows(owner, chunk)}
        on conflict (user_id, metric, time, provider, source_id) do update
          set end_time = excluded.end_time, value = excluded.value, unit = excluded.unit, meta = excluded.meta
          where (samples.end_time, samples.value, samples.unit, samples.meta) is distinct from (excluded.end_time, excluded.value, excluded.unit, excluded.meta)
        returning (xmax = 0) as is_inserted
      )
      select (count(*) filter (where is_inserted))::int as inserted, count(*)::int as written from written`);
    type Totals = { inserted: number; written: number };
    const [totals] = Array.isArray(result) ? (result as Totals[]) : (result as { rows: Totals[] }).rows;
    counts.inserted += totals!.inserted;
    counts.updated += totals!.written - totals!.inserted;
    counts.unchanged += chunk.length - totals!.written;
  }
  return counts;
}

/**
 * The records with one per key (metric, time), the last of two winning: Postgres refuses to
 * write one key twice in a statement. An export's points come in time order per metric, which
 * leaves no room for a repeat and needs no key built per record; anything else is keyed.
 */
function withoutRepeats(records: SampleRecord[]): SampleRecord[] {
  const latest = new Map<string, number>();
  let metric: string | undefined;
  let previous = -Infinity;
  for (const record of records) {
    const time = epochMs(record.time);
    if (record.metric !== metric) {
      if (metric !== undefined) latest.set(metric, previous);
      metric = record.metric;
      previous = latest.get(metric) ?? -Infinity;
    }
    if (!(time > previous)) return keyedByTime(records);
    previous = time;
  }
  return records;
}

function keyedByTime(records: SampleRecord[]): SampleRecord[] {
  const byKey = new Map<string, SampleRecord>();
  for (const record of records) byKey.set(`${record.metric}|${epochMs(record.time)}`, record);
  return [...byKey.values()];
}

/**
 * A plain INSERT costs Postgres about half an INSERT … ON CONFLICT, and a new export's samples
 * are mostly new: on Postgres they go by COPY (copyNewSamples), on PGlite by one INSERT. Either
 * is tried under a savepoint: if any row already exists the whole slice is undone
 * (unique_violation) and the caller upserts it instead, so the outcome is the upsert's either way.
 */
async function insertAllNew(db: Database, owner: SampleOwner, chunk: SampleRecord[]): Promise<boolean> {
  const copied = await copyNewSamples(db, () => encodeSamplesForCopy(owner, chunk));
  if (copied !== null) return copied;
  try {
    await db.transaction(async (savepoint) => {
      await savepoint.execute(
        sql`insert into samples (user_id, provider, source_id, metric, time, end_time, value, unit, meta) ${selectRows(owner, chunk)}`,
      );
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * The slice as rows. Times travel as epoch milliseconds (float8[]) and every meta in one JSON
 * array: Postgres reads those far faster than timestamp text and a jsonb[] literal. A slice of
 * one metric in one unit (the usual case) sends those once rather than once per row, and end
 * times only when there are any; each measured about a fifth off a large import.
 */
function selectRows(owner: SampleOwner, chunk: SampleRecord[]) {
  const column = <T>(pick: (record: SampleRecord) => T) =>
    toPgArrayLiteral(chunk.map(pick) as Array<string | number | null>);
  const first = chunk[0]!;
  const isUniform = chunk.every((record) => record.metric === first.metric && record.unit === first.unit);
  const hasEndTimes = chunk.some((record) => record.endTime != null);
  const arrays = [
    sql`${column((record) => epochMs(record.time))}::float8[]`,
    sql`${column((record) => record.value)}::float8[]`,
  ];
  const names = ["time_ms", "value"];
  if (!isUniform) {
    arrays.push(sql`${column((record) => record.metric)}::text[]`, sql`${column((record) => record.unit)}::text[]`);
    names.push("metric", "unit");
  }
  if (hasEndTimes) {
    arrays.push(sql`${column((record) => (record.endTime ? epochMs(record.endTime) : null))}::float8[]`);
    names.push("end_ms");
  }
  return sql`
    select ${owner.userId}, ${owner.provider}, ${owner.sourceId},
      ${isUniform ? sql`${first.metric}::text` : sql`r.metric`}, to_timestamp(r.time_ms / 1000.0),
      ${hasEndTimes ? sql`to_timestamp(r.end_ms / 1000.0)` : sql`null::timestamptz`},
      r.value, ${isUniform ? sql`${first.unit}::text` : sql`r.unit`}, nullif(meta.doc -> (r.n::int - 1), 'null'::jsonb)
    from (select ${JSON.stringify(chunk.map((record) => record.meta ?? null))}::text::jsonb as doc) as meta,
      unnest(${sql.join(arrays, sql`, `)}) with ordinality as r(${sql.raw(names.join(", "))}, n)`;
}
