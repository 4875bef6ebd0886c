import type { LinkEvidence, LinkMethod } from "@/lib/db/schema";

/** What matching needs to know of one activity row. */
export interface MatchRow {
  id: string;
  provider: string;
  externalId: string;
  type: string;
  name: string | null;
  startAt: Date;
  durationS: number | null;
  distanceM: number | null;
  mergedIntoId: string | null;
  /** The provider's payload, only for providers that say what they are a copy of (copyOrigin). */
  raw: unknown;
}

/** A link found between two rows, before it is stored. */
export interface FoundLink {
  activityId: string;
  otherActivityId: string;
  method: LinkMethod;
  evidence: LinkEvidence;
}

/** One row of a group, with what choosing its primary weighs. */
export interface GroupMember {
  id: string;
  provider: string;
  externalId: string;
  type: string;
  mergedIntoId: string | null;
  /** How many of the summary's measurements the row has: richer data breaks a tie. */
  richness: number;
  createdAt: Date;
}

/** A row read for linking (findLinkCandidates): what matching and choosing a primary need, and what is around it. */
export interface LoadedRow extends MatchRow, GroupMember {
  /** One of the rows being linked (a page just written, a slice of the history). */
  isSeed: boolean;
  /** The seeds this row starts near. */
  nearIds: string[];
  /** The rows this one's stored links point at (each link is listed once, on its activityId). */
  linkedIds: string[];
  /** Forwarding-log entries tying a seed to another row: the forwarded source and its copy. */
  forwarded: Array<{ source: string; copy: string | null }>;
}
