import { z } from "zod";
import { addDays } from "@/lib/dates";
import { readProviderJson } from "../http";
import type { SyncContext } from "@/lib/sync/types";
import { CONNECT_API_HEADERS, connectApiUrl } from "./connect-api";
import type { GarminRegion } from "./regions";

// What every Garmin Connect stream shares: reading the API as the app does, and its dates.

export const GARMIN_REPLIES = { name: "Garmin Connect" } as const;

export async function getConnectJson(
  context: SyncContext,
  region: GarminRegion,
  path: string,
  query?: Record<string, string | number>,
): Promise<unknown> {
  const response = await context.fetch(connectApiUrl(region, path, query), { headers: CONNECT_API_HEADERS });
  // Connect answers 204 for a day with nothing recorded.
  if (response.status === 204) return null;
  return readProviderJson(response, path.split("/").slice(0, 3).join("/"), GARMIN_REPLIES);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const dateCursorSchema = z.object({ from: isoDate });

/**
 * Today as the wearer's calendar may already have it: a China account's day starts eight hours
 * before UTC's, so the last day asked for is UTC's tomorrow (an empty day costs one request).
 */
export const lastDayOf = (context: SyncContext) => addDays(context.now.toISOString().slice(0, 10), 1);
export const firstDayOf = (context: SyncContext) =>
  addDays(context.now.toISOString().slice(0, 10), -context.backfillDays);

/** The day a stream starts from: its cursor, else the backfill's first day. */
export function startDay(context: SyncContext, rawCursor: string | null): string {
  return rawCursor ? dateCursorSchema.parse(JSON.parse(rawCursor)).from : firstDayOf(context);
}

export const dateCursor = (from: string) => JSON.stringify({ from });
export const earlier = (a: string, b: string) => (a < b ? a : b);
