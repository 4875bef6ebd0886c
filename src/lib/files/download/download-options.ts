import type { ActivityFile } from "@/lib/db/schema";
import { GENERATED_FORMATS } from "../build";
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

/**
 * What the activity page offers to download: the kept originals (`files`, the activity's own,
 * oldest first as listActivityFiles gives them) newest first, as a plain download serves the
 * newest; then the formats we can build: FIT always, GPX when there is a route to list (the
 * summary's polyline or a kept file's positions, as the page draws it).
 */
export function activityDownloadOptions(
  activity: { id: string; hasRoute: boolean },
  files: readonly ActivityFile[],
): DownloadOption[] {
  const base = `/api/activities/${activity.id}/file`;
  const originals = [...files].reverse().map((file): DownloadOption => ({
    key: file.id,
    label: `Original ${file.format.toUpperCase()}`,
    source: file.source,
    href: `${base}?fileId=${file.id}`,
    format: file.format,
    generated: false,
  }));
  const generated = GENERATED_FORMATS.filter((format) => format === "fit" || activity.hasRoute).map(
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
