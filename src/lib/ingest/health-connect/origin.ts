import { createHash } from "node:crypto";
import { localDate } from "@/lib/time-zone";
import type { HcMetadata } from "./schemas";

// Rows without metadata are HC Webhook's daily totals and N-minute buckets, which Health
// Connect merges across every app and device: they belong to no single origin.
export const MERGED_SOURCE_ID = "health-connect";

/**
 * The app that wrote the record, plus the device when it names one: Samsung Health writes for
 * both the phone and the watch, and their samples at one instant must not overwrite each other.
 */
export function sourceIdOf(metadata: HcMetadata | null | undefined): string {
  const origin = metadata?.data_origin;
  if (!origin) return MERGED_SOURCE_ID;
  const model = metadata.device?.model?.trim();
  return model ? `${origin}/${model}` : origin;
}

export function deviceNameOf(metadata: HcMetadata | null | undefined): string | null {
  const device = metadata?.device;
  const name = [device?.manufacturer, device?.model].filter((part) => part?.trim()).join(" ");
  return name || null;
}

/**
 * An id for records sent without HC's metadata.id (older builds): the same parts give the
 * same id on every delivery, so the 24-hour overlap re-sends update rather than duplicate.
 */
export function stableIdOf(...parts: Array<string | number | null | undefined>): string {
  return createHash("sha256")
    .update(parts.map((part) => part ?? "").join("|"))
    .digest("hex")
    .slice(0, 32);
}

/**
 * The calendar date at `at` in the record's own offset; else in `timeZone` (the user's
 * profile zone — older builds send no offsets); else in UTC.
 */
export function localDateOf(at: Date, offsetSeconds: number | null | undefined, timeZone?: string): string {
  if (offsetSeconds != null) return new Date(at.getTime() + offsetSeconds * 1000).toISOString().slice(0, 10);
  if (timeZone) return localDate(at, timeZone);
  return at.toISOString().slice(0, 10);
}
