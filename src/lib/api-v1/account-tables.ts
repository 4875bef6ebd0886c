import type { Database } from "@/lib/db/client";
import { readAllPages, tableReader, type TableQuery } from "./export-readers";
import { columnsOf } from "./export-stream";
import { readSources } from "./read/sources";
import * as schemas from "./schemas";

// The person's data as the full-account zip holds it: one table per file, each read with the
// same functions (and so the same columns, units and order) as /api/v1/export/{table}.

type Rows = Array<Record<string, unknown>>;

export interface AccountTableContext {
  db: Database;
  userId: string;
  timeZone: string;
  /** Local dates, both inclusive; none for everything. */
  from?: string;
  to?: string;
}

export interface AccountTable {
  /** The file is data/<name>.csv. */
  name: string;
  /** One paragraph of README.txt. */
  description: string;
  columns: readonly string[];
  /** The rows page by page, in an order fixed by the data (so the same data gives the same bytes). */
  pages: (context: AccountTableContext) => AsyncIterable<Rows>;
}

const readerFor = (
  context: AccountTableContext,
  table: Parameters<typeof tableReader>[1]["table"],
  query: TableQuery,
) => tableReader(context.db, { userId: context.userId, timeZone: context.timeZone, table, query });

const rangeOf = (context: AccountTableContext): TableQuery => ({ from: context.from, to: context.to });

/** One table's pages, read the way its /api/v1 export reads them. */
const wholeTable =
  (table: "activities" | "daily-metrics" | "sleep" | "body-measurements") => (context: AccountTableContext) =>
    readAllPages(readerFor(context, table, rangeOf(context)).readPage);

/** A table read one part at a time (a source, a metric), the parts in code-point order. */
function tableByPart(
  table: "activities" | "samples",
  partsOf: (context: AccountTableContext) => Promise<string[]>,
  queryOf: (part: string) => TableQuery,
) {
  return async function* (context: AccountTableContext): AsyncGenerator<Rows> {
    const parts = (await partsOf(context)).toSorted();
    for (const part of parts) {
      yield* readAllPages(readerFor(context, table, { ...rangeOf(context), ...queryOf(part) }).readPage);
    }
  };
}

const connectionColumns = columnsOf(schemas.sourcesSchema.shape.connections.element);

export const ACCOUNT_TABLES: readonly AccountTable[] = [
  {
    name: "activities",
    description:
      "Your activities, one row per activity: where several sources recorded the same one, the row of the copy that counts (the merged history the app and /api/v1/activities show). Newest first.",
    columns: columnsOf(schemas.activityRowSchema),
    pages: wholeTable("activities"),
  },
  {
    name: "activities-by-source",
    description:
      "Every source's own record of each activity, copies included (one row per source that recorded it), by source, then newest first. The activity files in this zip belong to these rows (manifest.csv maps them).",
    columns: columnsOf(schemas.activityRowSchema),
    pages: tableByPart(
      "activities",
      async (context) => (await readSources(context.db, context)).activitySources,
      (source) => ({ source }),
    ),
  },
  {
    name: "daily-metrics",
    description:
      "Daily totals and scores, one row per source and local date (steps, distance, energy, resting heart rate, HRV, readiness/recovery/sleep scores 0-100, strain, stress, Body Battery), newest day first.",
    columns: columnsOf(schemas.dailyMetricRowSchema),
    pages: wholeTable("daily-metrics"),
  },
  {
    name: "sleep",
    description:
      "Sleep sessions by the night's local date, every source: time in bed, asleep and in each stage, efficiency, score, heart rate, HRV, respiratoryRate (breaths per minute). stages is a JSON list of {stage, startAt, endAt}.",
    columns: columnsOf(schemas.sleepRowSchema),
    pages: wholeTable("sleep"),
  },
  {
    name: "samples",
    description:
      "Every sample (heart rate, HRV, SpO2, steps per interval …), by metric, then newest first. value is in the row's unit column; endTime is set for samples that cover an interval.",
    columns: columnsOf(schemas.sampleRowSchema),
    pages: tableByPart(
      "samples",
      async (context) => (await readSources(context.db, context)).sampleMetrics,
      (metric) => ({ metric }),
    ),
  },
  {
    name: "body-measurements",
    description: "Weigh-ins from every source: weight, BMI, body fat and muscle mass, newest first.",
    columns: columnsOf(schemas.bodyMeasurementRowSchema),
    pages: wholeTable("body-measurements"),
  },
  {
    name: "sources",
    description:
      "Your connected accounts, all of them whatever the range: the service, your label, its status, when it last synced and when it was connected. Uploads and phones appear as sources in the other tables without a connection here.",
    columns: connectionColumns,
    async *pages(context) {
      const { connections } = await readSources(context.db, context);
      yield connections.toSorted((a, b) => a.connectedAt.localeCompare(b.connectedAt) || a.id.localeCompare(b.id));
    },
  },
];
