import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readProviderJson, type ProviderReplies } from "@/lib/providers/http";
import { hasScope } from "@/lib/sync/scopes";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncStream } from "@/lib/sync/types";
import { ouraCollectionSchema } from "./schemas";
import { addDays, DAY_MS } from "@/lib/dates";

export const OURA_API = "https://api.ouraring.com/v2/usercollection";

// Sleep and readiness reach Oura only when the person opens the app, sometimes days late:
// an incremental sync re-reads the last week (one request) and upserts by id.
const RESUME_OVERLAP_DAYS = 7;

// `to` and `next` travel together: a next_token continues the query it came from. Cursors
// written when backfills went in 28-day windows (no `to`) simply continue to today.
const cursorSchema = z.object({
  origin: z.iso.date(),
  from: z.iso.date(),
  to: z.iso.date().optional(),
  next: z.string().optional(),
});
type Cursor = z.infer<typeof cursorSchema>;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

// A 403 is a missing scope or a lapsed membership, not an outage.
const OURA_REPLIES: ProviderReplies = {
  name: "Oura",
  refusal: (status, _body, what) =>
    status === 403
      ? new AppError(
          "FORBIDDEN",
          `Oura refused ${what} (HTTP 403): the scope was not granted or the Oura membership has lapsed.`,
        )
      : undefined,
};

export const readOuraJson = (response: Response, what: string) => readProviderJson(response, what, OURA_REPLIES);

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
 * A date-filtered collection (sleep, daily_*, workout), read in one query from the cursor to
 * today, page by page with next_token: Oura sets no maximum range on these, so a three-year
 * backfill costs only the pages its documents fill. Oura reads a date-only end_date as
 * midnight and drops that day, and /sleep treats start_date as exclusive, so the query asks
 * for one extra day either side and keeps only the documents dated inside the range.
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
      const to = cursor.to ?? today;

      const url = new URL(`${OURA_API}/${spec.collection}`);
      url.searchParams.set("start_date", addDays(cursor.from, -1));
      url.searchParams.set("end_date", addDays(to, 1));
      if (cursor.next) url.searchParams.set("next_token", cursor.next);
      const page = envelope.parse(await readOuraJson(await context.fetch(url.toString()), spec.collection));
      const days = page.data.map((document) => spec.dayOf(document));
      const documents = page.data.filter((_document, index) => days[index]! >= cursor.from && days[index]! <= to);

      const records = spec.toRecords(documents);
      // Oura gives no total: the newest day read so far measures the way through the range.
      const reached = page.next_token
        ? days.reduce((newest, day) => (day > newest && day <= to ? day : newest), cursor.from)
        : to;
      const progress = { done: daysBetween(cursor.origin, reached) + 1, total: daysBetween(cursor.origin, today) + 1 };
      if (page.next_token)
        return { records, nextCursor: JSON.stringify({ ...cursor, to, next: page.next_token }), progress };
      if (to < today)
        return { records, nextCursor: JSON.stringify({ origin: cursor.origin, from: addDays(to, 1) }), progress };
      const resumeFrom = addDays(today, -RESUME_OVERLAP_DAYS);
      return {
        records,
        nextCursor: null,
        resumeCursor: JSON.stringify({ origin: resumeFrom, from: resumeFrom }),
        progress,
      };
    },
  };
}
