import type { FileFormat } from "@/lib/files/types";
import type { FileReference } from "@/lib/sync/file-reference";
import type { ProviderFiles } from "@/lib/sync/file-types";
import { POLAR_API } from "./api";

// AccessLink serves each listed exercise (the last 30 days) as FIT, TCX or GPX:
// GET /v3/exercises/{exerciseId}/fit|tcx|gpx with the person's token. FIT is the original
// recording; TCX and GPX are Polar's conversions of it.

const HOST = "www.polaraccesslink.com";
const FILE_PATH = /^\/v3\/exercises\/[^/]+\/(fit|tcx|gpx)$/;
// AccessLink's examples ask for the FIT with */* (UNCONFIRMED that other values are refused).
const ACCEPT: Record<FileFormat, string> = {
  fit: "*/*",
  tcx: "application/vnd.garmin.tcx+xml",
  gpx: "application/gpx+xml",
};

/** The FIT of each exercise a list names, keyed as transform.ts keys the activity (its id). */
export const polarExerciseFiles = (exercises: ReadonlyArray<{ id: string }>): FileReference[] =>
  exercises.map((exercise) => ({
    activityExternalId: exercise.id,
    format: "fit",
    url: `${POLAR_API}/exercises/${encodeURIComponent(exercise.id)}/fit`,
  }));

export const polarFiles: ProviderFiles = {
  isAllowedUrl(realUrl) {
    if (!URL.canParse(realUrl)) return false;
    const url = new URL(realUrl);
    return url.protocol === "https:" && url.host === HOST && !url.username && FILE_PATH.test(url.pathname);
  },
  download: (context, file) => context.fetch(file.url, { headers: { accept: ACCEPT[file.format] } }),
};
