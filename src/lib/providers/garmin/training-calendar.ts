import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readCalendarReply, readId, type CalendarReplies } from "@/lib/workouts/calendar-replies";
import type {
  AuthorizedFetch,
  RemoteWorkout,
  WorkoutCalendar,
  WorkoutDestination,
} from "@/lib/workouts/destination-types";
import { toTrainingWorkout, trainingSourceId } from "./training-workout";

// Garmin's Training API (official connections, OAuth 2.0): create the workout, then put it on
// the person's calendar. Paths as the V2 specification is quoted by partner integrations:
// create POST /workoutportal/workout/v2, update and delete /training-api/workout/v2/{id},
// schedules POST /training-api/schedule/ with {workoutId, date} and /training-api/schedule/{id}.
// Garmin answers 412 when the person has not granted WORKOUT_IMPORT, and updates need the
// workout's ownerId back. UNCONFIRMED: what the schedule POST returns; we take a bare id (as
// JSON or text) or an object naming workoutScheduleId.

const API = "https://apis.garmin.com";
const PERMISSIONS_URL = `${API}/wellness-api/rest/user/permissions`;
export const WORKOUT_IMPORT = "WORKOUT_IMPORT";

const REPLIES: CalendarReplies = {
  name: "Garmin",
  permissionStatuses: [412],
  permissionHint:
    "Garmin has not let QT.run add workouts to this account: reconnect Garmin and leave workout import switched on.",
};

// Garmin answers a bare array; some clients have seen it wrapped in { permissions }.
const permissionsSchema = z.union([z.array(z.string()), z.object({ permissions: z.array(z.string()) })]);

function readRemote(body: unknown, what: string): RemoteWorkout {
  const record = (body ?? {}) as Record<string, unknown>;
  const workoutId = readId(record.workoutId);
  if (!workoutId) throw new AppError("PROVIDER_MALFORMED_PAYLOAD", `Garmin answered ${what} without a workoutId.`);
  const ownerId = readId(record.ownerId);
  return { workoutId, ...(ownerId ? { ownerId } : {}) };
}

function readScheduleId(body: unknown): string {
  const id =
    readId(body) ??
    readId((body as Record<string, unknown> | null)?.workoutScheduleId) ??
    readId((body as Record<string, unknown> | null)?.scheduleId);
  if (!id) throw new AppError("PROVIDER_MALFORMED_PAYLOAD", "Garmin answered the schedule request without its id.");
  return id;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function trainingCalendar(fetch: AuthorizedFetch): WorkoutCalendar {
  return {
    name: "Garmin (Training API)",

    async checkAccess() {
      const body = await readCalendarReply(await fetch(PERMISSIONS_URL), "the permission check", REPLIES);
      const parsed = permissionsSchema.safeParse(body);
      if (!parsed.success)
        throw new AppError(
          "PROVIDER_MALFORMED_PAYLOAD",
          "Garmin's user/permissions reply is not a list of permissions.",
        );
      const permissions = Array.isArray(parsed.data) ? parsed.data : parsed.data.permissions;
      if (!permissions.includes(WORKOUT_IMPORT))
        throw new AppError(
          "PROVIDER_SCOPE_MISSING",
          `Garmin has not let QT.run add workouts to this account (no ${WORKOUT_IMPORT} permission). Reconnect Garmin and leave workout import switched on.`,
          { permissions },
        );
    },

    async createWorkout(workout, sourceId) {
      const response = await fetch(
        `${API}/workoutportal/workout/v2`,
        json("POST", toTrainingWorkout(workout, trainingSourceId(sourceId))),
      );
      return readRemote(await readCalendarReply(response, "the new workout", REPLIES), "the new workout");
    },

    async updateWorkout(remote, workout, sourceId) {
      const body = {
        ...toTrainingWorkout(workout, trainingSourceId(sourceId)),
        workoutId: Number(remote.workoutId),
        ...(remote.ownerId ? { ownerId: Number(remote.ownerId) } : {}),
      };
      const response = await fetch(`${API}/training-api/workout/v2/${remote.workoutId}`, json("PUT", body));
      // Deleted in Garmin Connect since we created it: the caller creates it anew.
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      const reply = await readCalendarReply(response, "the updated workout", REPLIES);
      return reply && typeof reply === "object" && "workoutId" in reply
        ? readRemote(reply, "the updated workout")
        : remote;
    },

    async scheduleWorkout(remote, date) {
      const response = await fetch(
        `${API}/training-api/schedule/`,
        json("POST", { workoutId: Number(remote.workoutId), date }),
      );
      return readScheduleId(await readCalendarReply(response, `scheduling the workout on ${date}`, REPLIES));
    },

    async unscheduleWorkout(scheduleId) {
      const response = await fetch(`${API}/training-api/schedule/${scheduleId}`, { method: "DELETE" });
      if (response.status === 404) return void (await response.body?.cancel());
      await readCalendarReply(response, "removing the old schedule entry", REPLIES);
    },
  };
}

export const garminWorkouts: WorkoutDestination = {
  open(access) {
    // The Training API is OAuth 2.0 only; a legacy OAuth 1.0a grant has to be renewed first.
    if (access.tokens.tokenSecret)
      throw new AppError(
        "PROVIDER_AUTH_EXPIRED",
        "This Garmin connection still uses Garmin's old sign-in (OAuth 1.0a); reconnect it to send workouts.",
      );
    return trainingCalendar(access.fetch);
  },
};
