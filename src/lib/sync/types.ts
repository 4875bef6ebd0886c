import type { HistoryDays } from "@/lib/providers/history-types";
import type { DataType, TokenSet } from "@/lib/providers/base-types";
import type { RecordBatch } from "./records";

/**
 * Requests made during a sync: authenticated, paced, retried (sync-fetch.ts). `isAnonymous`: a
 * pre-signed file URL on a storage host (COROS's FIT downloads) gets no access token.
 */
export type SyncFetch = (realUrl: string, init?: RequestInit & { isAnonymous?: boolean }) => Promise<Response>;

export interface SyncContext {
  fetch: SyncFetch;
  /** The current tokens (refreshed as needed by fetch; read-only here). */
  tokens(): TokenSet;
  externalUserId: string;
  now: Date;
  /** First sync of this stream: how far back to reach. */
  backfillDays: number;
  /** The connection's history horizon, for a provider with `history` (its setting or the default). */
  historyDays?: HistoryDays;
  /**
   * What queued this run (a webhook's callbackUrls, the `streams` a push named); streams
   * validate what they use.
   */
  jobPayload: Record<string, unknown>;
  /**
   * Counts one use of a per-connection hourly limit the provider's sync declares (`hourlyLimits`):
   * past it, the run gives its worker back until the window ends (WaitUntil) and resumes from its cursor.
   */
  spend(limit: string): Promise<void>;
  /** The connection's original activity files, for a stream that downloads them (Garmin Connect). */
  files: ActivityFileAccess;
}

/** An activity of this connection as its file download needs it. */
export interface SyncedActivity {
  id: string;
  externalId: string;
  /** The provider's own type, which some downloads must name (COROS's sportType). */
  providerType: string | null;
  startAt: Date;
}

export interface ActivityFileAccess {
  /** This connection's activities that started after `after` and have no original file yet, oldest first. */
  withoutFile(params: { after: Date | null; limit: number }): Promise<SyncedActivity[]>;
  /** Keeps the provider's original file of one activity in the file store and its index. */
  save(activity: SyncedActivity, file: { bytes: Uint8Array; fileName: string }): Promise<void>;
}

export interface SyncPage {
  records: RecordBatch;
  /** Where the next page starts; null when this stream is caught up. */
  nextCursor: string | null;
  /** The cursor to start from next time once caught up (incremental sync). */
  resumeCursor?: string;
  /** For progress bars: windows or pages done of the total known so far. */
  progress?: { done: number; total: number | null };
}

/**
 * One kind of data a provider serves (Strava activities, Oura daily readiness, …), fetched
 * a page at a time from an opaque cursor that the stream alone understands.
 */
export interface SyncStream {
  key: string;
  /** What a person calls it on the source card ("Resting heart rate"); the key, capitalised, if unset. */
  label?: string;
  dataTypes: readonly DataType[];
  /**
   * The provider's own names for the changes this stream reads (Google's `dataType`, Oura's
   * `data_type`, Polar's `event` …): a push naming one of them syncs only the streams that list
   * it. While none of a provider's streams list any, every push syncs the whole connection.
   */
  webhookTypes?: readonly string[];
  fetchPage(context: SyncContext, cursor: string | null): Promise<SyncPage>;
}

export interface ProviderSync {
  streams: readonly SyncStream[];
  /** How far back the first sync reaches, within what the provider allows. */
  backfillDays: number;
  /**
   * Requests per minute we allow ourselves; the default keeps the provider's published limit.
   * Overridable with QT_SYNC_REQUESTS_PER_MINUTE (tests, benchmarks, raised quotas).
   */
  requestsPerMinute: number;
  /** Whether that budget is the whole app's (Strava, WHOOP) or each connection's (Oura, Google). */
  budgetScope: "app" | "connection";
  /** For a provider whose 429 carries no Retry-After: how long to wait, read from its headers. */
  rateLimitWaitMs?(response: Response, now: number): number | undefined;
  /**
   * "wait" (the default): a 429 is waited out as the provider says. "pause": the connection stops
   * asking for hours, doubling with each 429 in a row (QT_CREDENTIAL_BACKOFF_HOURS), for providers
   * that answer automated clients with blocks rather than quotas (password-linked accounts).
   */
  onRateLimit?: "wait" | "pause";
  /** Per-connection hourly limits a stream spends with `context.spend(name)`: uses per hour. */
  hourlyLimits?: Record<string, () => number>;
}
