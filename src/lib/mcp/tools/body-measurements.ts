import { z } from "zod";
import { cursorParam, instantParam, isRangeInOrder, RANGE_ORDER_ISSUE, sourceParam } from "@/lib/api-v1/query-params";
import { readBodyMeasurementsPage } from "@/lib/api-v1/read/body-measurements";
import { instantRange } from "@/lib/api-v1/read/range";
import { timeCursorKey } from "@/lib/api-v1/schemas";
import { countRowsFromSources } from "@/lib/db/queries/ai-sharing";
import { bodyMeasurements } from "@/lib/db/schema";
import { defineTool, itemLimit, withheldNotes, withheldSources } from "../tool-kit";

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
  async run(context, input) {
    const excluded = withheldSources(context.sharing);
    const page = await readBodyMeasurementsPage(context.db, {
      userId: context.userId,
      timeZone: context.timeZone,
      query: input,
      excludedSources: excluded,
    });
    const withheld = input.cursor
      ? new Map<string, number>()
      : await countRowsFromSources(context.db, {
          table: bodyMeasurements,
          userId: bodyMeasurements.userId,
          provider: bodyMeasurements.provider,
          person: context.userId,
          providers: input.source ? excluded.filter((source) => source === input.source) : excluded,
          where: instantRange(bodyMeasurements.measuredAt, input, context.timeZone),
        });
    return {
      measurements: page.data,
      nextCursor: page.nextCursor,
      ...withheldNotes(context.sharing, withheld),
    };
  },
});
