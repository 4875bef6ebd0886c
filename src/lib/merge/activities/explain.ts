import type { LinkEvidence, LinkMethod } from "@/lib/db/schema";

export interface ExplainedSide {
  sourceName: string;
  name: string | null;
}

function formatGap(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
}

const within = (what: string, percent: number) =>
  percent < 0.05 ? `same ${what}` : `${what} within ${percent.toFixed(1)}%`;

/**
 * One link in words, e.g. "Linked: Garmin 'Morning Run' and Strava 'Morning Run' (start 4 s
 * apart, distance within 0.6%, Strava names the Garmin upload)". `first` is the row shown first
 * (the group's primary where it is one of the two).
 */
export function explainLink(
  first: ExplainedSide,
  second: ExplainedSide,
  link: { method: LinkMethod; evidence: LinkEvidence },
): string {
  const side = (row: ExplainedSide) => `${row.sourceName} '${row.name ?? "Untitled"}'`;
  const { evidence } = link;
  const reasons = [`start ${formatGap(evidence.startGapS)} apart`];
  if (evidence.distanceDiffPercent != null) reasons.push(within("distance", evidence.distanceDiffPercent));
  else if (evidence.durationDiffPercent != null) reasons.push(within("duration", evidence.durationDiffPercent));
  if (evidence.exactReason) reasons.push(evidence.exactReason);
  if (link.method === "manual") reasons.push("linked by you");
  return `Linked: ${side(first)} and ${side(second)} (${reasons.join(", ")})`;
}
