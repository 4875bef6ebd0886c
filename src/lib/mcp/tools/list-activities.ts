import { eq } from "drizzle-orm";
import { z } from "zod";
import { cursorParam, instantParam, isRangeInOrder, RANGE_ORDER_ISSUE, sourceParam } from "@/lib/api-v1/query-params";
import { readActivitiesPage } from "@/lib/api-v1/read/activities";
import { instantRange } from "@/lib/api-v1/read/range";
import { activityCursorKey } from "@/lib/api-v1/schemas";
import { onePerWorkoutOrSource } from "@/lib/db/queries/activity-scope";
import { activities } from "@/lib/db/schema";
import { defineTool, itemLimit, pageWithWithheld, withoutFields } from "../tool-kit";

export const listActivitiesInput = z
  .strictObject({
    from: instantParam("from"),
    to: instantParam("to"),
    type: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, { message: "must be an activity type such as run or ride" })
      .optional()
      .describe("Only this activity type (run, ride, swim, walk, strength …)."),
    source: sourceParam,
    cursor: cursorParam(activityCursorKey),
    limit: itemLimit,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);

export const listActivities = defineTool({
  name: "list_activities",
  title: "List activities",
  description:
    "The person's workouts, newest first: type, name, start (UTC and local), duration (s), distance (m), elevation (m), energy (kcal), heart rate (bpm), power (W), speed (m/s), source. Filter by date range, type and source; at most 100 per call, with nextCursor to continue. Use get_activity for one workout's streams. A workout recorded by several sources is listed once, from the source chosen for it; pass source to list that source's own records.",
  input: listActivitiesInput,
  run: (context, input) =>
    pageWithWithheld(context, input, {
      key: "activities",
      read: (excludedSources) =>
        readActivitiesPage(context.db, {
          userId: context.userId,
          timeZone: context.timeZone,
          query: input,
          excludedSources,
        }),
      // The route's polyline can run to kilobytes; get_activity has it.
      present: (activity) => withoutFields(activity, ["polyline"]),
      withheldFrom: {
        table: activities,
        // The rows the listing would have shown: a linked copy is not counted as withheld.
        where: [
          onePerWorkoutOrSource(input.source),
          input.type ? eq(activities.type, input.type) : undefined,
          ...instantRange(activities.startAt, input, context.timeZone),
        ],
      },
    }),
});
