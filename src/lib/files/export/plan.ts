import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { ActivityDetailRow } from "@/lib/db/queries/activity-detail";
import { findExportActivities, findNewestActivityFiles, type ExportWindow } from "@/lib/db/queries/activity-export";
import type { User } from "@/lib/db/schema";
import { localDate } from "@/lib/time-zone";
import { buildActivityFile, loadActivitySamples } from "../build";
import { activityLocalDate, exportPath } from "../export-layout";
import type { FileStore } from "../store";
import type { FileFormat } from "../types";
import { planAccountData, type PlannedAccountData } from "./account-data";
import { ManifestWriter, type ManifestRow } from "./manifest";
import { Spool } from "./spool";

// Part of every ETag: a change to how the zip is laid out must not splice into an old download.
const EXPORT_LAYOUT_VERSION = "qt.run export 1";
const PAGE_SIZE = 200;
// DOS times in a zip are local wall-clock fields and yazl takes them in the server's zone, so
// the zone is part of what makes the bytes (the UTC extended timestamp beside them is not).
const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface PlannedFile {
  activityId: string;
  path: string;
  /** The activity's start: every entry's modification time, so the zip is the same every time. */
  mtime: Date;
  sizeBytes: number;
  sha256: string;
  format: FileFormat;
  isGenerated: boolean;
  /** Where a generated file waits for its turn in the zip (see Spool). */
  spooledAt: string | null;
}

export interface ExportPlan {
  userId: string;
  /** Holds the generated files; disposed when the zip ends or is abandoned. */
  spool: Spool;
  files: PlannedFile[];
  manifestCsv: Buffer;
  manifestJson: Buffer;
  /** The full-account zip's README.txt and data/<table>.csv files; null for activity files only. */
  data: PlannedAccountData | null;
  /** When the manifests were last "modified": the newest activity's start, fixed for fixed data. */
  manifestMtime: Date;
  etag: string;
}

export interface ExportParams {
  user: User;
  /** Local dates on the person's calendar, both inclusive; none for everything. */
  from?: string;
  to?: string;
  /** The full-account zip: the person's tables as CSV and a README beside the files. */
  includeData?: boolean;
}

async function planActivity(
  db: Database,
  store: FileStore,
  spool: Spool,
  params: {
    user: User;
    activity: ActivityDetailRow;
    original: { contentHash: string; format: FileFormat } | undefined;
  },
): Promise<Omit<PlannedFile, "path" | "mtime" | "activityId">> {
  const { user, activity, original } = params;
  const keptSize = original ? await store.size(user.id, original.contentHash) : null;
  if (original && keptSize !== null) {
    return {
      sizeBytes: keptSize,
      sha256: original.contentHash,
      format: original.format,
      isGenerated: false,
      spooledAt: null,
    };
  }
  const samples = await loadActivitySamples(db, { userId: user.id, activity });
  const bytes = buildActivityFile({ activity, samples }, "fit");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return {
    sizeBytes: bytes.byteLength,
    sha256,
    format: "fit",
    isGenerated: true,
    spooledAt: await spool.write(sha256, bytes),
  };
}

/**
 * Everything an export's zip holds, decided before its first byte: each activity's file (its
 * newest kept original, else a generated FIT), the file's path, size and hash, and the
 * manifests. Knowing every size up front is what lets the response state its length and
 * answer a Range with an exact Content-Range; the ETag hashes all of it, so any change to the
 * data gives a new tag and a stale If-Range gets the whole new zip.
 */
export async function planExport(db: Database, store: FileStore, params: ExportParams): Promise<ExportPlan> {
  const spool = new Spool();
  try {
    return await planWithSpool(db, store, spool, params);
  } catch (error) {
    await spool.dispose();
    throw error;
  }
}

async function planWithSpool(db: Database, store: FileStore, spool: Spool, params: ExportParams): Promise<ExportPlan> {
  const { user } = params;
  const window: ExportWindow = { from: params.from, to: params.to, timeZone: user.timeZone };
  const manifest = new ManifestWriter({
    format: EXPORT_LAYOUT_VERSION,
    from: params.from ?? null,
    to: params.to ?? null,
    timeZone: user.timeZone,
  });
  const files: PlannedFile[] = [];
  const taken = new Set<string>();
  let after: { startAt: Date; id: string } | undefined;
  for (;;) {
    const page = await findExportActivities(db, { userId: user.id, window, after, limit: PAGE_SIZE });
    if (page.length === 0) break;
    const originals = await findNewestActivityFiles(db, { userId: user.id, activityIds: page.map((row) => row.id) });
    for (const activity of page) {
      const planned = await planActivity(db, store, spool, {
        user,
        activity,
        original: originals.get(activity.id),
      });
      const date = activityLocalDate(activity.startAt, activity.utcOffsetSeconds, (at) => localDate(at, user.timeZone));
      const path = exportPath(
        {
          type: activity.type,
          localDate: date,
          name: activity.name,
          extension: planned.format,
          isGenerated: planned.isGenerated,
        },
        taken,
      );
      files.push({ ...planned, activityId: activity.id, path, mtime: activity.startAt });
      manifest.add(manifestRow(activity, { ...planned, path }));
    }
    const last = page.at(-1)!;
    after = { startAt: last.startAt, id: last.id };
    if (page.length < PAGE_SIZE) break;
  }
  const manifestJson = manifest.toJson();
  const data = params.includeData
    ? await planAccountData(spool, { db, userId: user.id, timeZone: user.timeZone, from: params.from, to: params.to })
    : null;
  const etag = createHash("sha256")
    .update(JSON.stringify([EXPORT_LAYOUT_VERSION, user.id, serverTimeZone()]))
    .update(manifestJson)
    // The tables' hashes (not where they were spooled): a weigh-in synced since gives a new tag.
    .update(
      data ? JSON.stringify([data.readme.toString("utf8"), data.files.map((file) => [file.path, file.sha256])]) : "",
    )
    .digest("hex");
  return {
    userId: user.id,
    spool,
    files,
    manifestCsv: manifest.toCsv(),
    manifestJson,
    data,
    manifestMtime: files.at(-1)?.mtime ?? new Date(Date.UTC(2000, 0, 1)),
    etag: `"${etag}"`,
  };
}

function manifestRow(
  activity: ActivityDetailRow,
  file: Pick<PlannedFile, "path" | "isGenerated" | "format" | "sizeBytes" | "sha256">,
): ManifestRow {
  return {
    id: activity.id,
    start: activity.startAt.toISOString(),
    type: activity.type,
    name: activity.name,
    provider: activity.provider,
    distanceM: activity.distanceM,
    durationS: activity.durationS,
    path: file.path,
    file: file.isGenerated ? "generated" : "original",
    format: file.format,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
  };
}
