import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { findProvider } from "@/lib/providers";
import type { SourceRef } from "./types";

/**
 * A source as an explanation names it: the device for phone-pushed data ("Apple Watch",
 * "iPhone"), since that is what tells two of them apart, else the provider ("Garmin").
 */
export function labelSource(source: SourceRef): string {
  const push = PUSH_SOURCES.find((candidate) => candidate.slug === source.provider);
  if (push) return source.sourceId || push.name;
  return findProvider(source.provider)?.name ?? source.provider.replaceAll("_", " ");
}
