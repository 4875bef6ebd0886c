import type { Database } from "@/lib/db/client";
import type { ActivityDetailRow } from "@/lib/db/queries/activity-detail";
import { listActivityFiles } from "@/lib/db/queries/activity-files";
import { canBuildActivityFile, GENERATED_FORMATS } from "../build";
import type { FileFormat } from "../types";

/** One file the activity page offers; `generated` marks a file we built rather than one recorded. */
export interface DownloadOption {
  key: string;
  label: string;
  /** Where it came from ("garmin", "upload") for a kept file; null for a generated one. */
  source: string | null;
  href: string;
  format: FileFormat;
  generated: boolean;
}

/** The kept originals (newest first, the one a plain download serves on top), then the formats we can build. */
export async function listActivityDownloads(
  db: Database,
  params: { userId: string; activity: ActivityDetailRow },
): Promise<DownloadOption[]> {
  const { activity } = params;
  const base = `/api/activities/${activity.id}/file`;
  const files = await listActivityFiles(db, { userId: params.userId, activityId: activity.id });
  const originals = files.reverse().map((file): DownloadOption => ({
    key: file.id,
    label: `Original ${file.format.toUpperCase()}`,
    source: file.source,
    href: `${base}?fileId=${file.id}`,
    format: file.format,
    generated: false,
  }));
  const generated = GENERATED_FORMATS.filter((format) => canBuildActivityFile(activity, format)).map(
    (format): DownloadOption => ({
      key: format,
      label: `${format.toUpperCase()} (generated)`,
      source: null,
      href: `${base}?format=${format}`,
      format,
      generated: true,
    }),
  );
  return [...originals, ...generated];
}
