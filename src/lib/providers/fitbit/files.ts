import type { FileReference } from "@/lib/sync/file-reference";
import type { ProviderFiles } from "@/lib/sync/file-types";
import { hasScope } from "@/lib/sync/scopes";
import { GOOGLE_HEALTH_LOCATION_SCOPE } from "./oauth";
import { API } from "./sync-window";

// Google Health exports a workout as TCX (exportExerciseTcx, alt=media for the bytes) when the
// grant holds the activity and the location scopes (shared/providers/google-health.md §4).
// partialData=true keeps the points recorded without GPS (a treadmill run's heart rate).

const HOST = "health.googleapis.com";
const EXPORT_PATH = /^\/v4\/users\/me\/dataTypes\/exercise\/dataPoints\/[^/]+:exportExerciseTcx$/;

export const WITHOUT_LOCATION =
  "Google Health exports a workout's TCX only with the location permission: reconnect Fitbit and allow location to get it.";

/** The TCX of each workout, keyed by its data point id as transform.ts keys the activity. */
export const exerciseFiles = (pointIds: readonly string[]): FileReference[] =>
  pointIds.map((id) => ({
    activityExternalId: id,
    format: "tcx",
    url: `${API}/exercise/dataPoints/${encodeURIComponent(id)}:exportExerciseTcx?alt=media&partialData=true`,
  }));

export const fitbitFiles: ProviderFiles = {
  isAllowedUrl(realUrl) {
    if (!URL.canParse(realUrl)) return false;
    const url = new URL(realUrl);
    return url.protocol === "https:" && url.host === HOST && !url.username && EXPORT_PATH.test(url.pathname);
  },
  // Without location the export is refused: the workouts wait, and say why, until a grant has it.
  withheld: (context) => (hasScope(context, GOOGLE_HEALTH_LOCATION_SCOPE) ? undefined : WITHOUT_LOCATION),
  download: (context, file) => context.fetch(file.url, { headers: { accept: "*/*" } }),
};
