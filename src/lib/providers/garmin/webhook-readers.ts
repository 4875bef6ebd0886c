import type { z } from "zod";
import type { FileReference } from "@/lib/sync/file-reference";
import type { RecordBatch } from "@/lib/sync/records";
import type { PushedRecordReader, WebhookEvent } from "@/lib/webhooks/types";
import { isGarminCallbackUrl } from "./callback-url";
import { GarminEntrySplitter, parseEntry } from "./notification-reader";
import {
  garminActivityFileSchema,
  garminDeregistrationSchema,
  garminNotifiedUserSchema,
  garminPermissionsChangeSchema,
} from "./schemas";
import { findSummaryKind, type GarminSummaryKind } from "./summary-specs";

// Without either export permission nothing is left to sync: treat it as a revocation.
const EXPORT_PERMISSIONS = ["ACTIVITY_EXPORT", "HEALTH_EXPORT"];
// Summaries transformed and written together: a slice, not the body.
const SUMMARIES_PER_SLICE = 500;

const ACTIVITY_FILES = "activityFiles";

/** An activityFiles ping: the file to fetch for one activity, if its callbackURL is Garmin's own. */
function activityFileEvent(file: z.infer<typeof garminActivityFileSchema>): WebhookEvent {
  const files: FileReference[] = isGarminCallbackUrl(file.callbackURL)
    ? [
        {
          // transform.ts keys activities by activityId: the file finds its activity by it.
          activityExternalId: String(file.activityId),
          format: file.fileType === "FIT" ? "fit" : file.fileType === "TCX" ? "tcx" : "gpx",
          url: file.callbackURL,
        },
      ]
    : [];
  return { kind: "sync", externalUserId: file.userId, webhookType: ACTIVITY_FILES, ...(files.length ? { files } : {}) };
}

/** What a notification asks of us, read as it arrives. */
export class GarminEventReader extends GarminEntrySplitter {
  private readonly events: WebhookEvent[] = [];

  protected entry(summaryType: string, index: number, entry: unknown): void {
    if (summaryType === "deregistrations") {
      const { userId } = parseEntry(garminDeregistrationSchema, summaryType, index, entry);
      this.events.push({ kind: "deauthorized", externalUserId: userId });
      return;
    }
    if (summaryType === "userPermissionsChange") {
      const { userId, permissions } = parseEntry(garminPermissionsChangeSchema, summaryType, index, entry);
      const isRevoked = !EXPORT_PERMISSIONS.some((permission) => permissions.includes(permission));
      this.events.push({ kind: isRevoked ? "deauthorized" : "sync", externalUserId: userId });
      return;
    }
    if (summaryType === ACTIVITY_FILES) {
      this.events.push(activityFileEvent(parseEntry(garminActivityFileSchema, summaryType, index, entry)));
      return;
    }
    const { userId, callbackURL } = parseEntry(garminNotifiedUserSchema, summaryType, index, entry);
    // A push entry is the summary itself: written from the kept body when we store its type.
    if (callbackURL === undefined && findSummaryKind(summaryType)) {
      this.events.push({ kind: "sync", externalUserId: userId, webhookType: summaryType, isPushed: true });
      return;
    }
    // A ping's callbackURL is kept only if it is Garmin's own. Garmin's streams list no webhook
    // types: a ping's URLs already say which summaries to fetch.
    const callbackUrls = callbackURL && isGarminCallbackUrl(callbackURL) ? [callbackURL] : [];
    this.events.push({
      kind: "sync",
      externalUserId: userId,
      webhookType: summaryType,
      ...(callbackUrls.length ? { callbackUrls } : {}),
    });
  }

  finish(): WebhookEvent[] {
    return this.events;
  }
}

/** The summaries a kept push body holds for one Garmin user, as rows, a slice at a time. */
export class GarminPushedRecords extends GarminEntrySplitter implements PushedRecordReader {
  private pending = new Map<GarminSummaryKind, unknown[]>();
  private pendingCount = 0;

  constructor(private readonly externalUserId: string) {
    super();
  }

  protected entry(summaryType: string, index: number, entry: unknown): void {
    const kind = findSummaryKind(summaryType);
    if (!kind) return;
    // Garmin batches several people's summaries in one body; each job writes its own person's.
    // An entry with a callbackURL is a ping: its summaries are fetched by the sync.
    const { userId, callbackURL } = parseEntry(garminNotifiedUserSchema, summaryType, index, entry);
    if (userId !== this.externalUserId || callbackURL !== undefined) return;
    const summary = parseEntry(kind.spec.summary, summaryType, index, entry);
    let summaries = this.pending.get(kind);
    if (!summaries) this.pending.set(kind, (summaries = []));
    summaries.push(summary);
    this.pendingCount++;
  }

  take(): RecordBatch | undefined {
    return this.pendingCount >= SUMMARIES_PER_SLICE ? this.drain() : undefined;
  }

  finish(): RecordBatch {
    return this.drain();
  }

  private drain(): RecordBatch {
    const batch: RecordBatch = {};
    for (const [kind, summaries] of this.pending) {
      for (const [table, rows] of Object.entries(kind.toRecords(summaries)) as Array<[keyof RecordBatch, unknown[]]>) {
        (batch[table] as unknown[] | undefined) = [...((batch[table] as unknown[] | undefined) ?? []), ...rows];
      }
    }
    this.pending = new Map();
    this.pendingCount = 0;
    return batch;
  }
}
