import { describe, expect, it } from "vitest";
import type { WorkoutContent } from "@/lib/workouts/plan-types";
import { INTERVAL_RUN } from "@tests/fixtures/workout-plans";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { trainingCalendar } from "./training-calendar";
import { toTrainingWorkout } from "./training-workout";

const sandbox = setUpSandboxServer();

/** A token the sandbox issued for Garmin with these permissions, and the Training API as it sees it. */
function asAccount(permissions: string[]) {
  const accessToken = sandbox.state.issue("garmin_at");
  sandbox.state.accessTokens.set(accessToken, {
    provider: "garmin",
    account: "ada",
    scopes: permissions,
    expiresAt: null,
  });
  const send = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${sandbox.url}/apis.garmin.com${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const calendar = trainingCalendar((realUrl, init) => {
    const url = new URL(realUrl);
    return fetch(`${sandbox.url}/${url.host}${url.pathname}${url.search}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${accessToken}` },
    });
  });
  return { send, calendar };
}

const ALL = ["ACTIVITY_EXPORT", "WORKOUT_IMPORT"];

describe("the sandboxed Training API", () => {
  it("holds partners to the documented workout: unknown fields, step order, crossed ranges and sports are 400s", async () => {
    const { send } = asAccount(ALL);
    const valid = toTrainingWorkout(INTERVAL_RUN, "plan1");
    const refusals: Array<[unknown, RegExp]> = [
      [{ ...valid, colour: "red" }, /Unrecognized key: "colour"/],
      [{ ...valid, workoutProvider: "A provider name over twenty" }, /workoutProvider/],
      [{ ...valid, segments: [{ ...valid.segments[0], sport: "CYCLING" }] }, /segments\[0\]\.sport must be RUNNING/],
      [
        { ...valid, segments: [{ ...valid.segments[0], steps: [{ ...valid.segments[0].steps[0], stepOrder: 2 }] }] },
        /stepOrder must be 1, not 2/,
      ],
      [
        {
          ...valid,
          segments: [
            {
              ...valid.segments[0],
              steps: [
                { ...valid.segments[0].steps[0], targetType: "HEART_RATE", targetValueLow: 150, targetValueHigh: 140 },
              ],
            },
          ],
        },
        /targetValueLow must not exceed targetValueHigh/,
      ],
    ];
    for (const [body, message] of refusals) {
      const response = await send("/workoutportal/workout/v2", { method: "POST", body });
      expect(response.status).toBe(400);
      expect((await response.json()).errorMessage).toMatch(message);
    }
    expect((await send("/workoutportal/workout/v2", { method: "POST", body: valid })).status).toBe(200);
  });

  it("answers 412 to a write without WORKOUT_IMPORT, which the calendar reports as the missing permission", async () => {
    const { calendar, send } = asAccount(["ACTIVITY_EXPORT"]);
    expect(await (await send("/wellness-api/rest/user/permissions")).json()).toEqual(["ACTIVITY_EXPORT"]);
    await expect(calendar.createWorkout(INTERVAL_RUN, "plan1")).rejects.toMatchObject({
      code: "PROVIDER_SCOPE_MISSING",
      message: expect.stringContaining("Garmin refused the new workout (User permission WORKOUT_IMPORT is required)"),
    });
    await expect(calendar.checkAccess()).rejects.toMatchObject({ code: "PROVIDER_SCOPE_MISSING" });
  });

  it("creates, updates with the owner's id, schedules and unschedules, and keeps a deleted workout's 404 for the caller", async () => {
    const { calendar, send } = asAccount(ALL);
    await calendar.checkAccess();
    const remote = await calendar.createWorkout(INTERVAL_RUN, "plan1");
    expect(remote.ownerId).toMatch(/^\d+$/);
    const renamed: WorkoutContent = { ...INTERVAL_RUN, name: "Renamed" };
    expect(await calendar.updateWorkout(remote, renamed, "plan1")).toEqual(remote);
    expect((await (await send(`/training-api/workout/v2/${remote.workoutId}`)).json()).workoutName).toBe("Renamed");
    // Without the ownerId Garmin refuses the update.
    const anonymous = await calendar
      .updateWorkout({ workoutId: remote.workoutId }, renamed, "plan1")
      .catch((error) => error);
    expect(anonymous).toMatchObject({
      code: "PROVIDER_REFUSED",
      message: expect.stringMatching(/ownerId is required/),
    });

    const scheduleId = await calendar.scheduleWorkout(remote, "2027-03-01");
    expect(await (await send(`/training-api/schedule/${scheduleId}`)).json()).toMatchObject({ date: "2027-03-01" });
    await calendar.unscheduleWorkout(scheduleId);
    await calendar.unscheduleWorkout(scheduleId);
    expect((await send(`/training-api/schedule/${scheduleId}`)).status).toBe(404);

    await send(`/training-api/workout/v2/${remote.workoutId}`, { method: "DELETE" });
    expect(await calendar.updateWorkout(remote, renamed, "plan1")).toBeNull();
  });
});
