import type { SplitHandler } from "@/lib/ingest/json-stream/json-splitter";
import type { FileReference } from "@/lib/sync/file-reference";
import type { RecordBatch } from "@/lib/sync/records";

/** What a provider push tells us: whose data changed, or that someone revoked access. */
export type WebhookEvent =
  | {
      kind: "sync";
      externalUserId: string;
      /**
       * The provider's own name for what changed (Google's dataType, Oura's data_type, WHOOP's
       * event object, Strava's object_type, Polar's event), matched against the streams'
       * webhookTypes. Absent when the push does not say: then the whole connection syncs.
       */
      webhookType?: string;
      /** Provider URLs that hold exactly the changed data (ping-style webhooks); the sync fetches these. */
      callbackUrls?: string[];
      /**
       * Original files the push names (Garmin's activityFiles pings), their URLs vetted by the
       * provider's parseEvents: kept as due for the connection, and fetched by the sync it queues.
       */
      files?: FileReference[];
      /** The body itself holds the changed data (Garmin's push mode): a job writes it from the kept body, nothing is fetched. */
      isPushed?: boolean;
    }
  | { kind: "deauthorized"; externalUserId: string };

/** A webhook request, read once: signatures are computed over the exact raw body. */
export interface WebhookRequest {
  method: string;
  url: URL;
  headers: Headers;
  rawBody: string;
}

export interface WebhookSecrets {
  clientId: string;
  clientSecret: string;
  /** <SLUG>_WEBHOOK_SECRET, or the sandbox's own in sandbox mode. */
  webhookSecret?: string;
}

export interface ProviderWebhook {
  /**
   * Subscription handshakes (Strava's hub.challenge, Oura's GET challenge, Google's
   * verification POST). A Response answers the request; undefined means "not a handshake".
   */
  handshake?(request: WebhookRequest, secrets: WebhookSecrets): Response | undefined;
  /** Whether a POST really comes from the provider; false answers 401 and nothing happens. */
  isAuthentic(request: WebhookRequest, secrets: WebhookSecrets): boolean;
  /** The events in an authentic body; throws a ZodError for a body of the wrong shape. */
  parseEvents(request: WebhookRequest): WebhookEvent[];
  /** The success status the provider expects (200 unless it documents another). */
  successStatus?: 200 | 201 | 202 | 204;
  /** A reply body the provider checks (COROS wants {"result":"0000"}); else a count of what was queued. */
  successBody?: unknown;
  /** The largest body read (413 past it); DEFAULT_WEBHOOK_BODY_BYTES unless set. */
  maxBodyBytes?: number;
  /**
   * For a provider that pushes the data itself, in bodies too large to hold (Garmin: up to
   * 100 MB): the body is never read whole. isAuthentic is asked first, with an empty rawBody
   * (such a provider authenticates by headers); the body then streams through readEvents into
   * a kept receipt (gzip), and a job streams the receipt back through readPushedRecords.
   */
  keptBody?: KeptBodyReaders;
}

/** Signed JSON events are small: a body past this is not one. */
export const DEFAULT_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface KeptBodyReaders {
  /** Reads a body as it arrives into the events it names; a malformed entry throws a ZodError naming it. */
  readEvents(): SplitHandler & { finish(): WebhookEvent[] };
  /** Reads a kept body back in a job: the records pushed for one person, in slices. */
  readPushedRecords(externalUserId: string): PushedRecordReader;
}

export interface PushedRecordReader extends SplitHandler {
  /** The records read since the last take, once there are enough to write (memory holds one slice). */
  take(): RecordBatch | undefined;
  /** Whatever is left at the end of the body. */
  finish(): RecordBatch;
}
