import { buffer } from "node:stream/consumers";
import type { Database } from "@/lib/db/client";
import { listActivityFiles } from "@/lib/db/queries/activity-files";
import type { ActivityFile } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseActivityFile } from "@/lib/files/parse";
import type { FileStore } from "@/lib/files/store";
import type { ParsedActivityFile } from "@/lib/files/types";

export interface OriginalTrack {
  file: ActivityFile;
  parsed: ParsedActivityFile;
}

export interface ActivityOriginals {
  /** Every original kept for the activity, for the download menu. */
  files: ActivityFile[];
  /** The one the page draws from, when one could be read. */
  track: OriginalTrack | null;
  /** Why no file could be drawn although one is kept (missing from the store, unreadable). */
  problem: string | null;
}

// FIT carries every channel a device records; TCX adds laps and power to GPX's route and heart rate.
const RICHNESS = { fit: 0, tcx: 1, gpx: 2 } as const;

// A few recently drawn files, by content hash: reopening an activity page does not parse a
// four-hour FIT again. Small, because a parsed 1 Hz file holds tens of thousands of points.
const CACHE_SIZE = 8;
const cache = new Map<string, ParsedActivityFile>();

async function parseKept(store: FileStore, file: ActivityFile): Promise<ParsedActivityFile> {
  const key = `${file.userId}:${file.contentHash}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const bytes = await buffer(await store.read(file.userId, file.contentHash));
  const parsed = parseActivityFile(bytes, file.format);
  cache.set(key, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

/** The activity's kept originals, and the richest one parsed for charts, laps and the route. */
export async function readActivityOriginals(
  db: Database,
  store: FileStore,
  params: { userId: string; activityId: string },
): Promise<ActivityOriginals> {
  const files = await listActivityFiles(db, params);
  const ordered = [...files].sort((a, b) => RICHNESS[a.format] - RICHNESS[b.format]);
  let problem: string | null = null;
  for (const file of ordered) {
    try {
      return { files, track: { file, parsed: await parseKept(store, file) }, problem: null };
    } catch (error) {
      // Our own errors are written for people; anything else stays in the log, not on the page.
      const reason = error instanceof AppError ? error.message : "an unexpected error (see the server log)";
      if (!(error instanceof AppError)) console.error("[files] reading a kept file failed:", error);
      problem ??= `${file.fileName ?? `The ${file.format.toUpperCase()} file`} could not be read: ${reason}`;
    }
  }
  return { files, track: null, problem };
}
