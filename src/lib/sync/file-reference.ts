import type { FileFormat } from "@/lib/files/types";

// A leaf of the sync contract: what a transform or a push says about an activity's original
// file. It travels in a RecordBatch (and in webhook events), so it imports nothing of the sync.

/** An original file a provider offers for an activity, and where to fetch it (a real provider URL; routing applies). */
export interface FileReference {
  /** The activity's id at the provider: `activities.external_id`, so file and activity find each other whichever comes first. */
  activityExternalId: string;
  /** Which of the activity's files this is when it has several (a triathlon's legs); its format otherwise. */
  key?: string;
  format: FileFormat;
  url: string;
}
