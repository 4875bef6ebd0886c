import type { FileFormat } from "../types";

// The reply of POST /api/files, shared by the route and the Activities page's drop zone.

export const UPLOAD_STATUSES = ["created", "duplicate", "already_uploaded", "failed"] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadedActivity {
  id: string;
  /** The activity's source slug ("upload" for one made from this file, else the provider's). */
  provider: string;
  /** The source as the app names it ("Uploaded file", "Strava"). */
  source: string;
  type: string;
  name: string | null;
  startAt: string;
}

export interface KeptFile {
  id: string;
  format: FileFormat;
  sizeBytes: number;
  sha256: string;
}

export type FileUploadResult =
  | {
      /** The name the client sent, for display only. */
      fileName: string | null;
      /**
       * created: a new activity from this file. duplicate: the workout was already known (same
       * sport family, start within the tolerance); the file is linked to that activity.
       * already_uploaded: these exact bytes were kept before; nothing changed.
       */
      status: Exclude<UploadStatus, "failed">;
      activity: UploadedActivity;
      file: KeptFile;
      /** What a damaged file lost: non-empty when only part of it could be read. */
      warnings: string[];
    }
  | {
      fileName: string | null;
      status: "failed";
      /** `status` is the HTTP status this file alone would have had (413, 415, 400 …). */
      error: { code: string; status: number; message: string };
    };

export interface UploadReply {
  files: FileUploadResult[];
  summary: Record<UploadStatus, number>;
  /** Said when part of the request was not read (more files than one request takes). */
  notice?: string;
}
