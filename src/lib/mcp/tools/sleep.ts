import { z } from "zod";
import { cursorParam, dateParam, isRangeInOrder, RANGE_ORDER_ISSUE, sourceParam } from "@/lib/api-v1/query-params";
import { dateRange } from "@/lib/api-v1/read/range";
import { readSleepPage } from "@/lib/api-v1/read/sleep";
import { dateCursorKey } from "@/lib/api-v1/schemas";
import { sleepSessions } from "@/lib/db/schema";
import { defineTool, itemLimit, pageWithWithheld, withoutFields } from "../tool-kit";

export const sleepInput = z
  .strictObject({
    from: dateParam("from"),
    to: dateParam("to"),
    source: sourceParam,
    cursor: cursorParam(dateCursorKey),
    limit: itemLimit,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);

export const sleep = defineTool({
  name: "sleep",
  title: "Sleep",
  description:
    "Nights of sleep, latest first, by the night's local date: start and end, time in bed and asleep, deep, REM, light and awake (s), efficiency (%), score, average heart rate (bpm), HRV (ms), respiratory rate (breaths/min), source. At most 100 per call, with nextCursor to continue. Without a source, a night two sources recorded is listed once, as the first source's in the person's order; with one, that source's own nights.",
  input: sleepInput,
  run: (context, input) =>
    pageWithWithheld(context, input, {
      key: "nights",
      read: (excludedSources) => readSleepPage(context.db, { userId: context.userId, query: input, excludedSources }),
      // Stage-by-stage timelines run to hundreds of entries a night; the stage totals stay.
      present: (night) => withoutFields(night, ["stages"]),
      withheldFrom: { table: sleepSessions, where: dateRange(sleepSessions.localDate, input) },
    }),
});
