import { z } from "zod";
import { AppError, hasErrorCode } from "@/lib/errors";
import { readProviderJson, type ProviderReplies } from "@/lib/providers/http";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncStream } from "@/lib/sync/types";
import { googleApiErrorSchema } from "./schemas";
import { addDays, DAY_MS } from "@/lib/dates";

export const API = "https://health.googleapis.com/v4/users/me/dataTypes";
// Sleep and dailies land hours after the watch syncs: every incremental run re-reads these days.
const TRAILING_DAYS = 3;
// Civil dates run up to 14 h ahead of UTC, so "today" somewhere may be tomorrow in UTC.
export const HORIZON_DAYS = 2;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// A window of civil days [from, to); `to` is fixed while Google pages through it (a page token
// is only valid with the same filter), and chosen afresh when a window starts.
const cursorSchema = z.object({ from: isoDate, to: isoDate.optional(), pageToken: z.string().min(1).optional() });
export type Window = { from: string; to: string; pageToken?: string };

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const GOOGLE_REPLIES: ProviderReplies = {
  name: "Google Health",
  // The person unticked this data's scope on Google's consent screen: nothing to sync here.
  refusal: (status, body, what) =>
    status === 403 && JSON.stringify(body).includes("ACCESS_TOKEN_SCOPE_INSUFFICIENT")
      ? new AppError("PROVIDER_SCOPE_MISSING", `Google Health refused ${what}: its scope was not granted.`)
      : undefined,
  // Google's error envelope becomes part of the message.
  reason: (body) => {
    const error = googleApiErrorSchema.safeParse(body);
    return error.success ? ` (${[error.data.error.status, error.data.error.message].filter(Boolean).join(": ")})` : "";
  },
};

export const readGoogleJson = (response: Response, what: string) => readProviderJson(response, what, GOOGLE_REPLIES);

/** dataPoints.list with an AIP-160 filter on one field over [from, to). */
export function listUrl(dataType: string, field: string, window: Window, pageSize: number): string {
  const url = new URL(`${API}/${dataType}/dataPoints`);
  url.searchParams.set("filter", `${field} >= "${window.from}" AND ${field} < "${window.to}"`);
  url.searchParams.set("pageSize", String(pageSize));
  if (window.pageToken) url.searchParams.set("pageToken", window.pageToken);
  return url.toString();
}

export interface WindowedStreamSpec {
  key: string;
  label: string;
  dataTypes: readonly DataType[];
  /** The notification dataTypes whose changes it reads. */
  webhookTypes: readonly string[];
  /** Any one of these granted scopes lets the stream read. */
  scopes: readonly string[];
  /**
   * The widest range one request may cover (dailyRollUp's caps); left out, the whole span is
   * one filter, paged with tokens: Google documents no range limit for a list.
   */
  windowDays?: number;
  fetchWindow(context: SyncContext, window: Window): Promise<{ records: RecordBatch; nextPageToken?: string }>;
}

/**
 * Walks civil-day windows (or one window, for a list) from the backfill start up to today, each
 * paged with Google's page tokens; once caught up, the next run starts a few days back to pick
 * up late data.
 */
export function windowedStream(spec: WindowedStreamSpec): SyncStream {
  return {
    key: spec.key,
    label: spec.label,
    dataTypes: spec.dataTypes,
    webhookTypes: spec.webhookTypes,
    async fetchPage(context, rawCursor) {
      const today = context.now.toISOString().slice(0, 10);
      const horizon = addDays(today, HORIZON_DAYS);
      const cursor = rawCursor
        ? cursorSchema.parse(JSON.parse(rawCursor))
        : { from: addDays(today, -context.backfillDays) };
      const from = cursor.from < horizon ? cursor.from : addDays(horizon, -1);
      const widest = spec.windowDays === undefined ? horizon : addDays(from, spec.windowDays);
      const to = cursor.to ?? (widest < horizon ? widest : horizon);
      const resumeCursor = JSON.stringify({ from: addDays(today, -TRAILING_DAYS) });
      if (!context.tokens().scopes.some((scope) => spec.scopes.includes(scope)))
        return { records: {}, nextCursor: null, resumeCursor };

      let page: Awaited<ReturnType<WindowedStreamSpec["fetchWindow"]>>;
      try {
        page = await spec.fetchWindow(context, { from, to, pageToken: cursor.pageToken });
      } catch (error) {
        if (hasErrorCode(error, "PROVIDER_SCOPE_MISSING")) return { records: {}, nextCursor: null, resumeCursor };
        throw error;
      }
      const windowsLeft = spec.windowDays === undefined ? 0 : Math.ceil(daysBetween(to, horizon) / spec.windowDays);
      const progress = { done: 1, total: 1 + windowsLeft };
      // Pages still to come: Google says not how many, so the window counts as half read.
      if (page.nextPageToken)
        return {
          records: page.records,
          nextCursor: JSON.stringify({ from, to, pageToken: page.nextPageToken }),
          progress: { ...progress, done: 0.5 },
        };
      if (to < horizon) return { records: page.records, nextCursor: JSON.stringify({ from: to }), progress };
      return { records: page.records, nextCursor: null, resumeCursor, progress: { done: 1, total: 1 } };
    },
  };
}
