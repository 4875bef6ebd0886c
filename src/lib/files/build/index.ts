import { AppError } from "@/lib/errors";
import { buildFit } from "./fit";
import { buildGpx } from "./gpx";
import type { ActivityFileInput } from "./input";

export { GENERATED_DESCRIPTION, GENERATED_SUFFIX } from "./generated";
export { loadActivityFileInput, loadActivitySamples, type ActivityFileInput } from "./input";

export const GENERATED_FORMATS = ["fit", "gpx"] as const;
export type GeneratedFormat = (typeof GENERATED_FORMATS)[number];

/** Whether an activity can be built in `format`: a GPX needs positions (a route or a recording's); a FIT can always be built. */
export function canBuildActivityFile(
  input: { activity: Pick<ActivityFileInput["activity"], "polyline">; track?: ActivityFileInput["track"] },
  format: GeneratedFormat,
): boolean {
  if (format === "fit" || input.activity.polyline) return true;
  return input.track?.some((point) => point.lat !== undefined && point.lon !== undefined) ?? false;
}

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
