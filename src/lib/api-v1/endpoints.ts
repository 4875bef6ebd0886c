import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { FileStore } from "@/lib/files/store";
import { tableReader } from "./export-readers";
import { streamTable } from "./export-stream";
import * as schemas from "./schemas";
import { readActivitiesPage } from "./read/activities";
import { readActivityWithStreams } from "./read/activity-detail";
import { readBodyMeasurementsPage } from "./read/body-measurements";
import { readDailyMetricsPage } from "./read/daily-metrics";
import { readSamplesPage } from "./read/samples";
import { readSleepPage } from "./read/sleep";
import { readSources } from "./read/sources";

// Every /api/v1 endpoint, once: its path, its zod schemas and what it does. The route files
// serve these (route.ts), and openapi.ts publishes the same schemas, so the document cannot
// drift from what the routes accept.

export interface EndpointContext<Query, Params> {
  db: Database;
  store: FileStore;
  userId: string;
  timeZone: string;
  query: Query;
  params: Params;
}

export interface Endpoint<Query extends z.ZodType = z.ZodType, Params extends z.ZodType = z.ZodType> {
  name: string;
  /** OpenAPI form: /api/v1/activities/{id}. */
  path: string;
  summary: string;
  description?: string;
  query: Query;
  params: Params;
  /** The JSON body of a 200, or null when the body is a file (export). */
  response: z.ZodType | null;
  handle: (context: EndpointContext<z.infer<Query>, z.infer<Params>>) => Promise<unknown>;
}

const noParams = z.strictObject({});
const define = <Query extends z.ZodType, Params extends z.ZodType>(endpoint: Endpoint<Query, Params>) =>
  endpoint as unknown as Endpoint;

export const ENDPOINTS: Endpoint[] = [
  define({
    name: "listActivities",
    path: "/api/v1/activities",
    summary: "Activities, newest first",
    description: "Keyset-paged: pass `nextCursor` back as `cursor`. Filters by source, type and time range.",
    query: schemas.activitiesQuerySchema,
    params: noParams,
    response: schemas.activitiesPageSchema,
    handle: ({ db, userId, timeZone, query }) => readActivitiesPage(db, { userId, timeZone, query }),
  }),
  define({
    name: "getActivity",
    path: "/api/v1/activities/{id}",
    summary: "One activity with its streams",
    description:
      "Streams come from the original file kept for the activity (at the device's rate) when there is one, else from samples stored within its time window.",
    query: schemas.emptyQuerySchema,
    params: schemas.activityParamsSchema,
    response: schemas.activityDetailSchema,
    handle: ({ db, store, userId, params }) => readActivityWithStreams(db, store, { userId, activityId: params.id }),
  }),
  define({
    name: "listDailyMetrics",
    path: "/api/v1/daily-metrics",
    summary: "Daily metrics (steps, energy, resting HR, HRV, scores) by local date, merged across sources",
    description:
      "Without `source`: one row a day merged across sources (source `merged`), each value with what it is made of in `explanations` (steps, distance and energy pieced together hour by hour, the rest from the first source in the person's order). With `source`: that source's own rows, one per account or device and day.",
    query: schemas.datedQuerySchema,
    params: noParams,
    response: schemas.dailyMetricsPageSchema,
    handle: ({ db, userId, query }) => readDailyMetricsPage(db, { userId, query }),
  }),
  define({
    name: "listSleep",
    path: "/api/v1/sleep",
    summary: "Sleep sessions with stages, by the night's local date",
    description:
      "Without `source`, a night two sources recorded is listed once, as the first source's in the person's order (the other is a copy). With `source`, that source's own nights.",
    query: schemas.datedQuerySchema,
    params: noParams,
    response: schemas.sleepPageSchema,
    handle: ({ db, userId, query }) => readSleepPage(db, { userId, query }),
  }),
  define({
    name: "listSamples",
    path: "/api/v1/samples",
    summary: "Samples of one metric (heart rate, HRV, SpO2 …), newest first",
    query: schemas.samplesQuerySchema,
    params: noParams,
    response: schemas.samplesPageSchema,
    handle: ({ db, userId, timeZone, query }) => readSamplesPage(db, { userId, timeZone, query }),
  }),
  define({
    name: "listBodyMeasurements",
    path: "/api/v1/body-measurements",
    summary: "Weigh-ins: weight, BMI, body fat, muscle mass",
    description:
      "Without `source`, a weigh-in two services reported (within 2 minutes and 0.05 kg) is listed once, as the first source's in the person's order. With `source`, that source's own weigh-ins.",
    query: schemas.bodyMeasurementsQuerySchema,
    params: noParams,
    response: schemas.bodyMeasurementsPageSchema,
    handle: ({ db, userId, timeZone, query }) => readBodyMeasurementsPage(db, { userId, timeZone, query }),
  }),
  define({
    name: "listSources",
    path: "/api/v1/sources",
    summary: "Connected accounts, the sources activities came from, and the metrics samples exist for",
    query: schemas.emptyQuerySchema,
    params: noParams,
    response: schemas.sourcesSchema,
    handle: ({ db, userId }) => readSources(db, { userId }),
  }),
  define({
    name: "exportTable",
    path: "/api/v1/export/{table}",
    summary: "One table as CSV or JSON for any range of local dates, streamed",
    description:
      "Every row of the table in the range (all of it without from/to), newest first. For every activity's original FIT/GPX/TCX file as one zip, use GET /api/files/export; GET /api/files/export?include=data adds every table as CSV (the full-account zip).",
    query: schemas.exportQuerySchema,
    params: schemas.exportParamsSchema,
    response: null,
    handle: async (context) => {
      const { db, userId, timeZone, query, params } = context;
      const { columns, readPage } = tableReader(db, { userId, timeZone, table: params.table, query });
      const { format, from, to } = context.query;
      const name = `qt-run-${context.params.table}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.${format}`;
      return new Response(streamTable({ format, columns, readPage }), {
        headers: {
          "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
        },
      });
    },
  }),
];
