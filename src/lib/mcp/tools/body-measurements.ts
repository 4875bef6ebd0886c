import { z } from "zod";
import { cursorParam, instantParam, isRangeInOrder, RANGE_ORDER_ISSUE, sourceParam } from "@/lib/api-v1/query-params";
import { readBodyMeasurementsPage } from "@/lib/api-v1/read/body-measurements";
import { instantRange } from "@/lib/api-v1/read/range";
import { timeCursorKey } from "@/lib/api-v1/schemas";
import { bodyMeasurements } from "@/lib/db/schema";
import { defineTool, itemLimit, pageWithWithheld } from "../tool-kit";

export const bodyMeasurementsInput = z
  .strictObject({
    from: instantParam("from"),
    to: instantParam("to"),
    source: sourceParam,
    cursor: cursorParam(timeCursorKey),
    limit: itemLimit,
  })
  .refine(isRangeInOrder, RANGE_ORDER_ISSUE);

export const bodyMeasurementsTool = defineTool({
  name: "body_measurements",
  title: "Body measurements",
  description:
    "Weigh-ins, newest first: weight (kg), BMI, body fat (%), muscle mass (kg), time (UTC) and source. At most 100 per call, with nextCursor to continue. Without a source, a weigh-in two services reported (a scale and an app that copies it) is listed once; with one, that source's own weigh-ins.",
  input: bodyMeasurementsInput,
  run: (context, input) =>
    pageWithWithheld(context, input, {
      key: "measurements",
      read: (excludedSources) =>
        readBodyMeasurementsPage(context.db, {
          userId: context.userId,
          timeZone: context.timeZone,
          query: input,
          excludedSources,
        }),
      withheldFrom: {
        table: bodyMeasurements,
        where: instantRange(bodyMeasurements.measuredAt, input, context.timeZone),
      },
    }),
});
