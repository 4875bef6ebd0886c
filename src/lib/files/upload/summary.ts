import { formatFileSize } from "../format-size";
import { UPLOAD_STATUSES, type FileUploadResult, type UploadStatus } from "./types";

// Words shared by POST /api/files and the drop zone on the Activities page, so a file refused in
// the browser before it is sent reads the same as one the server refused.

export function summarizeUploads(files: readonly Pick<FileUploadResult, "status">[]): Record<UploadStatus, number> {
  const summary = Object.fromEntries(UPLOAD_STATUSES.map((status) => [status, 0])) as Record<UploadStatus, number>;
  for (const file of files) summary[file.status] += 1;
  return summary;
}

const SUMMARY_WORDS: Record<UploadStatus, string> = {
  created: "new",
  duplicate: "duplicate",
  already_uploaded: "already uploaded",
  failed: "failed",
};

/** "3 new, 1 duplicate, 1 failed": the outcomes that happened, in a fixed order. */
export function uploadSummaryText(summary: Record<UploadStatus, number>): string {
  return UPLOAD_STATUSES.filter((status) => summary[status] > 0)
    .map((status) => `${summary[status]} ${SUMMARY_WORDS[status]}`)
    .join(", ");
}

export function fileTooLargeMessage(fileName: string | null, maxBytes: number): string {
  return `${fileName ?? "A file"} is larger than the ${formatFileSize(maxBytes)} limit for one file (QT_FILE_MAX_MB).`;
}
