import { z } from "zod";
import type { ProviderSync, SyncStream } from "./types";

// A push names what changed, so its job runs only the streams that read that; a scheduled or
// manual sync names nothing and runs them all. The choice travels in the job's payload as
// `streams` (stream keys), where a push that joins an unfinished job adds its own
// (db/queries/sync-jobs.ts): a job without `streams` runs everything and stays that way.

export type StreamSelection = "all" | string[];

/**
 * The streams a push's changes call for. "all" when some change is unnamed or the provider's
 * streams declare no webhook types; an empty list when every change is data we do not store.
 */
export function streamsForWebhookTypes(
  sync: ProviderSync | undefined,
  webhookTypes: ReadonlyArray<string | undefined>,
): StreamSelection {
  const streams = sync?.streams ?? [];
  if (!streams.some((stream) => stream.webhookTypes?.length)) return "all";
  if (webhookTypes.some((type) => type === undefined)) return "all";
  return streams
    .filter((stream) => stream.webhookTypes?.some((type) => webhookTypes.includes(type)))
    .map((stream) => stream.key)
    .sort();
}

/** The payload fields that say so: nothing for "all". Keys sorted, so equal sets compare equal. */
export const selectionPayload = (selection: StreamSelection): { streams?: string[] } =>
  selection === "all" ? {} : { streams: [...selection].sort() };

const payloadSchema = z.object({ streams: z.array(z.string().min(1)).min(1).optional() });

/** The streams a job runs, in the provider's order: those its payload names, else every one. */
export function streamsToRun(streams: readonly SyncStream[], payload: Record<string, unknown>): readonly SyncStream[] {
  const parsed = payloadSchema.safeParse(payload);
  // A payload we cannot read must not silently sync less than everything.
  const named = parsed.success ? parsed.data.streams : undefined;
  if (!named) return streams;
  const chosen = streams.filter((stream) => named.includes(stream.key));
  // Named streams that no longer exist (renamed by a release in between): everything, not nothing.
  return chosen.length ? chosen : streams;
}
