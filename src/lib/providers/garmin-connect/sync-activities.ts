import { z } from "zod";
import { addDays } from "@/lib/dates";
import type { SyncStream } from "@/lib/sync/types";
import type { GarminRegion } from "./regions";
import { activityDetailsSchema, activityListSchema, type ConnectActivity } from "./schemas";
import { checkedCursor, isListFresh } from "../credential-list-cache";
import { earlier, getConnectJson, startDay } from "./sync-reader";
import { transformConnectActivity } from "./transform";

// The activity list, oldest first from the cursor's day, a page of PAGE_SIZE at a time (offset
// paging, as the web app's "load more"). Each list request spends the connection's hourly
// list budget. Once caught up, the next run starts a few days back: watches upload late, and
// an activity recorded days ago can appear now.

export const LIST_LIMIT = "activityList";
// python-garminconnect caps a page at 1000; 100 keeps one page's details within a minute's pacing.
const PAGE_SIZE = 100;
const TRAILING_DAYS = 3;

const cursorSchema = z.object({ from: z.string(), start: z.number().int().min(0) });

const localDay = (activity: ConnectActivity) => (activity.startTimeLocal ?? activity.startTimeGMT).slice(0, 10);

async function fetchRoute(context: Parameters<SyncStream["fetchPage"]>[0], region: GarminRegion, id: number) {
  const body = await getConnectJson(context, region, `/activity-service/activity/${id}/details`, {
    maxChartSize: 100,
    maxPolylineSize: 4000,
  });
  return activityDetailsSchema.parse(body ?? {}).geoPolylineDTO?.polyline ?? undefined;
}

export function activitiesStream(region: GarminRegion): SyncStream {
  return {
    key: "activities",
    dataTypes: ["activities"],
    async fetchPage(context, rawCursor) {
      if (isListFresh(rawCursor, context.now)) return { records: {}, nextCursor: null, resumeCursor: rawCursor! };
      const cursor = rawCursor?.includes('"start"')
        ? cursorSchema.parse(JSON.parse(rawCursor))
        : { from: startDay(context, rawCursor), start: 0 };
      await context.spend(LIST_LIMIT);
      const page = activityListSchema.parse(
        (await getConnectJson(context, region, "/activitylist-service/activities/search/activities", {
          startDate: cursor.from,
          start: cursor.start,
          limit: PAGE_SIZE,
          sortOrder: "asc",
        })) ?? [],
      );
      const activities = [];
      for (const activity of page) {
        // The list has the summary; the details have the route, drawn on the activity page.
        const route = activity.hasPolyline ? await fetchRoute(context, region, activity.activityId) : undefined;
        activities.push(transformConnectActivity(activity, route));
      }
      const isFull = page.length === PAGE_SIZE;
      const lastDay = page.length ? localDay(page[page.length - 1]!) : cursor.from;
      const today = context.now.toISOString().slice(0, 10);
      return {
        records: { activities },
        nextCursor: isFull ? JSON.stringify({ from: cursor.from, start: cursor.start + PAGE_SIZE }) : null,
        resumeCursor: checkedCursor(
          { from: earlier(lastDay > cursor.from ? lastDay : cursor.from, addDays(today, -TRAILING_DAYS)) },
          context.now,
        ),
      };
    },
  };
}
