import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { WORKOUT_SPORTS, type WorkoutStep } from "@/lib/workouts/plan-types";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { providerConnections } from "./connections";

export const WORKOUT_PUSH_STATUSES = ["pending", "pushed", "failed"] as const;

/** A structured workout a person plans here and sends to their watch's calendar. */
export const workoutPlans = pgTable(
  "workout_plans",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    sport: text({ enum: WORKOUT_SPORTS }).notNull(),
    description: text(),
    // Validated by workoutStepsSchema (lib/workouts/plan-schema.ts) before it is written.
    steps: jsonb().$type<WorkoutStep[]>().notNull(),
    // The person's own calendar day, not an instant: a watch shows the workout on that day.
    scheduledDate: date({ mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("workout_plans_user_date_idx").on(table.userId, table.scheduledDate)],
);

/**
 * Where one plan went: one row per plan and destination connection. The provider's ids are kept
 * as soon as each step succeeds, so a push that failed half way resumes instead of creating a
 * second workout at the provider.
 */
export const workoutPushes = pgTable(
  "workout_pushes",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    planId: uuid()
      .notNull()
      .references(() => workoutPlans.id, { onDelete: "cascade" }),
    connectionId: uuid()
      .notNull()
      .references(() => providerConnections.id, { onDelete: "cascade" }),
    status: text({ enum: WORKOUT_PUSH_STATUSES }).notNull().default("pending"),
    /** Why it failed, in words a person can act on. */
    message: text(),
    providerWorkoutId: text(),
    /** The account id the provider stamped on the workout (Garmin's Training API needs it to update one). */
    providerOwnerId: text(),
    scheduleId: text(),
    /** The day the provider's schedule entry is on. */
    scheduledDate: date({ mode: "string" }),
    /** The plan content (hash) the provider's workout was last written from: unchanged plans are not sent again. */
    contentHash: text(),
    /** Set while a push runs; a second push of the same plan to the same place waits for it. */
    attemptStartedAt: timestamp({ withTimezone: true }),
    pushedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("workout_pushes_plan_connection_unique").on(table.planId, table.connectionId),
    index("workout_pushes_user_idx").on(table.userId),
  ],
);

export type WorkoutPlan = typeof workoutPlans.$inferSelect;
export type WorkoutPush = typeof workoutPushes.$inferSelect;
export type WorkoutPushStatus = (typeof WORKOUT_PUSH_STATUSES)[number];
