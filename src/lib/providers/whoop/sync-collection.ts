import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readProviderJson, type ProviderReplies } from "@/lib/providers/http";
import { hasScope } from "@/lib/sync/scopes";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncStream } from "@/lib/sync/types";
import { whoopPageSchema } from "./schemas";
import { DAY_MS } from "@/lib/dates";

export const WHOOP_API = "https://api.prod.whoop.com/developer";
/** WHOOP's maximum; more is a 400. */
export const PAGE_LIMIT = 25;
// WHOOP scores sleep, recovery and workouts minutes to hours after they end, the current cycle's
// strain grows all day, and people edit records later. An incremental sync re-reads the last
// week, which is still one page per collection.
const RESUME_OVERLAP_DAYS = 7;

// One query (start..end fixed when it begins) read newest first through next_token; `end` stays
// put so the tokens keep meaning the same thing across an interrupted, resumed backfill.
const cursorSchema = z.object({
  start: z.iso.datetime(),
  end: z.iso.datetime().optional(),
  next: z.string().min(1).optional(),
});
type Cursor = z.infer<typeof cursorSchema>;
export interface Window {
  start: string;
  end: string;
}

// A 403 (deactivated_user) is a lapsed membership or a missing scope, not an outage.
const WHOOP_REPLIES: ProviderReplies = {
  name: "WHOOP",
  refusal: (status, _body, what) =>
    status === 403
      ? new AppError(
          "FORBIDDEN",
          `WHOOP refused ${what} (HTTP 403): the membership is inactive or the scope was not granted.`,
        )
      : undefined,
};

export const readWhoopJson = (response: Response, what: string) => readProviderJson(response, what, WHOOP_REPLIES);

/** One page of a WHOOP collection: limit 25, the window, and next_token as `nextToken`. */
export async function fetchWhoopPage<T extends z.ZodType>(
  context: SyncContext,
  path: string,
  record: T,
  window: Window,
  next?: string,
) {
  const url = new URL(`${WHOOP_API}${path}`);
  url.searchParams.set("limit", String(PAGE_LIMIT));
  url.searchParams.set("start", window.start);
  url.searchParams.set("end", window.end);
  // camelCase in the request, snake_case (`next_token`) in the body.
  if (next) url.searchParams.set("nextToken", next);
  return whoopPageSchema(record).parse(await readWhoopJson(await context.fetch(url.toString()), path));
}

export interface CollectionSpec<T extends z.ZodType> {
  key: string;
  dataTypes: readonly DataType[];
  /** The webhook event objects ("workout" of workout.updated) whose changes it reads. */
  webhookTypes: readonly string[];
  path: string;
  scope: string;
  record: T;
  startOf(record: z.infer<T>): string;
  toRecords(context: SyncContext, records: z.infer<T>[], window: Window): RecordBatch | Promise<RecordBatch>;
}

export function collectionStream<T extends z.ZodType>(spec: CollectionSpec<T>): SyncStream {
  return {
    key: spec.key,
    dataTypes: spec.dataTypes,
    webhookTypes: spec.webhookTypes,
    async fetchPage(context, rawCursor) {
      if (!hasScope(context, spec.scope)) return { records: {}, nextCursor: null };
      const cursor: Cursor = rawCursor
        ? cursorSchema.parse(JSON.parse(rawCursor))
        : { start: new Date(context.now.getTime() - context.backfillDays * DAY_MS).toISOString() };
      const window = { start: cursor.start, end: cursor.end ?? context.now.toISOString() };
      const page = await fetchWhoopPage(context, spec.path, spec.record, window, cursor.next);
      const records = await spec.toRecords(context, page.records, window);

      // Newest first: how far back the oldest record on this page reaches is the progress made.
      const total = Math.max(1, Date.parse(window.end) - Date.parse(window.start));
      const oldest = Math.min(
        Date.parse(window.end),
        ...page.records.map((record) => Date.parse(spec.startOf(record))),
      );
      const hours = (ms: number) => Math.round(ms / 3_600_000);
      if (page.next_token) {
        const done = Math.min(total, Math.max(0, Date.parse(window.end) - oldest));
        return {
          records,
          nextCursor: JSON.stringify({ ...window, next: page.next_token }),
          progress: { done: hours(done), total: hours(total) },
        };
      }
      const resumeFrom = new Date(Date.parse(window.end) - RESUME_OVERLAP_DAYS * DAY_MS).toISOString();
      return {
        records,
        nextCursor: null,
        resumeCursor: JSON.stringify({ start: resumeFrom }),
        progress: { done: 1, total: 1 },
      };
    },
  };
}
