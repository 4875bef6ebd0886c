import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { getWorkoutPlanOrThrow } from "@/lib/db/queries/workout-plans";
import { claimWorkoutPush, finishWorkoutPush, recordWorkoutPushProgress } from "@/lib/db/queries/workout-pushes";
import type { WorkoutPlan, WorkoutPush } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { contentHashOf, contentOf } from "./content";
import type { RemoteWorkout, WorkoutCalendar } from "./destination-types";
import { openWorkoutCalendar, type OpenWorkoutCalendar } from "./open-calendar";

export interface PushWorkoutParams {
  userId: string;
  planId: string;
  connectionId: string;
  /** The day to schedule it on; absent: the plan's own date; null: on no day (the library only). */
  date?: string | null;
  appUrl?: string;
}

/**
 * Brings the provider's copy in line with the plan, one step at a time, each remembered as it
 * succeeds: the workout created (or rewritten when the plan changed since), then the calendar
 * entry moved to the day asked for. A push that fails half way resumes from what it recorded,
 * so retrying never leaves a second workout at the provider.
 */
async function bringUpToDate(
  db: Database,
  calendar: WorkoutCalendar,
  push: WorkoutPush,
  plan: WorkoutPlan,
  date: string | null,
): Promise<void> {
  const record = (progress: Parameters<typeof recordWorkoutPushProgress>[1]["progress"]) =>
    recordWorkoutPushProgress(db, { pushId: push.id, progress });
  // Nothing is written before we know the account lets us.
  await calendar.checkAccess();

  const content = contentOf(plan);
  const contentHash = contentHashOf(content);
  let remote: RemoteWorkout | null = push.providerWorkoutId
    ? { workoutId: push.providerWorkoutId, ...(push.providerOwnerId ? { ownerId: push.providerOwnerId } : {}) }
    : null;
  let schedule = { id: push.scheduleId, date: push.scheduledDate };

  if (remote && push.contentHash !== contentHash) remote = await calendar.updateWorkout(remote, content, plan.id);
  if (!remote) {
    // First push, or the person deleted the workout at the provider (its calendar entries went with it).
    remote = await calendar.createWorkout(content, plan.id);
    schedule = { id: null, date: null };
  }
  await record({
    providerWorkoutId: remote.workoutId,
    providerOwnerId: remote.ownerId ?? null,
    contentHash,
    scheduleId: schedule.id,
    scheduledDate: schedule.date,
  });

  if (schedule.id && schedule.date !== date) {
    await calendar.unscheduleWorkout(schedule.id);
    schedule = { id: null, date: null };
    await record({ scheduleId: null, scheduledDate: null });
  }
  if (date && !schedule.id)
    await record({ scheduleId: await calendar.scheduleWorkout(remote, date), scheduledDate: date });
}

/** Sends a plan to a connection's calendar and says how it went; a failure is recorded on the push and rethrown. */
export async function pushWorkoutPlan(
  db: Database,
  params: PushWorkoutParams,
  openCalendar: OpenWorkoutCalendar = openWorkoutCalendar,
): Promise<WorkoutPush> {
  const plan = await getWorkoutPlanOrThrow(db, params);
  const connection = await getConnectionOrThrow(db, params);
  const date = params.date === undefined ? plan.scheduledDate : params.date;
  const push = await claimWorkoutPush(db, params);
  if (!push) throw new AppError("CONFLICT", "This workout is being sent to that connection right now; wait a moment.");
  try {
    await bringUpToDate(db, await openCalendar(db, connection, { appUrl: params.appUrl }), push, plan, date);
    return await finishWorkoutPush(db, { pushId: push.id, outcome: { status: "pushed" } });
  } catch (error) {
    const message =
      error instanceof AppError ? error.message : "Something went wrong on our side while sending it; try again.";
    const failed = await finishWorkoutPush(db, { pushId: push.id, outcome: { status: "failed", message } });
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, { ...error.details, pushId: failed.id });
    throw error;
  }
}
