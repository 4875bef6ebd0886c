import { z } from "zod";
import { AppError } from "@/lib/errors";
import { createProviderFetch, readJson } from "@/lib/providers/http";
import { resolveOAuth1Route, routeUrl } from "@/lib/providers/routing";
import type { SyncContext } from "@/lib/sync/types";
import { garminUserFetch } from "./oauth1";

export const GARMIN_API = "https://apis.garmin.com/wellness-api/rest";

// Pull queries select by upload time, at most 24 hours per request.
export const UPLOAD_WINDOW_S = 86_400;
// Re-read the last minutes of the previous window: an upload stamped just before we asked
// may not have been queryable yet. Upserts make the re-read harmless.
const RESUME_OVERLAP_S = 300;
const MAX_SIGNED_ATTEMPTS = 3;

// `end` fixes where a backfill stops, so its total (and the progress bar) stays put while
// new uploads land; an incremental cursor carries only `start` and runs up to now.
const cursorSchema = z.object({
  start: z.number().int(),
  end: z.number().int().optional(),
  done: z.number().int().nonnegative().optional(),
  total: z.number().int().positive().optional(),
});

/**
 * A GET on the person's behalf. OAuth 2.0 goes through the sync's fetch (Bearer, pacing,
 * 429/5xx handling); OAuth 1.0a needs a signature that fetch would overwrite with a Bearer
 * header, so it is signed here with a minimal retry of its own.
 */
export async function garminGet(context: Pick<SyncContext, "fetch" | "tokens">, url: string): Promise<Response> {
  const tokens = context.tokens();
  if (!tokens.tokenSecret) return context.fetch(url);
  const route = resolveOAuth1Route("garmin");
  const signedContext = {
    fetch: createProviderFetch("garmin", (realUrl) => routeUrl(route, realUrl)),
    credentials: route.mode === "not_configured" ? { clientId: "", clientSecret: "" } : route.credentials,
  };
  for (let attempt = 1; ; attempt++) {
    const response = await garminUserFetch(signedContext, tokens, url);
    if (response.status < 500 || attempt >= MAX_SIGNED_ATTEMPTS) return response;
    await response.body?.cancel();
  }
}

export async function readSummaries(response: Response, what: string): Promise<unknown> {
  if (response.status === 429) throw new AppError("RATE_LIMITED", `Garmin ${what} answered HTTP 429.`);
  // The person switched off activity or health export at Garmin: retrying will not help.
  if (response.status === 403)
    throw new AppError("FORBIDDEN", `Garmin refused ${what} (HTTP 403): the permission was not granted.`);
  if (!response.ok) {
    // Garmin explains refusals in { errorMessage }, e.g. a window over 24 h.
    const detail = await response.text().catch(() => "");
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `Garmin ${what} answered HTTP ${response.status}${detail ? `: ${detail.slice(0, 200)}` : ""}.`,
    );
  }
  return readJson(response, `Garmin ${what}`);
}

export interface WindowPage {
  summaries: unknown;
  nextCursor: string | null;
  resumeCursor?: string;
  progress: { done: number; total: number };
}

/**
 * Legacy OAuth 1.0a only: one 24-hour upload window of a summary type, oldest first from the
 * cursor to now. Garmin still answers such self-initiated pulls for OAuth 1.0a tokens until
 * it retires them (2026-12-31); OAuth 2.0 partners must pull from ping callbackURLs instead.
 */
export async function pullUploadWindow(
  context: SyncContext,
  rawCursor: string | null,
  summaryType: string,
): Promise<WindowPage> {
  const nowS = Math.floor(context.now.getTime() / 1000);
  const cursor = rawCursor
    ? cursorSchema.parse(JSON.parse(rawCursor))
    : { start: nowS - context.backfillDays * UPLOAD_WINDOW_S };
  const end = cursor.end ?? nowS;
  const total = cursor.total ?? Math.max(1, Math.ceil((end - cursor.start) / UPLOAD_WINDOW_S));
  const done = cursor.done ?? 0;
  const windowEnd = Math.min(cursor.start + UPLOAD_WINDOW_S, end);
  if (windowEnd <= cursor.start) {
    return {
      summaries: [],
      nextCursor: null,
      resumeCursor: JSON.stringify({ start: cursor.start }),
      progress: { done: total, total },
    };
  }

  const url = new URL(`${GARMIN_API}/${summaryType}`);
  url.searchParams.set("uploadStartTimeInSeconds", String(cursor.start));
  url.searchParams.set("uploadEndTimeInSeconds", String(windowEnd));
  const summaries = await readSummaries(await garminGet(context, url.toString()), summaryType);

  if (windowEnd < end) {
    return {
      summaries,
      nextCursor: JSON.stringify({ start: windowEnd, end, done: done + 1, total }),
      progress: { done: done + 1, total },
    };
  }
  return {
    summaries,
    nextCursor: null,
    resumeCursor: JSON.stringify({ start: Math.max(cursor.start, windowEnd - RESUME_OVERLAP_S) }),
    progress: { done: total, total },
  };
}
