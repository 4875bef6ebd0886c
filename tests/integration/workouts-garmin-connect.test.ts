import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db/client";
import { providerConnections, type ProviderConnection } from "@/lib/db/schema";
import type { ConnectClient } from "@/lib/providers/garmin-connect/connect-client";
import { connectWorkoutCalendar } from "@/lib/providers/garmin-connect/workout-calendar";
import { connectWorkouts } from "@/lib/providers/garmin-connect/workout-destination";
import type { StepTarget, WorkoutSingleStep, WorkoutStep } from "@/lib/workouts/plan-types";
import type { OpenWorkoutCalendar } from "@/lib/workouts/open-calendar";
import { paceOfSpeed } from "@/lib/workouts/units";
import { connectWorkoutStore } from "@/sandbox/garmin-connect/sandbox-workouts";
import { INTERVAL_RUN, OVER_UNDERS } from "../fixtures/workout-plans";
import { describeEachDatabase } from "../databases";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpWorkoutApi } from "../workout-api";

// Password-linked Garmin Connect accounts arrive with #15. Until then these tests link one by
// hand (a connection row and a token the sandbox issued) and reach Connect through a client of
// their own, which is all the Connect destination asks for.

const sandbox = setUpSandboxServer();
const CONNECT_API = "connectapi.garmin.com";

