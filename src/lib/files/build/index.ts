import { AppError } from "@/lib/errors";
import { buildFit } from "./fit";
import { buildGpx } from "./gpx";
import type { ActivityFileInput } from "./input";

export { GENERATED_DESCRIPTION, GENERATED_SUFFIX } from "./generated";
export { loadActivityFileInput, loadActivitySamples, type ActivityFileInput } from "./input";

export const GENERATED_FORMATS = ["fit", "gpx"] as const;
export type GeneratedFormat = (typeof GENERATED_FORMATS)[number];

/** Whether this activity can be built in `format`: a GPX needs a route; a FIT can always be built. */
export const canBuildActivityFile = (
  activity: Pick<ActivityFileInput["activity"], "polyline">,
  format: GeneratedFormat,
): boolean => format === "fit" || Boolean(activity.polyline);

/**
 * A FIT or GPX file built from the stored summary and samples, for activities whose provider
 * offers no original (Strava, phone workouts), so every activity can be downloaded and
 * forwarded. Marked as generated inside the file; callers mark it in names and listings too.
 */
export function buildActivityFile(input: ActivityFileInput, format: GeneratedFormat): Uint8Array {
  switch (format) {
    case "fit":
      return buildFit(input);
    case "gpx":
      return buildGpx(input);
    default: {
      const never: never = format;
      throw new AppError("INVALID_INPUT", `Cannot build a ${String(never)} file.`);
    }
  }
}
