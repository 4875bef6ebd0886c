import { addDays } from "@/lib/dates";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncStream } from "@/lib/sync/types";
import type { GarminRegion } from "./regions";
import { dailySummarySchema, hrvRangeSchema, sleepDataSchema, weightRangeSchema } from "./schemas";
import { dateCursor, earlier, getConnectJson, lastDayOf, startDay } from "./sync-reader";
import {
  connectSleepScoreDay,
  transformConnectDaily,
  transformConnectHrv,
  transformConnectSleep,
  transformConnectWeighIn,
} from "./transform";

// Daily summaries and sleep are one request per day (Connect has no range for them); HRV and
// weight have range endpoints. Every stream walks forward from its cursor's day and, once
// caught up, starts again a couple of days back: today's totals grow until midnight and nights
// are scored in the morning.

const TRAILING_DAYS = 2;

/** Connect paths name the person by displayName, kept with the tokens at sign-in. */
const displayNameOf = (context: SyncContext) => context.tokens().extra?.displayName || context.externalUserId;

function datedStream(spec: {
  key: string;
  label?: string;
  dataTypes: readonly DataType[];
  /** Days per page: one request each for per-day endpoints, one in all for a range. */
  daysPerPage: number;
  read(context: SyncContext, from: string, to: string): Promise<RecordBatch>;
}): SyncStream {
  return {
    key: spec.key,
    label: spec.label,
    dataTypes: spec.dataTypes,
    async fetchPage(context, rawCursor) {
      const lastDay = lastDayOf(context);
      const from = startDay(context, rawCursor);
      const to = earlier(addDays(from, spec.daysPerPage - 1), lastDay);
      const records = from <= lastDay ? await spec.read(context, from, to) : {};
      const resume = dateCursor(earlier(addDays(lastDay, -TRAILING_DAYS), addDays(to, 1)));
      return to < lastDay
        ? { records, nextCursor: dateCursor(addDays(to, 1)) }
        : { records, nextCursor: null, resumeCursor: resume };
    },
  };
}

function days(from: string, to: string): string[] {
  const list: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) list.push(day);
  return list;
}

const hasValues = (record: object) =>
  Object.entries(record).some(([key, value]) => key !== "localDate" && key !== "raw" && value !== null);

export function healthStreams(region: GarminRegion): SyncStream[] {
  return [
    datedStream({
      key: "daily",
      label: "Daily summaries",
      dataTypes: ["daily", "steps", "stress"],
      daysPerPage: 7,
      async read(context, from, to) {
        const dailySummaries = [];
        for (const day of days(from, to)) {
          const body = await getConnectJson(
            context,
            region,
            `/usersummary-service/usersummary/daily/${displayNameOf(context)}`,
            {
              calendarDate: day,
            },
          );
          if (body === null) continue;
          const summary = dailySummarySchema.parse(body);
          const record = transformConnectDaily(summary, day);
          // A day not lived yet (or not synced from the watch) comes back with every total null.
          if (!summary.privacyProtected && hasValues(record)) dailySummaries.push(record);
        }
        return { dailySummaries };
      },
    }),
    datedStream({
      key: "sleep",
      dataTypes: ["sleep"],
      daysPerPage: 7,
      async read(context, from, to) {
        const sleepSessions = [];
        const dailySummaries = [];
        for (const day of days(from, to)) {
          const body = await getConnectJson(
            context,
            region,
            `/wellness-service/wellness/dailySleepData/${displayNameOf(context)}`,
            {
              date: day,
              nonSleepBufferMinutes: 60,
            },
          );
          if (body === null) continue;
          const data = sleepDataSchema.parse(body);
          const night = transformConnectSleep(data);
          if (night) sleepSessions.push(night);
          const score = connectSleepScoreDay(data);
          if (score) dailySummaries.push(score);
        }
        return { sleepSessions, dailySummaries };
      },
    }),
    datedStream({
      key: "hrv",
      label: "HRV",
      dataTypes: ["hrv"],
      // python-garminconnect's range call; Garmin's own pages ask for four weeks at a time.
      daysPerPage: 28,
      async read(context, from, to) {
        const body = await getConnectJson(context, region, `/hrv-service/hrv/daily/${from}/${to}`);
        const summaries = body === null ? [] : (hrvRangeSchema.parse(body).hrvSummaries ?? []);
        return { dailySummaries: summaries.filter((summary) => summary.lastNightAvg != null).map(transformConnectHrv) };
      },
    }),
    datedStream({
      key: "weight",
      dataTypes: ["weight"],
      daysPerPage: 31,
      async read(context, from, to) {
        const body = await getConnectJson(context, region, "/weight-service/weight/dateRange", {
          startDate: from,
          endDate: to,
        });
        const weighIns = body === null ? [] : (weightRangeSchema.parse(body).dateWeightList ?? []);
        return { bodyMeasurements: weighIns.map(transformConnectWeighIn) };
      },
    }),
  ];
}
