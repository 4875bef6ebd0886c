import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { activities } from "./activities";
import { createdAt, id, updatedAt } from "./columns";

export const LINK_METHODS = ["external_id", "forwarding", "file_hash", "scored", "manual"] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

/** What made two rows one activity, kept so the link can be explained later in the same words. */
export interface LinkEvidence {
  /** Seconds between the two starts. */
  startGapS: number;
  /** |a - b| / max(a, b), in percent; null when either side has none. */
  distanceDiffPercent: number | null;
  durationDiffPercent: number | null;
  /** 0..1 for a scored match (1 = same start, duration and distance). */
  score: number | null;
  /** The exact reason, in words ("Strava names the Garmin upload"); absent for a scored match. */
  exactReason?: string;
}

// One edge between two rows of one person that are copies of one activity: an activity's
// copies are the rows these edges connect. The newer row is `activityId`.
export const activityLinks = pgTable(
  "activity_links",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activityId: uuid()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    otherActivityId: uuid()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    method: text({ enum: LINK_METHODS }).notNull(),
    evidence: jsonb().$type<LinkEvidence>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("activity_links_pair_unique").on(table.activityId, table.otherActivityId),
    index("activity_links_other_idx").on(table.otherActivityId),
  ],
);

export type ActivityLink = typeof activityLinks.$inferSelect;

export const LINK_DECISIONS = ["split", "join"] as const;
export type LinkDecision = (typeof LINK_DECISIONS)[number];

// The person's own word on two rows: never link them (split) or always (join). Keyed by each
// row's source and its source's id, not by our row ids, so a decision outlives a re-sync, a
// disconnect and reconnect, or a row deleted and written again. The pair is stored in order
// (a < b by provider, then external id).
export const activityLinkDecisions = pgTable(
  "activity_link_decisions",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    decision: text({ enum: LINK_DECISIONS }).notNull(),
    providerA: text().notNull(),
    externalIdA: text().notNull(),
    providerB: text().notNull(),
    externalIdB: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("activity_link_decisions_pair_unique").on(
      table.userId,
      table.providerA,
      table.externalIdA,
      table.providerB,
      table.externalIdB,
    ),
    index("activity_link_decisions_b_idx").on(table.userId, table.providerB, table.externalIdB),
  ],
);

export type ActivityLinkDecision = typeof activityLinkDecisions.$inferSelect;

// The person's order of sources per sport family ("*" for every sport without its own):
// the first source that has a copy of an activity is its primary.
export const sourcePriorities = pgTable(
  "source_priorities",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sport: text().notNull(),
    providers: text().array().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("source_priorities_user_sport_unique").on(table.userId, table.sport)],
);

export type SourcePriority = typeof sourcePriorities.$inferSelect;

// The one-off linking pass over a person's stored activities (merge/activities/link-history):
// rows stored before linking existed, or whose primaries a new source order re-chooses, are
// linked in start order, a slice per transaction. No row, or a row without finished_at, means
// the pass is due; the cursor is the last row a committed slice linked, so a stopped pass resumes.
export const activityLinkPasses = pgTable("activity_link_passes", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  cursorStartAt: timestamp({ withTimezone: true }),
  cursorId: uuid(),
  finishedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type ActivityLinkPass = typeof activityLinkPasses.$inferSelect;
