import { z } from "zod";
import { getEnv } from "@/env";
import { addDays } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { maxFileBytes } from "@/lib/files";
import { sniffFormat } from "@/lib/files/sniff";
import { checkedCursor, isListFresh } from "../credential-list-cache";
import type { CredentialRegion } from "../credential-types";
import type { ProviderSync, SyncContext, SyncStream, SyncedActivity } from "@/lib/sync/types";
import { HUB_HEADERS, readHub, userHeader } from "./hub-api";
import { HUB_REGIONS } from "./regions";
import { activityPageSchema, dayDetailSchema, downloadSchema } from "./schemas";
import { transformHubActivity, transformHubDay } from "./transform";

// Training Hub: the activity list (page numbers, any history), each activity's FIT through a
// pre-signed download link, and the day detail's resting heart rate and nightly HRV. Sleep
// stages, steps and weight are only in the mobile app's API (coros.md B4), not here.

export const LIST_LIMIT = "activityList";
const PAGE_SIZE = 100;
const TRAILING_DAYS = 3;
const FILES_PER_PAGE = 10;
// The day detail answers up to 24 weeks at once; four are plenty per page.
const DAY_WINDOW = 28;
const FIT_FILE_TYPE = "4";

const compact = (date: string) => date.replaceAll("-", "");
const todayOf = (context: SyncContext) => context.now.toISOString().slice(0, 10);
const cursorSchema = z.object({ from: z.string(), page: z.number().int().min(1).default(1) });

async function getHub(
  context: SyncContext,
  region: CredentialRegion,
  path: string,
  query: Record<string, string>,
  method = "GET",
) {
  const url = new URL(`https://${HUB_REGIONS[region].host}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await context.fetch(url.toString(), {
    method,
    headers: { ...HUB_HEADERS, ...userHeader(context.externalUserId) },
  });
  return readHub(response, path);
}

function activitiesStream(region: CredentialRegion): SyncStream {
  return {
    key: "activities",
    dataTypes: ["activities"],
    async fetchPage(context, rawCursor) {
      if (isListFresh(rawCursor, context.now)) return { records: {}, nextCursor: null, resumeCursor: rawCursor! };
      const today = todayOf(context);
      const cursor = rawCursor
        ? cursorSchema.parse(JSON.parse(rawCursor))
        : { from: addDays(today, -context.backfillDays), page: 1 };
      await context.spend(LIST_LIMIT);
      const page = activityPageSchema.parse(
        await getHub(context, region, "/activity/query", {
          size: String(PAGE_SIZE),
          pageNumber: String(cursor.page),
          startDay: compact(cursor.from),
          endDay: compact(addDays(today, 1)),
        }),
      );
      const list = page.dataList ?? [];
      const hasMore = cursor.page < (page.totalPage ?? 0) && list.length > 0;
      const resume = addDays(today, -TRAILING_DAYS);
      return {
        records: { activities: list.map(transformHubActivity) },
        nextCursor: hasMore ? JSON.stringify({ from: cursor.from, page: cursor.page + 1 }) : null,
        resumeCursor: checkedCursor({ from: resume < cursor.from ? cursor.from : resume, page: 1 }, context.now),
      };
    },
  };
}

async function downloadFit(
  context: SyncContext,
  region: CredentialRegion,
  activity: SyncedActivity,
  sportType: string,
) {
  const link = downloadSchema.parse(
    await getHub(
      context,
      region,
      "/activity/detail/download",
      { labelId: activity.externalId, sportType, fileType: FIT_FILE_TYPE },
      "POST",
    ),
  );
  // A pre-signed storage URL: fetched without our COROS token.
  const response = await context.fetch(link.fileUrl, { isAnonymous: true, headers: { accept: "*/*" } });
  if (response.status === 404 || response.status === 403) {
    await response.body?.cancel();
    return;
  }
  if (!response.ok)
    throw new AppError("PROVIDER_UNAVAILABLE", `COROS's file storage answered HTTP ${response.status}.`);
  if (Number(response.headers.get("content-length") ?? 0) > maxFileBytes())
    throw new AppError("PAYLOAD_TOO_LARGE", `Activity ${activity.externalId}'s file is larger than QT_FILE_MAX_MB.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (sniffFormat(bytes.subarray(0, 4096)) !== "fit") return;
  await context.files.save(activity, { bytes, fileName: `${activity.externalId}.fit` });
}

function filesStream(region: CredentialRegion): SyncStream {
  return {
    key: "files",
    label: "Original files",
    dataTypes: ["activities"],
    async fetchPage(context, rawCursor) {
      const after = rawCursor
        ? z.object({ after: z.iso.datetime().nullable() }).parse(JSON.parse(rawCursor)).after
        : null;
      const missing = await context.files.withoutFile({ after: after ? new Date(after) : null, limit: FILES_PER_PAGE });
      // The download names the sport as the list did: kept on the row as providerType.
      for (const activity of missing) await downloadFit(context, region, activity, activity.providerType ?? "100");
      const last = missing.at(-1)?.startAt ?? (after ? new Date(after) : null);
      const next = JSON.stringify({ after: last?.toISOString() ?? null });
      if (missing.length === FILES_PER_PAGE) return { records: {}, nextCursor: next };
      const resume = last ? new Date(last.getTime() - TRAILING_DAYS * 86_400_000).toISOString() : null;
      return { records: {}, nextCursor: null, resumeCursor: JSON.stringify({ after: resume }) };
    },
  };
}

function dailyStream(region: CredentialRegion): SyncStream {
  return {
    key: "daily",
    label: "Resting heart rate and HRV",
    dataTypes: ["daily", "hrv"],
    async fetchPage(context, rawCursor) {
      const today = todayOf(context);
      const from = rawCursor
        ? z.object({ from: z.string() }).parse(JSON.parse(rawCursor)).from
        : addDays(today, -context.backfillDays);
      const last = addDays(today, 1);
      const to = addDays(from, DAY_WINDOW - 1) < last ? addDays(from, DAY_WINDOW - 1) : last;
      const body = dayDetailSchema.parse(
        await getHub(context, region, "/analyse/dayDetail/query", { startDay: compact(from), endDay: compact(to) }),
      );
      const dailySummaries = (body.dayList ?? [])
        .filter((day) => day.rhr != null || day.avgSleepHrv != null)
        .map(transformHubDay);
      if (to < last) return { records: { dailySummaries }, nextCursor: JSON.stringify({ from: addDays(to, 1) }) };
      return {
        records: { dailySummaries },
        nextCursor: null,
        resumeCursor: JSON.stringify({ from: addDays(today, -TRAILING_DAYS) }),
      };
    },
  };
}

/** Like Garmin Connect: a gentle pace, a list budget per account, and a 429 pauses for hours. */
export function corosHubSync(region: CredentialRegion): ProviderSync {
  return {
    streams: [activitiesStream(region), filesStream(region), dailyStream(region)],
    backfillDays: 90,
    requestsPerMinute: 30,
    budgetScope: "connection",
    onRateLimit: "pause",
    hourlyLimits: { [LIST_LIMIT]: () => getEnv().QT_CREDENTIAL_LIST_FETCHES_PER_HOUR },
  };
}
