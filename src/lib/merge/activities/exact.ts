import { activitySource } from "@/lib/activity/source";
import type { LinkMethod } from "@/lib/db/schema";
import { findProvider } from "@/lib/providers";
import type { MatchRow } from "./types";

/** What the stored rows around a pair say about it, gathered once per write. */
export interface ExactContext {
  /** pairKey(source, copy) -> the forwarded source's id, from the forwarding log. */
  forwardedPairs: Map<string, string>;
  fileHashes: Map<string, Set<string>>;
}

export interface ExactMatch {
  method: LinkMethod;
  reason: string;
}

const sourceName = (row: MatchRow) => activitySource(row.provider, row.externalId).name;

/** Whether `copy` names `origin` as the upload it was made from (its provider's copyOrigin). */
function namesOrigin(copy: MatchRow, origin: MatchRow): ExactMatch | undefined {
  const named = findProvider(copy.provider)?.copyOrigin?.(copy.raw);
  if (!named) return undefined;
  if (named.kind === "source_activity" && named.provider === origin.provider && named.externalId === origin.externalId)
    return { method: "external_id", reason: `${sourceName(copy)} names the ${sourceName(origin)} upload` };
  if (named.kind === "forwarded" && named.activityId === origin.id)
    return {
      method: "forwarding",
      reason: `${sourceName(copy)} names the upload QT.run forwarded from ${sourceName(origin)}`,
    };
  return undefined;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The exact reason two rows are one activity, if there is one; the scored match comes after. */
export function findExactMatch(a: MatchRow, b: MatchRow, context: ExactContext): ExactMatch | undefined {
  const named = namesOrigin(a, b) ?? namesOrigin(b, a);
  if (named) return named;
  const forwardedFrom = context.forwardedPairs.get(pairKey(a.id, b.id));
  if (forwardedFrom) {
    const [source, copy] = forwardedFrom === a.id ? [a, b] : [b, a];
    return {
      method: "forwarding",
      reason: `QT.run forwarded the ${sourceName(source)} activity to ${sourceName(copy)}`,
    };
  }
  const aHashes = context.fileHashes.get(a.id);
  const bHashes = context.fileHashes.get(b.id);
  if (aHashes && bHashes && [...aHashes].some((hash) => bHashes.has(hash)))
    return { method: "file_hash", reason: "the same original file" };
  return undefined;
}
