import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { decodeCursor } from "./cursor";
import { columnsOf, EXPORT_PAGE_SIZE, type ReadPage } from "./export-stream";
import { readActivitiesPage } from "./read/activities";
import { readBodyMeasurementsPage } from "./read/body-measurements";
import { readDailyMetricsPage } from "./read/daily-metrics";
import { readSamplesPage } from "./read/samples";
import { readSleepPage } from "./read/sleep";
import * as schemas from "./schemas";

// How each exportable table is read page by page, with the same read functions as its
// endpoint: /api/v1/export/{table} streams these, and the account zip spools them.

// An export hands its own cursors back from page to page, so they always decode.
const decodeKey = <T extends z.ZodType>(key: T, cursor: string | undefined): z.infer<T> | undefined =>
  cursor === undefined ? undefined : key.parse(decodeCursor(cursor));

export interface TableReader {
  columns: string[];
  readPage: ReadPage;
}

/** What a table export is narrowed by: a source, local dates (both inclusive), and for samples the metric. */
export type TableQuery = Pick<schemas.ExportQuery, "source" | "from" | "to" | "metric">;

export function tableReader(
  db: Database,
  params: { userId: string; timeZone: string; table: schemas.ExportTable; query: TableQuery },
): TableReader {
  const { userId, timeZone, query } = params;
  const range = { source: query.source, from: query.from, to: query.to, limit: EXPORT_PAGE_SIZE };
  switch (params.table) {
    case "activities":
      return {
        columns: columnsOf(schemas.activityRowSchema),
        readPage: (cursor) =>
          readActivitiesPage(db, {
            userId,
            timeZone,
            query: { ...range, cursor: decodeKey(schemas.activityCursorKey, cursor) },
          }),
      };
    case "daily-metrics":
      return {
        // The export is the table as stored: every source's own rows, copies included.
        columns: columnsOf(schemas.sourceDailyMetricRowSchema),
        readPage: (cursor) =>
          readDailyMetricsPage(db, {
            userId,
            query: { ...range, cursor: decodeKey(schemas.dateCursorKey, cursor) },
            allSources: true,
          }),
      };
    case "sleep":
      return {
        columns: columnsOf(schemas.sleepRowSchema),
        readPage: (cursor) =>
          readSleepPage(db, {
            userId,
            query: { ...range, cursor: decodeKey(schemas.dateCursorKey, cursor) },
            allSources: true,
          }),
      };
    case "body-measurements":
      return {
        columns: columnsOf(schemas.bodyMeasurementRowSchema),
        readPage: (cursor) =>
          readBodyMeasurementsPage(db, {
            userId,
            timeZone,
            query: { ...range, cursor: decodeKey(schemas.timeCursorKey, cursor) },
            allSources: true,
          }),
      };
    case "samples": {
      const metric = query.metric;
      if (!metric) {
        throw new z.ZodError([
          { code: "custom", path: ["metric"], message: "is required for the samples table", input: undefined },
        ]);
      }
      return {
        columns: columnsOf(schemas.sampleRowSchema),
        readPage: (cursor) =>
          readSamplesPage(db, {
            userId,
            timeZone,
            query: { ...range, metric, cursor: decodeKey(schemas.sampleCursorKey, cursor) },
          }),
      };
    }
    default: {
      const unknownTable: never = params.table;
      throw new Error(`no export reader for ${String(unknownTable)}`);
    }
  }
}

/** Every page of a reader's rows, first to last: each read only when the one before is used. */
export async function* readAllPages(readPage: ReadPage): AsyncGenerator<Array<Record<string, unknown>>> {
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
