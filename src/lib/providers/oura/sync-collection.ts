import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncStream } from "@/lib/sync/types";
import { ouraCollectionSchema } from "./schemas";

export const OURA_API = "https://api.ouraring.com/v2/usercollection";

// Ranges over ~30 days fail at Oura; 28 days plus a day of padding either side stays within.
const WINDOW_DAYS = 28;
// Sleep and readiness reach Oura only when the person opens the app, sometimes days late:
// an incremental sync re-reads the last week (one request) and upserts by id.
const RESUME_OVERLAP_DAYS = 7;
const DAY_MS = 86_400_000;

// `to` and `next` travel together: a next_token continues the query it came from.
const cursorSchema = z.object({ origin: z.iso.date(), from: z.iso.date(), to: z.iso.date().optional(), next: z.string().optional() });
type Cursor = z.infer<typeof cursorSchema>;

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** False only when the grant is known and lacks the scope: Oura would answer 403. */
export const hasScope = (context: SyncContext, scope: string) => {
  const scopes = context.tokens().scopes;
  return scopes.length === 0 || scopes.includes(scope);
};

/** Reads an Oura response, telling a missing scope or lapsed membership (403) apart from an outage. */
export async function readOuraJson(response: Response, what: string): Promise<unknown> {
  if (response.status === 403) {
    throw new AppError("FORBIDDEN", `Oura refused ${what} (HTTP 403): the scope was not granted or the Oura membership has lapsed.`);
  }
  if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Oura ${what} answered HTTP ${response.status}.`);
  return response.json();
}

export interface CollectionSpec<T extends z.ZodType> {
  key: string;
  dataTypes: readonly DataType[];
  /** The webhook data_types whose changes it reads. */
  webhookTypes: readonly string[];
  /** The path segment after /v2/usercollection/. */
  collection: string;
  scope: string;
  document: T;
  /** The document's local date, to keep only the window's own days. */
  dayOf(document: z.infer<T>): string;
  toRecords(documents: z.infer<T>[]): RecordBatch;
}

/**
 * A date-filtered collection (sleep, daily_*, workout), read oldest first in 28-day windows.
 * Oura reads a date-only end_date as midnight and drops that day, and /sleep treats
 * start_date as exclusive, so each request asks for one extra day either side and keeps
 * only the documents dated inside the window.
 */
export function collectionStream<T extends z.ZodType>(spec: CollectionSpec<T>): SyncStream {
  const envelope = ouraCollectionSchema(spec.document);
  return {
    key: spec.key,
    dataTypes: spec.dataTypes,
    webhookTypes: spec.webhookTypes,
    async fetchPage(context, rawCursor) {
      if (!hasScope(context, spec.scope)) return { records: {}, nextCursor: null };
      // The person's today may be up to 14 h ahead of UTC.
      const today = addDays(context.now.toISOString().slice(0, 10), 1);
      const start = addDays(today, -context.backfillDays);
      const cursor: Cursor = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : { origin: start, from: start };
      const to = cursor.next && cursor.to ? cursor.to : [addDays(cursor.from, WINDOW_DAYS - 1), today].sort()[0]!;

      const url = new URL(`${OURA_API}/${spec.collection}`);
      url.searchParams.set("start_date", addDays(cursor.from, -1));
      url.searchParams.set("end_date", addDays(to, 1));
      if (cursor.next) url.searchParams.set("next_token", cursor.next);
      const page = envelope.parse(await readOuraJson(await context.fetch(url.toString()), spec.collection));
      const documents = page.data.filter((document) => {
        const day = spec.dayOf(document);
        return day >= cursor.from && day <= to;
      });

      const records = spec.toRecords(documents);
      const progress = { done: daysBetween(cursor.origin, to) + 1, total: daysBetween(cursor.origin, today) + 1 };
      if (page.next_token) return { records, nextCursor: JSON.stringify({ ...cursor, to, next: page.next_token }), progress };
      if (to < today) return { records, nextCursor: JSON.stringify({ origin: cursor.origin, from: addDays(to, 1) }), progress };
      const resumeFrom = addDays(today, -RESUME_OVERLAP_DAYS);
      return { records, nextCursor: null, resumeCursor: JSON.stringify({ origin: resumeFrom, from: resumeFrom }), progress };
    },
  };
}
