import { z } from "zod";
import { presentActivity, readActivity } from "@/lib/api-v1/read/activities";
import { readActivityWithStreams } from "@/lib/api-v1/read/activity-detail";
import { AppError } from "@/lib/errors";
import { compactStreams } from "../stream-points";
import { defineTool, withheldNotes } from "../tool-kit";

export const MAX_STREAM_POINTS = 500;

export const getActivityInput = z.strictObject({
  id: z.uuid({ message: "must be an activity id (UUID) from list_activities" }).describe("The activity's id."),
  maxPoints: z
    .number({ message: "must be a number" })
    .int({ message: "must be a whole number" })
    .min(10, { message: "must be at least 10" })
    .max(MAX_STREAM_POINTS, { message: `must be at most ${MAX_STREAM_POINTS}` })
    .default(MAX_STREAM_POINTS)
    .describe(`Points per stream, 10 to ${MAX_STREAM_POINTS}; longer recordings are downsampled keeping peaks.`),
});

export const getActivity = defineTool({
  name: "get_activity",
  title: "Get one activity",
  description: `One workout's summary, route (encoded polyline) and streams (heart rate, speed, power, cadence, altitude, position …) as [seconds since start, value] pairs, at most ${MAX_STREAM_POINTS} per stream. Streams come from the recorded file when one is kept, else from samples stored during the workout.`,
  input: getActivityInput,
  async run(context, input) {
    const row = await readActivity(context.db, { userId: context.userId, activityId: input.id });
    if (!row) throw new AppError("NOT_FOUND", "No activity with this id.");
    if (context.sharing.withheld.has(row.provider))
      return { activity: null, ...withheldNotes(context.sharing, new Map([[row.provider, 1]])) };
    const detail = await readActivityWithStreams(context.db, context.store, {
      userId: context.userId,
      activityId: input.id,
    });
    const shared = detail.streams.series.filter((series) => !context.sharing.withheld.has(series.source));
    const withheld = new Map<string, number>();
    for (const series of detail.streams.series)
      if (context.sharing.withheld.has(series.source))
        withheld.set(series.source, (withheld.get(series.source) ?? 0) + 1);
    return {
      activity: presentActivity(row),
      streams: {
        origin: shared.length > 0 ? detail.streams.origin : "none",
        series: compactStreams(shared, detail.activity.startAt, input.maxPoints),
      },
      ...withheldNotes(context.sharing, withheld),
    };
  },
});
