import { AppError } from "@/lib/errors";
import { readCalendarReply, readId, type CalendarReplies } from "@/lib/workouts/calendar-replies";
import type { RemoteWorkout, WorkoutCalendar } from "@/lib/workouts/destination-types";
import type { ConnectClient } from "./connect-client";
import { toConnectWorkout } from "./workout-json";

// Workouts through Garmin Connect's own API, for accounts linked by password (#15): the
// endpoints the Connect web app and python-garminconnect use. Confirmed: POST
// /workout-service/workout answers the stored workout with its workoutId; POST
// /workout-service/schedule/{workoutId} with {"date": "YYYY-MM-DD"} puts it on the calendar;
// DELETE /workout-service/schedule/{scheduleId} takes it off. UNCONFIRMED: the schedule reply
// beyond its workoutScheduleId (one client reads only that); PUT /workout-service/workout/{id}
// with the whole workout as the way to change one (clients that "update" do this).

const REPLIES: CalendarReplies = {
  name: "Garmin Connect",
  permissionStatuses: [403],
  permissionHint: "Garmin Connect did not let this account add workouts; sign in to the account again.",
};

function readRemote(body: unknown, what: string): RemoteWorkout {
  const record = (body ?? {}) as Record<string, unknown>;
  const workoutId = readId(record.workoutId);
  if (!workoutId)
    throw new AppError("PROVIDER_MALFORMED_PAYLOAD", `Garmin Connect answered ${what} without a workoutId.`);
  const ownerId = readId(record.ownerId);
  return { workoutId, ...(ownerId ? { ownerId } : {}) };
}

export function connectWorkoutCalendar(client: ConnectClient): WorkoutCalendar {
  return {
    name: "Garmin Connect",

    // A password-linked account owns its calendar: there is no separate grant to check.
    async checkAccess() {},

    async createWorkout(workout) {
      const response = await client.request("/workout-service/workout", {
        method: "POST",
        json: toConnectWorkout(workout),
      });
      return readRemote(await readCalendarReply(response, "the new workout", REPLIES), "the new workout");
    },

    async updateWorkout(remote, workout) {
      const body = {
        ...toConnectWorkout(workout),
        workoutId: Number(remote.workoutId),
        ...(remote.ownerId ? { ownerId: Number(remote.ownerId) } : {}),
      };
      const response = await client.request(`/workout-service/workout/${remote.workoutId}`, {
        method: "PUT",
        json: body,
      });
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
      const response = await client.request(`/workout-service/schedule/${remote.workoutId}`, {
        method: "POST",
        json: { date },
      });
      const body = await readCalendarReply(response, `scheduling the workout on ${date}`, REPLIES);
      const id = readId((body as Record<string, unknown> | null)?.workoutScheduleId);
      if (!id)
        throw new AppError(
          "PROVIDER_MALFORMED_PAYLOAD",
          "Garmin Connect answered the schedule request without its id.",
        );
      return id;
    },

    async unscheduleWorkout(scheduleId) {
      const response = await client.request(`/workout-service/schedule/${scheduleId}`, { method: "DELETE" });
      if (response.status === 404) return void (await response.body?.cancel());
      await readCalendarReply(response, "removing the old schedule entry", REPLIES);
    },
  };
}
