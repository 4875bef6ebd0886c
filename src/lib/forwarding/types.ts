import type { FileFormat } from "@/lib/files/types";

// The destination side of forwarding: what a provider that accepts uploads offers. A provider
// fills in `uploads` on its ProviderDefinition; forwarding asks the registry, never the slug.

/** A fetch already authorized for the destination account (token refreshed when due, paced). */
export type UploadFetch = (realUrl: string, init?: RequestInit) => Promise<Response>;

export interface UploadContext {
  fetch: UploadFetch;
  /** The scopes the destination account granted, for refusing early with a clear message. */
  scopes: readonly string[];
}

export interface UploadFile {
  bytes: Uint8Array;
  format: FileFormat;
  fileName: string;
  /** Ours, stable per source activity: providers that dedupe by it refuse a second copy. */
  externalId: string;
  name?: string;
}

/** Where an upload stands at the provider. */
export type UploadStatus =
  | { state: "processing" }
  | { state: "done"; activityExternalId: string }
  /** The provider already holds this activity (Strava: "duplicate of activity N"). */
  | { state: "duplicate"; activityExternalId: string; message: string }
  /** The provider refused the file for good (a broken file, a missing permission). */
  | { state: "error"; message: string };

export interface ProviderUploads {
  /** File formats the provider takes, best first. */
  formats: readonly FileFormat[];
  /** Scopes an upload needs; a connection without them gets a failed decision naming them. */
  requiredScopes?: readonly string[];
  /** Sends the file; returns the provider's upload id (the file may still be processing). */
  upload(context: UploadContext, file: UploadFile): Promise<{ uploadId: string; status: UploadStatus }>;
  /** Asks how an upload went. */
  poll(context: UploadContext, uploadId: string): Promise<UploadStatus>;
  /** Deletes an activity, for replace_existing; absent where the provider's API cannot (Strava). */
  deleteActivity?(context: UploadContext, activityExternalId: string): Promise<void>;
  /** How long to wait between polls, in ms (Strava asks for no more than one a second). */
  pollIntervalMs: number;
}
