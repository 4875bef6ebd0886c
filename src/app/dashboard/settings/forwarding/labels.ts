import type { PlanAction } from "@/lib/forwarding/plan";
import type { ForwardingDecision } from "@/lib/db/schema";

// Words for what a plan would do and what a run did, shared by the plan table and the log.

export const ACTION_LABELS: Record<PlanAction, string> = {
  upload: "Upload",
  replace: "Replace the copy",
  skip_existing: "Skip: already there",
  poll: "Ask how the earlier upload went",
  already_done: "Nothing: already forwarded",
  waiting_retry: "Nothing yet: waiting to retry",
  gave_up: "Nothing: failed for good",
  no_file: "Nothing: no file to send",
  cannot_upload: "Nothing: the destination cannot take it",
};

export const DECISION_LABELS: Record<ForwardingDecision, string> = {
  uploaded: "Uploaded",
  skipped_existing: "Skipped: already there",
  replaced: "Replaced",
  failed: "Failed",
  pending: "Pending",
};

/** "trail_run" → "Trail run". */
export const typeLabel = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).replaceAll("_", " ");

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
