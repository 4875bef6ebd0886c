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
