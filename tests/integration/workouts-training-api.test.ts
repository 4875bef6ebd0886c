import { expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { openTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db/client";
import { claimWorkoutPush, finishWorkoutPush } from "@/lib/db/queries/workout-pushes";
import type { StepTarget, WorkoutSingleStep, WorkoutStep } from "@/lib/workouts/plan-types";
import { paceOfSpeed } from "@/lib/workouts/units";
import { trainingStore } from "@/sandbox/garmin/sandbox-training";
import { INTERVAL_RUN } from "../fixtures/workout-plans";
import { describeEachDatabase } from "../databases";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpWorkoutApi } from "../workout-api";

const sandbox = setUpSandboxServer();

type GarminStep = Record<string, unknown> & { type: string; steps?: GarminStep[] };
const KINDS: Record<string, WorkoutSingleStep["kind"]> = {
  WARMUP: "warmup",
  ACTIVE: "active",
  RECOVERY: "recovery",
  COOLDOWN: "cooldown",
  REST: "rest",
};

/** What Garmin holds, read back into our terms: the round trip is exact when this equals the plan. */
function planStepsOf(steps: GarminStep[]): WorkoutStep[] {
  return steps.map((step): WorkoutStep => {
    if (step.type === "WorkoutRepeatStep")
      return { kind: "repeat", count: step.repeatValue as number, steps: planStepsOf(step.steps!) };
    const [low, high] = [step.targetValueLow as number, step.targetValueHigh as number];
    const targets: Record<string, StepTarget> = {
      OPEN: { type: "none" },
      PACE: { type: "pace", fastestSecondsPerKm: paceOfSpeed(high), slowestSecondsPerKm: paceOfSpeed(low) },
      HEART_RATE: { type: "heart_rate", minBpm: low, maxBpm: high },
      POWER: { type: "power", minWatts: low, maxWatts: high },
      CADENCE: { type: "cadence", minPerMinute: low, maxPerMinute: high },
    };
    const value = step.durationValue as number;
    return {
      kind: KINDS[step.intensity as string]!,
      duration:
        step.durationType === "TIME"
          ? { type: "time", seconds: value }
          : step.durationType === "DISTANCE"
            ? { type: "distance", meters: value }
            : { type: "lap_button" },
      target: targets[step.targetType as string]!,
      ...(step.description ? { note: step.description as string } : {}),
    };
  });
}

describeEachDatabase("workouts to Garmin's Training API", (database) => {
  const { call, person } = setUpWorkoutApi(database);

  async function garminConnection(db: Database, userId: string, options: { grantedScope?: string } = {}) {
    const query = await authorizeAtProvider(db, {
      userId,
      provider: "garmin",
      account: `runner-${userId}`,
      ...options,
    });
    return (await completeConnection(db, { userId, query, origin: APP_ORIGIN })).connection;
  }

  async function planFor(headers: Record<string, string>, body: object = {}) {
    const created = await call("/api/workouts", {
      method: "POST",
      headers,
      body: { ...INTERVAL_RUN, scheduledDate: "2026-12-24", ...body },
    });
    return (await created.json()).workout as { id: string };
  }

  /** The sandbox's Training API, asked as the connection: what Garmin now holds. */
  const garminGet = (token: string, path: string) =>
    fetch(`${sandbox.url}/apis.garmin.com${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("round-trips: created at Garmin as the same workout, scheduled on the plan's day, pushed with both ids", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id);
    const plan = await planFor(me.key);

    const pushed = await call(`/api/workouts/${plan.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(pushed.status).toBe(200);
    const { push } = await pushed.json();
    expect(push).toMatchObject({
      connectionId: connection.id,
      status: "pushed",
      message: null,
      scheduledDate: "2026-12-24",
    });
    expect(push.providerWorkoutId).toMatch(/^\d+$/);
    expect(push.scheduleId).toMatch(/^\d+$/);

    const token = openTokens(connection).accessToken;
    const held = await (await garminGet(token, `/training-api/workout/v2/${push.providerWorkoutId}`)).json();
    expect(held).toMatchObject({
      workoutName: INTERVAL_RUN.name,
      description: INTERVAL_RUN.description,
      sport: "RUNNING",
    });
    expect(planStepsOf(held.segments[0].steps)).toEqual(INTERVAL_RUN.steps);
    const onTheDay = await (
      await garminGet(token, "/training-api/schedule?startDate=2026-12-24&endDate=2026-12-24")
    ).json();
    expect(onTheDay).toEqual([
      { workoutScheduleId: Number(push.scheduleId), workoutId: Number(push.providerWorkoutId), date: "2026-12-24" },
    ]);

    const { workout } = await (await call(`/api/workouts/${plan.id}`, { headers: me.session })).json();
    expect(workout.pushes).toMatchObject([
      { provider: "garmin", status: "pushed", providerWorkoutId: push.providerWorkoutId, isCurrent: true },
    ]);
  });

  it("sends only what changed: nothing for an unchanged plan, the same workout rewritten, the entry moved to a new day", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id);
    const plan = await planFor(me.key);
    const push = (body: object = {}) =>
      call(`/api/workouts/${plan.id}/push`, {
        method: "POST",
        headers: me.key,
        body: { connectionId: connection.id, ...body },
      });
    const first = (await (await push()).json()).push;
    await push();
    expect(sandbox.state.countCalls({ method: "POST", path: "/workoutportal/workout/v2" })).toBe(1);
    expect(sandbox.state.countCalls({ method: "POST", path: "/training-api/schedule" })).toBe(1);

    const slower = structuredClone(INTERVAL_RUN.steps);
    slower[0] = { ...slower[0]!, duration: { type: "time", seconds: 1200 } } as WorkoutStep;
    await call(`/api/workouts/${plan.id}`, { method: "PATCH", headers: me.key, body: { steps: slower } });
    const stale = (await (await call(`/api/workouts/${plan.id}`, { headers: me.key })).json()).workout;
    expect(stale.pushes[0].isCurrent).toBe(false);

    const second = (await (await push({ date: "2026-12-27" })).json()).push;
    expect(second).toMatchObject({
      status: "pushed",
      providerWorkoutId: first.providerWorkoutId,
      scheduledDate: "2026-12-27",
    });
    expect(second.scheduleId).not.toBe(first.scheduleId);
    const store = trainingStore(sandbox.state);
    expect([...store.workouts.values()].map((held) => held.workout.segments[0]!.steps[0])).toMatchObject([
      { durationType: "TIME", durationValue: 1200 },
    ]);
    expect([...store.schedules.values()].map((entry) => entry.date)).toEqual(["2026-12-27"]);

    // No date at all: the workout stays in the library, off the calendar.
    expect((await (await push({ date: null })).json()).push).toMatchObject({ scheduleId: null, scheduledDate: null });
    expect(store.schedules.size).toBe(0);
    expect(store.workouts.size).toBe(1);
  });

  it("stops with a clear reason when the person did not allow workout import, having written nothing", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id, {
      grantedScope: "ACTIVITY_EXPORT HEALTH_EXPORT HISTORICAL_DATA_EXPORT",
    });
    const plan = await planFor(me.key);
    const refused = await call(`/api/workouts/${plan.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(refused.status).toBe(403);
    const { error } = await refused.json();
    expect(error.code).toBe("PROVIDER_SCOPE_MISSING");
    expect(error.message).toBe(
      "Garmin has not let QT.run add workouts to this account (no WORKOUT_IMPORT permission). Reconnect Garmin and leave workout import switched on.",
    );
    expect(sandbox.state.countCalls({ method: "GET", path: "/wellness-api/rest/user/permissions" })).toBe(1);
    expect(trainingStore(sandbox.state).workouts.size).toBe(0);
    const { workout } = await (await call(`/api/workouts/${plan.id}`, { headers: me.key })).json();
    expect(workout.pushes).toMatchObject([{ status: "failed", message: error.message, providerWorkoutId: null }]);
  });

  it("resumes a push that failed half way, without a second workout at Garmin", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id);
    const plan = await planFor(me.key);
    sandbox.state.faults.push({
      host: "apis.garmin.com",
      pathIncludes: "/training-api/schedule",
      kind: "server_error",
      times: 1,
    });
    const push = () =>
      call(`/api/workouts/${plan.id}/push`, { method: "POST", headers: me.key, body: { connectionId: connection.id } });

    const failed = await push();
    expect(failed.status).toBe(503);
    expect((await failed.json()).error.message).toMatch(
      /Garmin answered HTTP 500 to scheduling the workout on 2026-12-24/,
    );
    const { workout } = await (await call(`/api/workouts/${plan.id}`, { headers: me.key })).json();
    expect(workout.pushes[0]).toMatchObject({ status: "failed", scheduleId: null });
    expect(workout.pushes[0].providerWorkoutId).toMatch(/^\d+$/);

    expect((await (await push()).json()).push).toMatchObject({
      status: "pushed",
      providerWorkoutId: workout.pushes[0].providerWorkoutId,
    });
    expect(trainingStore(sandbox.state).workouts.size).toBe(1);
    expect(trainingStore(sandbox.state).schedules.size).toBe(1);
  });

  it("renews a token Garmin refuses before its time, and carries on", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id);
    const plan = await planFor(me.key);
    sandbox.state.expireAccessTokens("garmin", `runner-${me.user.id}`);
    const pushed = await call(`/api/workouts/${plan.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect((await pushed.json()).push).toMatchObject({ status: "pushed" });
    expect(sandbox.state.countCalls({ provider: "garmin", grant: "refresh_token" })).toBe(1);
  });

  it("lets one push of a plan to a place run at a time, and the next after it ends", async () => {
    const me = await person();
    const connection = await garminConnection(database.db, me.user.id);
    const plan = await planFor(me.key);
    const claim = () =>
      claimWorkoutPush(database.db, { userId: me.user.id, planId: plan.id, connectionId: connection.id });
    const running = await claim();
    expect(running).not.toBeNull();
    expect(await claim()).toBeNull();
    const busy = await call(`/api/workouts/${plan.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(busy.status).toBe(409);
    await finishWorkoutPush(database.db, { pushId: running!.id, outcome: { status: "failed", message: "stopped" } });

    // A push cut off by a restart holds its claim only so long; then it reads as interrupted and the next one goes.
    await claimWorkoutPush(database.db, {
      userId: me.user.id,
      planId: plan.id,
      connectionId: connection.id,
      now: new Date(Date.now() - 3 * 60_000),
    });
    const { workout } = await (await call(`/api/workouts/${plan.id}`, { headers: me.key })).json();
    expect(workout.pushes).toMatchObject([{ status: "failed", message: "Sending was interrupted; send it again." }]);
    const resumed = await call(`/api/workouts/${plan.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect((await resumed.json()).push).toMatchObject({ status: "pushed" });
  });
});