/** A Connect client as #15 will provide one: paths on the API host, the account's Bearer token. */
const testClient = (accessToken: string): ConnectClient => ({
  request: (path, init = {}) =>
    fetch(`${sandbox.url}/${CONNECT_API}${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    }),
});

const openWithTestClient: OpenWorkoutCalendar = async (_db, connection) =>
  connectWorkoutCalendar(testClient(openTokens(connection).accessToken));

type ConnectStep = Record<string, unknown> & { type: string; workoutSteps?: ConnectStep[] };
const KINDS: Record<string, WorkoutSingleStep["kind"]> = {
  warmup: "warmup",
  interval: "active",
  recovery: "recovery",
  cooldown: "cooldown",
  rest: "rest",
};
const key = (value: unknown, field: string) => (value as Record<string, string>)[field];

/** What Connect holds, read back into our terms. */
function planStepsOf(steps: ConnectStep[]): WorkoutStep[] {
  return steps.map((step): WorkoutStep => {
    if (step.type === "RepeatGroupDTO")
      return { kind: "repeat", count: step.numberOfIterations as number, steps: planStepsOf(step.workoutSteps!) };
    const [one, two] = [step.targetValueOne as number, step.targetValueTwo as number];
    const targets: Record<string, StepTarget> = {
      "no.target": { type: "none" },
      "pace.zone": { type: "pace", fastestSecondsPerKm: paceOfSpeed(two), slowestSecondsPerKm: paceOfSpeed(one) },
      "heart.rate.zone": { type: "heart_rate", minBpm: one, maxBpm: two },
      "power.zone": { type: "power", minWatts: one, maxWatts: two },
      "cadence.zone": { type: "cadence", minPerMinute: one, maxPerMinute: two },
    };
    const end = key(step.endCondition, "conditionTypeKey");
    const value = step.endConditionValue as number;
    return {
      kind: KINDS[key(step.stepType, "stepTypeKey")!]!,
      duration:
        end === "time"
          ? { type: "time", seconds: value }
          : end === "distance"
            ? { type: "distance", meters: value }
            : { type: "lap_button" },
      target: targets[key(step.targetType, "workoutTargetTypeKey")!]!,
      ...(step.description ? { note: step.description as string } : {}),
    };
  });
}

/** An open step and a lap-button one are the same thing at Garmin; read back, both are lap-button steps. */
const asGarminSees = (steps: WorkoutStep[]): WorkoutStep[] =>
  steps.map((step) =>
    step.kind === "repeat"
      ? { ...step, steps: asGarminSees(step.steps) }
      : step.duration.type === "open"
        ? { ...step, duration: { type: "lap_button" } }
        : step,
  );

async function linkConnectAccount(db: Database, userId: string, login: string): Promise<ProviderConnection> {
  const accessToken = sandbox.state.issue("gc_at");
  sandbox.state.accessTokens.set(accessToken, {
    provider: "garmin_connect",
    account: login,
    scopes: [],
    expiresAt: null,
  });
  const [connection] = await db
    .insert(providerConnections)
    .values({
      userId,
      provider: "garmin_connect",
      externalUserId: randomUUID(),
      authKind: "credentials",
      encryptedCredentials: sealTokens({ accessToken, scopes: [] }),
    })
    .returning();
  return connection!;
}

const connectGet = (connection: ProviderConnection, path: string) =>
  testClient(openTokens(connection).accessToken).request(path);

describeEachDatabase("workouts to Garmin Connect (password-linked accounts)", (database) => {
  const { call, person } = setUpWorkoutApi(database, { openCalendar: openWithTestClient });

  it("round-trips: the same workout in Connect's library and an entry on the day, pushed with both ids", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "ada");
    const { workout } = await (
      await call("/api/workouts", {
        method: "POST",
        headers: me.key,
        body: { ...INTERVAL_RUN, scheduledDate: "2027-01-05" },
      })
    ).json();
    const pushed = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(pushed.status).toBe(200);
    const { push } = await pushed.json();
    expect(push).toMatchObject({ status: "pushed", scheduledDate: "2027-01-05" });

    const held = await (await connectGet(connection, `/workout-service/workout/${push.providerWorkoutId}`)).json();
    expect(held).toMatchObject({ workoutName: INTERVAL_RUN.name, sportType: { sportTypeKey: "running" } });
    expect(planStepsOf(held.workoutSegments[0].workoutSteps)).toEqual(INTERVAL_RUN.steps);
    const entry = await (await connectGet(connection, `/workout-service/schedule/${push.scheduleId}`)).json();
    expect(entry).toMatchObject({ calendarDate: "2027-01-05", workout: { workoutId: Number(push.providerWorkoutId) } });
  });

  it("rewrites the same Connect workout when the plan changes and moves its calendar entry", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "kip");
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: OVER_UNDERS })
    ).json();
    const push = (date: string) =>
      call(`/api/workouts/${workout.id}/push`, {
        method: "POST",
        headers: me.key,
        body: { connectionId: connection.id, date },
      });
    const first = (await (await push("2027-01-06")).json()).push;
    await call(`/api/workouts/${workout.id}`, {
      method: "PATCH",
      headers: me.key,
      body: { name: "Over-unders, longer" },
    });
    const second = (await (await push("2027-01-08")).json()).push;
    expect(second).toMatchObject({
      status: "pushed",
      providerWorkoutId: first.providerWorkoutId,
      scheduledDate: "2027-01-08",
    });

    const store = connectWorkoutStore(sandbox.state);
    expect([...store.workouts.values()].map((held) => held.workout.workoutName)).toEqual(["Over-unders, longer"]);
    expect([...store.schedules.values()].map((entry) => entry.calendarDate)).toEqual(["2027-01-08"]);
    const held = [...store.workouts.values()][0]!.workout;
    expect(planStepsOf(held.workoutSegments[0]!.workoutSteps as ConnectStep[])).toEqual(
      asGarminSees(OVER_UNDERS.steps),
    );
  });

  it("says to sign in again when Connect no longer takes the account's token", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "mo");
    sandbox.state.accessTokens.delete(openTokens(connection).accessToken);
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: INTERVAL_RUN })
    ).json();
    const refused = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(refused.status).toBe(502);
    expect((await refused.json()).error).toMatchObject({
      code: "PROVIDER_AUTH_EXPIRED",
      message: "Garmin Connect no longer accepts this connection; reconnect it.",
    });
    expect(connectWorkoutStore(sandbox.state).workouts.size).toBe(0);
  });

  it("reaches Connect the same way through the destination #15 wires in (a connection's authorized fetch)", async () => {
    const accessToken = sandbox.state.issue("gc_at");
    sandbox.state.accessTokens.set(accessToken, {
      provider: "garmin_connect",
      account: "faith",
      scopes: [],
      expiresAt: null,
    });
    // What a connection hands a destination: real URLs, routed to the simulator, with its token.
    const calendar = connectWorkouts(CONNECT_API, { "user-agent": "GCM-Android-5.23" }).open({
      tokens: { accessToken, scopes: [] },
      fetch: (realUrl, init) => {
        const url = new URL(realUrl);
        return fetch(`${sandbox.url}/${url.host}${url.pathname}${url.search}`, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${accessToken}` },
        });
      },
    });
    const remote = await calendar.createWorkout(INTERVAL_RUN, randomUUID());
    const scheduleId = await calendar.scheduleWorkout(remote, "2027-02-01");
    expect(connectWorkoutStore(sandbox.state).schedules.get(Number(scheduleId))).toMatchObject({
      login: "faith",
      workoutId: Number(remote.workoutId),
      calendarDate: "2027-02-01",
    });
    await calendar.unscheduleWorkout(scheduleId);
    expect(connectWorkoutStore(sandbox.state).schedules.size).toBe(0);
  });
});
