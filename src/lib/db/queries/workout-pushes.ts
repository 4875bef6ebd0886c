import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { providerConnections, workoutPushes, type WorkoutPush } from "../schema";

/** A push as lists show it: with the connection it went to. */
export type WorkoutPushWithConnection = WorkoutPush & { provider: string; connectionLabel: string | null };

/** How long a running push holds its claim: longer than any push takes, short enough to retry after a crash. */
export const PUSH_CLAIM_MS = 2 * 60_000;

export async function listWorkoutPushes(
  db: Database,
  params: { userId: string; planIds: string[] },
): Promise<WorkoutPushWithConnection[]> {
  if (!params.planIds.length) return [];
  const rows = await db
    .select({ push: workoutPushes, provider: providerConnections.provider, connectionLabel: providerConnections.label })
    .from(workoutPushes)
    .innerJoin(providerConnections, eq(providerConnections.id, workoutPushes.connectionId))
    .where(and(eq(workoutPushes.userId, params.userId), inArray(workoutPushes.planId, params.planIds)))
    .orderBy(workoutPushes.createdAt);
  return rows.map((row) => ({ ...row.push, provider: row.provider, connectionLabel: row.connectionLabel }));
}

/**
 * Marks the plan's push to this connection as running and returns it, creating the row on the
 * first push. Null while another push of the same plan to the same place holds the claim, so
 * two clicks never create two workouts at the provider.
 */
export async function claimWorkoutPush(
  db: Database,
  params: { userId: string; planId: string; connectionId: string; now?: Date },
): Promise<WorkoutPush | null> {
  const now = params.now ?? new Date();
  const [row] = await db
    .insert(workoutPushes)
    .values({ userId: params.userId, planId: params.planId, connectionId: params.connectionId, attemptStartedAt: now })
    .onConflictDoUpdate({
      target: [workoutPushes.planId, workoutPushes.connectionId],
      set: { status: "pending", message: null, attemptStartedAt: now, updatedAt: now },
      where: or(
        isNull(workoutPushes.attemptStartedAt),
        lt(workoutPushes.attemptStartedAt, new Date(now.getTime() - PUSH_CLAIM_MS)),
      ),
    })
    .returning();
  return row ?? null;
}

type PushProgress = Partial<
  Pick<WorkoutPush, "providerWorkoutId" | "providerOwnerId" | "scheduleId" | "scheduledDate" | "contentHash">
>;

/** What the provider now holds, written as soon as each step succeeds. */
export async function recordWorkoutPushProgress(
  db: Database,
  params: { pushId: string; progress: PushProgress },
): Promise<void> {
  await db
    .update(workoutPushes)
    .set({ ...params.progress, updatedAt: new Date() })
    .where(eq(workoutPushes.id, params.pushId));
}

/** Ends a push: pushed, or failed with the reason; the claim is released either way. */
export async function finishWorkoutPush(
  db: Database,
  params: { pushId: string; outcome: { status: "pushed" } | { status: "failed"; message: string } },
): Promise<WorkoutPush> {
  const now = new Date();
  const [row] = await db
    .update(workoutPushes)
    .set({
      status: params.outcome.status,
      message: params.outcome.status === "failed" ? params.outcome.message : null,
      attemptStartedAt: null,
      ...(params.outcome.status === "pushed" ? { pushedAt: now } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(workoutPushes.id, params.pushId))
    .returning();
  return row!;
}
